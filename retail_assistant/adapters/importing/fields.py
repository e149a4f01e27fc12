"""Reading the text and stock fields of a product row, shared by every format reader."""

from __future__ import annotations

from retail_assistant.adapters.importing.cells import NumberCells
from retail_assistant.adapters.importing.identifiers import check_barcode, check_identifier
from retail_assistant.adapters.importing.records import RowRejected
from retail_assistant.adapters.importing.table import Row
from retail_assistant.adapters.importing.text_guard import guard_text

__all__ = ["MAX_LABEL_CHARS", "MAX_NAME_CHARS", "read_barcode", "read_sku", "read_stock", "read_text"]

MAX_NAME_CHARS = 500
"""The longest product name accepted; a longer cell is a description in the wrong column."""

MAX_LABEL_CHARS = 200
"""The longest category, supplier or unit name accepted."""


def read_text(text: str, *, column: str, flags: list[str], limit: int | None = None) -> str | None:
    """Return the text of a cell with chat-template markers defused, or None for an empty cell.

    Warnings are appended to `flags`. Raises RowRejected when the text is longer than `limit`.
    """
    if not text.strip():
        return None
    if limit is not None and len(text) > limit:
        raise RowRejected(
            f"invalid {column} {text[:40]!r}...: it is {len(text)} characters long, more than the "
            f"{limit} allowed; check that the columns are mapped to the right fields"
        )
    safe, warnings = guard_text(text, column=column)
    flags.extend(warnings)
    return safe


def read_sku(row: Row, key: str | None, *, column: str) -> str | None:
    """Return the SKU in the cell of column `key` exactly as written, or None for an empty cell."""
    text = row.text(key)
    return check_identifier(text, column=column) if text else None


def read_barcode(row: Row, key: str | None, *, column: str, flags: list[str]) -> str | None:
    """Return the barcode in the cell of column `key` after checking it, or None for an empty cell."""
    text = row.text(key)
    if not text:
        return None
    code, warning = check_barcode(text, column=column)
    if warning:
        flags.append(warning)
    return code


def read_stock(row: Row, key: str | None, reader: NumberCells | None, *, flags: list[str]) -> int | None:
    """Return the stock in the cell of column `key` in thousandths, flagging a negative one."""
    if key is None or reader is None:
        return None
    milli = reader.milli(row.text(key), typed=key in row.typed)
    if milli is not None and milli < 0:
        flags.append(
            f"{reader.label} is {row.text(key)}: more was sold than counted (oversold); "
            "the stock is stored as given, count the shelf and correct it"
        )
    return milli
