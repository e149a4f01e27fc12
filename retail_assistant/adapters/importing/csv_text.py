"""Reading an export file into rows of text cells, numbered as a spreadsheet numbers them.

Shopify writes UTF-8 and Square writes UTF-8 with a byte-order mark. A file that was
opened and saved again in Excel on Windows may be cp1252 instead. So the reader strips
a BOM, tries UTF-8 first and falls back to cp1252, which is the only other encoding
it accepts.

Cells stay text: a SKU or barcode such as "0012345678905" is never converted to a
number, so its leading zeros survive. Rows are numbered by record, not by physical
line, so a quoted description with line breaks still counts as one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from retail_assistant.core.errors import ImportFileError, InputError
from retail_assistant.core.import_report import RejectedRow

__all__ = ["CsvRow", "CsvTable", "column_key", "read_csv_table"]

log = logging.getLogger(__name__)

# XLSX files are ZIP archives, which start with this signature.
_ZIP_SIGNATURE = b"PK\x03\x04"

# The csv module rejects cells longer than 128 KiB by default, which a product
# description with inline images can exceed.
_MAX_CELL_CHARS = 16 * 1024 * 1024


def column_key(name: str) -> str:
    """Return the lookup key of a column name: case-folded, with runs of spaces collapsed.

    Shopify's newer exports write "Option1 name" where older ones write "Option1 Name",
    so column lookups ignore case.
    """
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class CsvRow:
    """One data row: its spreadsheet row number and its cells keyed by column key."""

    number: int
    cells: Mapping[str, str]

    def text(self, key: str | None) -> str:
        """Return the cell under `key` without surrounding spaces, or "" when the column is absent."""
        if key is None:
            return ""
        return self.cells.get(key, "").strip()

    def raw(self, key: str | None) -> str:
        """Return the cell under `key` exactly as written, or "" when the column is absent."""
        if key is None:
            return ""
        return self.cells.get(key, "")


@dataclass(frozen=True)
class CsvTable:
    """The header and data rows of one CSV file."""

    path: Path
    encoding: str
    labels: Mapping[str, str]
    """Column key -> the column name as the header writes it, in header order."""

    rows: tuple[CsvRow, ...]
    malformed: tuple[RejectedRow, ...]
    """Rows that do not fit the header, so their cells cannot be trusted."""

    def key(self, *names: str) -> str | None:
        """Return the key of the first of `names` that the header contains, or None."""
        for name in names:
            key = column_key(name)
            if key in self.labels:
                return key
        return None

    def label(self, key: str | None) -> str:
        """Return the column name as the header writes it, or "" for an absent column."""
        if key is None:
            return ""
        return self.labels.get(key, key)


def read_csv_table(path: Path) -> CsvTable:
    """Read the CSV file at `path` into a table of text cells.

    Raises InputError when the file is missing or unreadable, and ImportFileError
    when it is empty, not text, or not valid CSV.
    """
    data = _read_bytes(path)
    if data.startswith(_ZIP_SIGNATURE):
        raise ImportFileError(
            f"the import file {path} is an Excel workbook or another ZIP archive, not CSV; "
            "export the products as CSV from Shopify or Square and import that file"
        )

    text, encoding = _decode(data, path)
    if not text.strip():
        raise ImportFileError(
            f"the import file {path} is empty; export the products from Shopify or Square again"
        )

    # The limit is global to the process, so it is only ever raised, never lowered.
    csv.field_size_limit(max(csv.field_size_limit(), _MAX_CELL_CHARS))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        # reader.line_num counts physical lines, the best position available here.
        raise ImportFileError(
            f"the import file {path} is not valid CSV near line {reader.line_num}: {error}; "
            "export it again, or fix the quoting on that line"
        ) from error

    labels = _header_labels(records[0], path)
    width = len(records[0])
    rows: list[CsvRow] = []
    malformed: list[RejectedRow] = []
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            malformed.append(
                RejectedRow(
                    number,
                    f"the row has {len(cells)} cells but the header has {width}; "
                    "check for a comma in a cell that is not quoted",
                )
            )
            continue
        rows.append(CsvRow(number, _cells_by_key(records[0], cells)))

    log.debug("read %d rows from %s as %s", len(rows), path, encoding)
    return CsvTable(path=path, encoding=encoding, labels=labels, rows=tuple(rows), malformed=tuple(malformed))


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"the import file {path} was not found; check the path and try again")
    if path.is_dir():
        raise InputError(f"the import path {path} is a folder; give the path of a CSV file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read the import file {path}: {error.strerror}; check that you may read it"
        ) from error


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"the import file {path} starts with a UTF-8 byte-order mark but is not valid "
                f"UTF-8 at byte {error.start}; export it again"
            ) from error

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the import file {path} is neither UTF-8 nor Windows-1252 text (invalid byte at "
            f"{error.start}); save it as 'CSV UTF-8' and import it again"
        ) from error
    log.info("%s is not UTF-8; reading it as Windows-1252", path)
    return text, "cp1252"


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


def _cells_by_key(header: list[str], cells: list[str]) -> dict[str, str]:
    by_key: dict[str, str] = {}
    for index, name in enumerate(header):
        key = column_key(name)
        if key:
            # Rows shorter than the header lack only trailing cells, which are empty.
            by_key[key] = cells[index] if index < len(cells) else ""
    return by_key
