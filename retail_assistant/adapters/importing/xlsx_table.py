"""Reading the first worksheet of an Excel workbook (.xlsx) into a Table, through openpyxl.

openpyxl's read-only mode streams the sheet's XML, so a large workbook is read row by
row. Cells come back typed, and each becomes the text a CSV would hold:

- numbers as plain decimals with a point, marked as typed so no separator detection
  applies to them. Floats are written with 15 significant digits, the precision Excel
  shows, so 0.1 + 0.2 reads as 0.3. A whole number shown with a zero-padded format
  such as 0000000000000 keeps the leading zeros the sheet displays;
- dates as ISO 8601 (2024-03-14, or 2024-03-14T09:30:00 with a time);
- TRUE and FALSE for booleans.
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from retail_assistant.adapters.importing.table import Row, Table, column_key
from retail_assistant.core.errors import ImportFileError

__all__ = ["read_xlsx_table"]

log = logging.getLogger(__name__)


def read_xlsx_table(path: Path) -> Table:
    """Read the first worksheet of the workbook at `path` into a Table.

    Raises ImportFileError when the file is not a readable workbook or its sheet is empty.
    """
    with _open(path) as workbook:
        sheet = workbook.worksheets[0]
        title = sheet.title
        header: list[str] = []
        header_number = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = [_header_text(value) for value in values]
            if any(text.strip() for text in texts):
                header, header_number = texts, number
                break

    if not header:
        raise ImportFileError(
            f"the worksheet {title!r} of {path} is empty; put the header in its first row and import it again"
        )

    labels: dict[str, str] = {}
    for name in header:
        key = column_key(name)
        if key and key in labels:
            raise ImportFileError(
                f"the worksheet {title!r} of {path} has the column {name.strip()!r} twice; "
                "remove one of them and import it again"
            )
        if key:
            labels[key] = name.strip()
    keys = [column_key(name) for name in header]

    def read_rows() -> Iterator[Row]:
        return _rows(path, keys=keys, header_number=header_number)

    return Table(path=path, encoding="xlsx", delimiter="", labels=labels, read_rows=read_rows, sheet=title)


class _open:
    """Open a workbook read-only and close it afterwards, translating openpyxl's errors."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._workbook: Any = None

    def __enter__(self) -> Any:
        try:
            with warnings.catch_warnings():
                # openpyxl warns about styles and extensions it does not read; the values are unaffected.
                warnings.simplefilter("ignore", UserWarning)
                self._workbook = load_workbook(self._path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise ImportFileError(
                f"the import file {self._path} is not a valid Excel workbook ({error}); open it in "
                "Excel and save it again as .xlsx, or save the sheet as CSV"
            ) from error
        if not self._workbook.worksheets:
            self._workbook.close()
            raise ImportFileError(f"the workbook {self._path} has no worksheet; save the data in a sheet")
        return self._workbook

    def __exit__(self, *exc_info: object) -> None:
        if self._workbook is not None:
            self._workbook.close()


def _rows(path: Path, *, keys: list[str], header_number: int) -> Iterator[Row]:
    with _open(path) as workbook:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            if number <= header_number:
                continue
            row = _row(number, cells, keys)
            if row is not None:
                yield row


def _row(number: int, cells: tuple[Any, ...], keys: list[str]) -> Row | None:
    width = len(keys)
    texts: dict[str, str] = {}
    typed: set[str] = set()
    for index, cell in enumerate(cells):
        if cell.value is None:
            continue
        text, is_number = _cell_text(cell.value, getattr(cell, "number_format", None))
        if not text.strip():
            continue
        if index >= width:
            return Row(
                number,
                {},
                problem=f"the row has cells beyond the {width} columns of the header; "
                "give those columns a name or clear them",
            )
        if not keys[index]:
            # A cell under a column without a name is ignored, as in a CSV file.
            continue
        texts[keys[index]] = text
        if is_number:
            typed.add(keys[index])

    if not texts:
        return None
    return Row(number, {key: texts.get(key, "") for key in keys if key}, typed=frozenset(typed))


def _header_text(value: object) -> str:
    if value is None:
        return ""
    text, _ = _cell_text(value, None)
    return text


def _cell_text(value: object, number_format: str | None) -> tuple[str, bool]:
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat(), False
        return value.isoformat(timespec="seconds"), False
    if isinstance(value, date):
        return value.isoformat(), False
    if isinstance(value, time):
        return value.isoformat(timespec="seconds"), False
    if isinstance(value, int):
        return _padded(str(value), number_format), True
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return _padded(str(int(value)), number_format), True
        return format(value, ".15g"), True
    return str(value), False


def _padded(digits: str, number_format: str | None) -> str:
    # A format of only zeros ("0000000000000") is how a sheet shows a barcode with its
    # leading zeros while storing it as a number.
    if number_format and set(number_format) == {"0"} and not digits.startswith("-"):
        return digits.zfill(len(number_format))
    return digits
