"""Opening an import file as a Table, choosing CSV or Excel by its content, not its name.

A file named .csv is sometimes a workbook and the other way round, so the first bytes
decide: XLSX files are ZIP archives, and the old binary .xls format starts with the
OLE2 signature, which openpyxl cannot read.
"""

from __future__ import annotations

from pathlib import Path

from retail_assistant.adapters.importing.csv_text import read_csv_table
from retail_assistant.adapters.importing.table import Table
from retail_assistant.adapters.importing.xlsx_table import read_xlsx_table
from retail_assistant.core.errors import ImportFileError, InputError

__all__ = ["read_table"]

_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_table(path: Path) -> Table:
    """Open the CSV or XLSX file at `path` as a Table.

    Raises InputError when the file is missing or unreadable, and ImportFileError when
    it is empty, an old .xls workbook, or not valid CSV or XLSX.
    """
    data = _read_bytes(path)
    if data.startswith(_ZIP_SIGNATURE):
        return read_xlsx_table(path)
    if data.startswith(_OLE2_SIGNATURE):
        raise ImportFileError(
            f"the import file {path} is an old Excel 97-2003 workbook (.xls), which cannot be read; "
            "open it in Excel and save it as .xlsx or as CSV UTF-8"
        )
    return read_csv_table(path, data)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"the import file {path} was not found; check the path and try again")
    if path.is_dir():
        raise InputError(f"the import path {path} is a folder; give the path of a CSV or XLSX file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read the import file {path}: {error.strerror}; check that you may read it"
        ) from error
