"""Records as the format readers produce them and the store writers consume them."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from retail_assistant.core.import_report import ColumnReport, FlaggedRow, RejectedRow

__all__ = ["ParsedFile", "ProductRecord", "RowRejected", "SalesLines"]


class RowRejected(Exception):
    """Raised while reading one row whose data is invalid; the message is the reason shown to the user.

    It never leaves the importing package: the readers turn it into a RejectedRow.
    """


@dataclass(frozen=True)
class ProductRecord:
    """One sellable variant read from a file, in the units of the products table.

    None in an optional field means the file does not state the value. The writer then
    keeps the stored value of an existing product and uses the schema default for a
    new one. A new product needs a name and a price; a file that only updates stock
    may leave both out.
    """

    row_number: int
    sku: str | None
    """None when the file gives only a barcode; the writer finds the product by it."""

    source: str
    name: str | None = None
    """The name in both languages, as an export in one language gives it."""

    name_en: str | None = None
    name_es: str | None = None
    price_cents: int | None = None
    barcode: str | None = None
    cost_cents: int | None = None
    vat_rate_bp: int | None = None
    stock_milli: int | None = None
    category: str | None = None
    supplier: str | None = None
    description: str | None = None
    unit: str | None = None
    flags: tuple[str, ...] = ()
    """Warnings about the row, imported as given (negative stock, instruction-like text)."""


@dataclass
class SalesLines:
    """Sales lines read from a file, stored by column to keep a million lines small in memory."""

    rows: array[int] = field(default_factory=lambda: array("q"))
    days: list[str] = field(default_factory=list)
    """ISO dates; equal days share one string object."""

    skus: list[str] = field(default_factory=list)
    quantities_milli: array[int] = field(default_factory=lambda: array("q"))
    unit_prices_cents: array[int] = field(default_factory=lambda: array("q"))

    def append(self, row: int, day: str, sku: str, quantity_milli: int, unit_price_cents: int) -> None:
        """Add one line."""
        self.rows.append(row)
        self.days.append(day)
        self.skus.append(sku)
        self.quantities_milli.append(quantity_milli)
        self.unit_prices_cents.append(unit_price_cents)

    def __len__(self) -> int:
        return len(self.rows)

    def lines(self) -> Iterator[tuple[int, str, str, int, int]]:
        """Yield (row, day, sku, quantity_milli, unit_price_cents) for each line."""
        return zip(self.rows, self.days, self.skus, self.quantities_milli, self.unit_prices_cents)


@dataclass
class ParsedFile:
    """What a format reader found in one file: records, rejected and flagged rows, and its columns."""

    records: list[ProductRecord] = field(default_factory=list)
    sales: SalesLines = field(default_factory=SalesLines)
    rejected: list[RejectedRow] = field(default_factory=list)
    flagged: list[FlaggedRow] = field(default_factory=list)
    columns: tuple[ColumnReport, ...] = ()
