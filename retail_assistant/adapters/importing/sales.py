"""Reading sales lines: Shopify's orders export, Square's item sales export, or any layout mapped.

Each line names a product by SKU, else by barcode, else by its exact name, and the
product must already be in the shop (import the products first). The price stored
is the unit price including VAT: the file's unit price, or its line total divided by
the quantity when that gives whole cents. A negative quantity is a refund or a
return and is stored as given, flagged.

Shopify writes an order's date on its first line only in some exports, so a line
without a date takes the date of the previous line of the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlite_utils

from retail_assistant.adapters.importing.columns import ColumnReaders
from retail_assistant.adapters.importing.mapping import ColumnMapping
from retail_assistant.adapters.importing.records import ParsedFile, RowRejected
from retail_assistant.adapters.importing.table import Row, Table
from retail_assistant.core.import_report import FlaggedRow, RejectedRow

__all__ = [
    "SHOPIFY_ORDERS",
    "SQUARE_ITEM_SALES",
    "ProductIndex",
    "looks_like_sales",
    "parse_sales",
    "sales_format",
]

SHOPIFY_ORDERS: Mapping[str, str] = {
    "date": "Created at",
    "order": "Name",
    "sku": "Lineitem sku",
    "name": "Lineitem name",
    "quantity": "Lineitem quantity",
    "unit_price": "Lineitem price",
}
"""The columns of Shopify's orders export that hold each field."""

SQUARE_ITEM_SALES: Mapping[str, str] = {
    "date": "Date",
    "order": "Transaction ID",
    "sku": "SKU",
    "name": "Item",
    "quantity": "Qty",
    "amount": "Gross Sales",
}
"""The columns of Square's item sales export that hold each field."""

_SHOPIFY_SIGNATURE = ("Lineitem quantity", "Lineitem name")
_SQUARE_SIGNATURE = ("Item", "Qty", "Gross Sales")
_SQUARE_VARIATION = "Price Point Name"


def sales_format(table: Table) -> str | None:
    """Return 'shopify' or 'square' when the header is one of their sales exports, else None."""
    if all(table.key(name) for name in _SHOPIFY_SIGNATURE):
        return "shopify"
    if all(table.key(name) for name in _SQUARE_SIGNATURE):
        return "square"
    return None


def looks_like_sales(table: Table) -> bool:
    """Return True when the header is Shopify's or Square's sales export."""
    return sales_format(table) is not None


@dataclass
class ProductIndex:
    """The shop's products by SKU, barcode and name, to find the product of each sales line."""

    skus: dict[str, str] = field(default_factory=dict)
    barcodes: dict[str, str | None] = field(default_factory=dict)
    """Barcode -> SKU, or None when several products share the barcode."""

    names: dict[str, str | None] = field(default_factory=dict)
    """Case-folded name in either language -> SKU, or None when several products share it."""

    @classmethod
    def load(cls, db: sqlite_utils.Database) -> ProductIndex:
        """Read the index from the products table."""
        index = cls()
        for sku, barcode, name_en, name_es in db.execute("SELECT sku, barcode, name_en, name_es FROM products"):
            index.skus[sku] = sku
            if barcode:
                index.barcodes[barcode] = None if barcode in index.barcodes else sku
            for name in {name_en.casefold(), name_es.casefold()}:
                index.names[name] = None if index.names.get(name, sku) != sku else sku
        return index

    def find(self, *, sku: str, barcode: str, name: str) -> str:
        """Return the SKU of the product a line names. Raises RowRejected when none or several match."""
        if sku:
            found = self.skus.get(sku)
            if found is None:
                raise RowRejected(f"no product with the SKU {sku!r} in the shop; import the products first")
            return found
        if barcode:
            if barcode not in self.barcodes:
                raise RowRejected(f"no product with the barcode {barcode!r} in the shop; import the products first")
            found = self.barcodes[barcode]
            if found is None:
                raise RowRejected(f"several products have the barcode {barcode!r}; give the line a SKU")
            return found
        if name:
            folded = name.casefold()
            if folded not in self.names:
                raise RowRejected(f"no product named {name!r} in the shop, and the line has no SKU")
            found = self.names[folded]
            if found is None:
                raise RowRejected(f"several products are named {name!r}; give the line a SKU")
            return found
        raise RowRejected("the line names no product: it has no SKU, barcode or name")


def parse_sales(
    table: Table,
    rows: Iterable[Row],
    mapping: ColumnMapping,
    readers: ColumnReaders,
    products: ProductIndex,
) -> ParsedFile:
    """Read every sales line of the file, using `mapping` and the detected column formats."""
    parsed = ParsedFile()
    reader = _LineReader(table, mapping, readers, products)
    for row in rows:
        try:
            reader.read(row, parsed)
        except RowRejected as rejection:
            parsed.rejected.append(RejectedRow(row.number, str(rejection)))
    return parsed


class _LineReader:
    def __init__(self, table: Table, mapping: ColumnMapping, readers: ColumnReaders, products: ProductIndex) -> None:
        self._table = table
        self._readers = readers
        self._products = products
        self._date = mapping.key("date")
        self._order = mapping.key("order")
        self._sku = mapping.key("sku")
        self._barcode = mapping.key("barcode")
        self._name = mapping.key("name")
        self._variation = table.key(_SQUARE_VARIATION) if self._name == table.key("Item") else None
        self._quantity = mapping.key("quantity")
        self._unit_price = mapping.key("unit_price")
        self._amount = mapping.key("amount")
        self._quantity_label = table.label(self._quantity)
        self._quantity_reader = readers.number(self._quantity) if self._quantity else None
        self._unit_price_reader = readers.number(self._unit_price) if self._unit_price else None
        self._amount_reader = readers.number(self._amount) if self._amount else None
        self._last_order = ("", "")

    def read(self, row: Row, parsed: ParsedFile) -> None:
        day = self._day(row)
        sku = self._products.find(sku=row.text(self._sku), barcode=row.text(self._barcode), name=self._name_of(row))

        quantity_text = row.text(self._quantity)
        quantity = None
        if self._quantity_reader is not None:
            quantity = self._quantity_reader.milli(quantity_text, typed=self._quantity in row.typed)
        if quantity is None:
            raise RowRejected(f"missing {self._quantity_label}")
        if quantity == 0:
            raise RowRejected(f"the {self._quantity_label} is 0; a sales line sells at least part of a unit")

        unit_price = self._unit_price_cents(row, quantity)
        parsed.sales.append(row.number, day, sku, quantity, unit_price)
        if row.note:
            parsed.flagged.append(FlaggedRow(row.number, row.note))
        if quantity < 0:
            parsed.flagged.append(
                FlaggedRow(row.number, f"the {self._quantity_label} is {quantity_text}: a refund or return, "
                           "stored as a negative sale")
            )

    def _day(self, row: Row) -> str:
        day = self._readers.day(row, self._date) if self._date else None
        order = row.text(self._order)
        if day is None and order and order == self._last_order[0]:
            day = self._last_order[1]
        if day is None:
            raise RowRejected(f"missing {self._table.label(self._date) or 'date'}")
        if order:
            self._last_order = (order, day)
        return day

    def _name_of(self, row: Row) -> str:
        name = row.text(self._name)
        variation = row.text(self._variation)
        # Square calls the variation of an item without variations "Regular".
        if name and variation and variation.casefold() != "regular":
            return f"{name} - {variation}"
        return name

    def _unit_price_cents(self, row: Row, quantity_milli: int) -> int:
        price_text = row.text(self._unit_price)
        if self._unit_price_reader is not None and price_text:
            return self._unit_price_reader.cents(price_text, typed=self._unit_price in row.typed) or 0

        amount_text = row.text(self._amount)
        if self._amount_reader is None or not amount_text:
            names = " or ".join(repr(self._table.label(key)) for key in (self._unit_price, self._amount) if key)
            raise RowRejected(f"missing {names or 'price'}: a sales line needs its unit price or its total")
        label = self._table.label(self._amount)
        amount = self._amount_reader.signed_cents(amount_text, typed=self._amount in row.typed) or 0
        if (amount < 0) != (quantity_milli < 0) and amount != 0:
            raise RowRejected(f"the {label} {amount_text} and the quantity have opposite signs")
        unit, remainder = divmod(amount * 1000, quantity_milli)
        if remainder:
            raise RowRejected(
                f"the {label} {amount_text} divided by the quantity is not a whole number of "
                "cents; add a column with the unit price"
            )
        return unit
