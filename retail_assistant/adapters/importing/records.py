"""Product records as the format readers produce them and the store writer consumes them."""

from __future__ import annotations

from dataclasses import dataclass

from retail_assistant.core.import_report import RejectedRow

__all__ = ["ParsedFile", "ProductRecord", "RowRejected"]


class RowRejected(Exception):
    """Raised while reading one row whose data is invalid; the message is the reason shown to the user.

    It never leaves the importing package: the readers turn it into a RejectedRow.
    """


@dataclass(frozen=True)
class ProductRecord:
    """One sellable variant read from an export file, in the units of the products table.

    None in an optional field means the file does not state the value. The writer then
    keeps the stored value of an existing product and uses the schema default for a
    new one.
    """

    row_number: int
    sku: str
    name: str
    price_cents: int
    source: str
    barcode: str | None = None
    cost_cents: int | None = None
    vat_rate_bp: int | None = None
    stock_milli: int | None = None
    category: str | None = None
    supplier: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class ParsedFile:
    """The records and the rejected rows that a format reader found in one file."""

    records: tuple[ProductRecord, ...]
    rejected: tuple[RejectedRow, ...]
