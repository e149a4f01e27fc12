"""Reading a CSV file into a Table: its encoding, its cell separator and its rows.

Encodings: a UTF-8 or UTF-16 byte-order mark decides. Without one the file is read as
UTF-8 when it all decodes as UTF-8, and as Windows-1252 (cp1252, what Excel on a
Western-European Windows saves) when none of it does. A file that mixes the two, as
when two exports are pasted together, is read line by line, and the rows read as
cp1252 are flagged so their accents get checked.

Separators: Excel writes semicolons where the decimal mark is a comma (Spain among
others), and tabs when saving as "Unicode text". The separator is the candidate that
splits the header into the most columns while the rows agree with it. The csv
module's Sniffer was not used because it guesses from character frequencies and
picks the decimal comma of "1.234,56" when there are few rows.

Cells stay text: a SKU or barcode such as "0012345678905" is never converted to a
number, so its leading zeros survive, and Excel's `="0012"` wrapper, which Excel
writes to keep those zeros, is removed. Rows are numbered by record, not by physical
line, so a quoted description with line breaks still counts as one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Iterator
from pathlib import Path

from retail_assistant.adapters.importing.table import Row, Table, column_key
from retail_assistant.core.errors import ImportFileError

__all__ = ["detect_delimiter", "read_csv_table"]

log = logging.getLogger(__name__)

# The csv module rejects cells longer than 128 KiB by default, which a product
# description with inline images can exceed.
_MAX_CELL_CHARS = 16 * 1024 * 1024

_DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_CHARS = 64 * 1024
_MIXED = "mixed (utf-8, cp1252)"
_FOREIGN_LINE_NOTE = (
    "the row is not UTF-8 like the rest of the file and was read as Windows-1252; check its accents"
)


def read_csv_table(path: Path, data: bytes) -> Table:
    """Read the CSV bytes `data` of the file at `path` into a Table.

    Raises ImportFileError when the text is empty, undecodable, or has no header.
    Rows with broken quoting raise ImportFileError when they are read.
    """
    text, encoding, foreign_lines = _decode(data, path)
    if not text.strip():
        raise ImportFileError(f"the import file {path} is empty; export the data from your point of sale again")

    # The limit is global to the process, so it is only ever raised, never lowered.
    csv.field_size_limit(max(csv.field_size_limit(), _MAX_CELL_CHARS))
    delimiter = detect_delimiter(text)
    header, header_number = _header(text, delimiter, path)
    labels = _header_labels(header, path)
    keys = [column_key(name) for name in header]

    def read_rows() -> Iterator[Row]:
        return _rows(text, delimiter, path, keys=keys, header_number=header_number, foreign_lines=foreign_lines)

    log.debug("%s: %s, separator %r, %d columns", path, encoding, delimiter, len(labels))
    return Table(path=path, encoding=encoding, delimiter=delimiter, labels=labels, read_rows=read_rows)


def detect_delimiter(text: str) -> str:
    """Return the separator among , ; tab | that splits the start of `text` most consistently."""
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        # A half line at the end of the sample would count as an inconsistent row.
        sample = sample[: sample.rindex("\n")]

    best, best_score = ",", (0.0, 0)
    for candidate in _DELIMITERS:
        records = [
            record
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=candidate)
            if any(cell.strip() for cell in record)
        ]
        if not records or len(_trimmed(records[0])) < 2:
            continue
        header = records[0]
        body = records[1:] or [header]
        agreeing = sum(
            1 for record in body if len(record) == len(header) or len(_trimmed(record)) == len(_trimmed(header))
        )
        score = (agreeing / len(body), len(_trimmed(header)))
        if score > best_score:
            best, best_score = candidate, score
    return best


def _trimmed(record: list[str]) -> list[str]:
    # A trailing separator on every line (Excel writes one for an empty last column) adds empty cells.
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def _decode(data: bytes, path: Path) -> tuple[str, str, frozenset[int]]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig", frozenset()
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"the import file {path} starts with a UTF-8 byte-order mark but is not valid "
                f"UTF-8 at byte {error.start}; export it again"
            ) from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", frozenset()
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"the import file {path} starts with a UTF-16 byte-order mark but is not valid "
                f"UTF-16 at byte {error.start}; save it again as 'CSV UTF-8'"
            ) from error

    try:
        return data.decode("utf-8"), "utf-8", frozenset()
    except UnicodeDecodeError:
        pass
    return _decode_by_line(data, path)


def _decode_by_line(data: bytes, path: Path) -> tuple[str, str, frozenset[int]]:
    lines: list[str] = []
    foreign: set[int] = set()
    utf8_lines = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
            if not line.isascii():
                utf8_lines += 1
            continue
        except UnicodeDecodeError:
            pass
        try:
            lines.append(line.decode("cp1252"))
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"the import file {path} is neither UTF-8 nor Windows-1252 text (invalid byte on "
                f"line {number}); save it as 'CSV UTF-8' and import it again"
            ) from error
        foreign.add(number)

    text = "\n".join(lines)
    if utf8_lines == 0:
        log.info("%s is not UTF-8; reading it as Windows-1252", path)
        return text, "cp1252", frozenset()
    log.info("%s mixes UTF-8 and Windows-1252 lines; %d lines read as Windows-1252", path, len(foreign))
    return text, _MIXED, frozenset(foreign)


def _header(text: str, delimiter: str, path: Path) -> tuple[list[str], int]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if any(cell.strip() for cell in record):
                return [_unwrapped(cell) for cell in record], number
    except csv.Error as error:
        raise ImportFileError(
            f"the import file {path} is not valid CSV near line {reader.line_num}: {error}; "
            "export it again, or fix the quoting on that line"
        ) from error
    raise ImportFileError(f"the import file {path} is empty; export the data from your point of sale again")


def _header_labels(header: list[str], path: Path) -> dict[str, str]:
    labels: dict[str, str] = {}
    for name in header:
        key = column_key(name)
        if not key:
            continue
        if key in labels:
            raise ImportFileError(
                f"the import file {path} has the column {name.strip()!r} twice; "
                "remove one of them and import it again"
            )
        labels[key] = name.strip()
    return labels


def _rows(
    text: str,
    delimiter: str,
    path: Path,
    *,
    keys: list[str],
    header_number: int,
    foreign_lines: frozenset[int],
) -> Iterator[Row]:
    width = len(keys)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last_line = 0
    try:
        for number, cells in enumerate(reader, start=1):
            first_line, last_line = last_line + 1, reader.line_num
            # One join finds an empty row (or one of separators and spaces) at C speed.
            if number <= header_number or not "".join(cells).strip():
                continue
            if len(cells) > width and any(cell.strip() for cell in cells[width:]):
                yield Row(
                    number,
                    {},
                    problem=(
                        f"the row has {len(cells)} cells but the header has {width}; check for a "
                        f"{_separator_name(delimiter)} in a cell that is not quoted"
                    ),
                )
                continue
            note = ""
            if foreign_lines and any(line in foreign_lines for line in range(first_line, last_line + 1)):
                note = _FOREIGN_LINE_NOTE
            yield Row(number, _cells_by_key(keys, cells), note=note)
    except csv.Error as error:
        # reader.line_num counts physical lines, the best position available here.
        raise ImportFileError(
            f"the import file {path} is not valid CSV near line {reader.line_num}: {error}; "
            "export it again, or fix the quoting on that line"
        ) from error


def _cells_by_key(keys: list[str], cells: list[str]) -> dict[str, str]:
    # Fast path for the common row: as many cells as the header, every column named,
    # no ="..." wrapper (one C-level join finds any).
    if len(cells) == len(keys) and all(keys) and '="' not in "\x1f".join(cells):
        return dict(zip(keys, cells))
    by_key: dict[str, str] = {}
    for index, key in enumerate(keys):
        if key:
            # Rows shorter than the header lack only trailing cells, which are empty.
            by_key[key] = _unwrapped(cells[index]) if index < len(cells) else ""
    return by_key


def _unwrapped(cell: str) -> str:
    # Excel keeps leading zeros in a CSV by writing the cell as the formula ="0012".
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        return cell[2:-1].replace('""', '"')
    return cell


def _separator_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}[delimiter]
