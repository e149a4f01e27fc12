"""Reading Square's item library export CSV.

Square writes one row per item variation and repeats the item's fields (Item Name,
Description, Category) on each row. A variation's Token is Square's own identifier.
An item without variations has one called "Regular". Stock has one set of columns
per location ("Current Quantity <location>", "New Quantity <location>", "Stock Alert
Enabled <location>", "Stock Alert Count <location>"). Each tax has a column named
"Tax - <name> (<rate>%)" holding Y or N.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from retail_assistant.adapters.importing.cells import parse_flag, percent_to_basis_points
from retail_assistant.adapters.importing.columns import ColumnReaders, ColumnUse
from retail_assistant.adapters.importing.fields import (
    MAX_LABEL_CHARS,
    MAX_NAME_CHARS,
    read_barcode,
    read_sku,
    read_stock,
    read_text,
)
from retail_assistant.adapters.importing.mapping import AMOUNT, BARCODE, IDENTIFIER, QUANTITY, TEXT
from retail_assistant.adapters.importing.records import ParsedFile, ProductRecord, RowRejected
from retail_assistant.adapters.importing.table import Row, Table, column_key
from retail_assistant.core.errors import ImportFileError
from retail_assistant.core.import_report import RejectedRow

__all__ = ["FORMAT", "column_uses", "matches", "missing_columns", "parse_square"]

FORMAT = "square"

_TOKEN = ("Token",)
_ITEM_NAME = ("Item Name",)
_VARIATION_NAME = ("Variation Name",)
_SKU = ("SKU",)
_DESCRIPTION = ("Description",)
# Older exports have one Category; newer ones have Categories and a Reporting
# Category, which is the one category Square reports sales under.
_CATEGORY = ("Reporting Category", "Category")
_CATEGORIES = ("Categories",)
_GTIN = ("GTIN",)
_PRICE = ("Price",)
_COST = ("Default Unit Cost",)
_VENDOR = ("Default Vendor Name",)
_OPTION_NUMBERS = (1, 2, 3)

_SIGNATURE = (_TOKEN, _ITEM_NAME, _VARIATION_NAME)
_REQUIRED = (_ITEM_NAME, _PRICE)
_DEFAULT_VARIATION = "regular"
_QUANTITY_PREFIX = column_key("Current Quantity ")
_TAX_PREFIX = column_key("Tax - ")
# The rate at the end of a tax column's name: "Tax - IVA (21%)", "Tax - NJ Sales Tax (6.625%)".
_TAX_RATE = re.compile(r"\((?P<rate>\d+(?:[.,]\d+)?)\s*%\)\s*$")


def matches(table: Table) -> bool:
    """Return True when the header looks like a Square item library export."""
    return all(table.key(*names) for names in _SIGNATURE) and not missing_columns(table)


def missing_columns(table: Table) -> list[str]:
    """Return the names of the required columns that the header lacks."""
    return [names[0] for names in (*_SIGNATURE, *_REQUIRED) if table.key(*names) is None]


def column_uses(table: Table) -> list[ColumnUse]:
    """Return the columns this reader uses, with the field each fills, for detection and the preview."""
    wanted = (
        (_TOKEN, "token", IDENTIFIER),
        (_ITEM_NAME, "name", TEXT),
        (_VARIATION_NAME, "variant", TEXT),
        (_SKU, "sku", IDENTIFIER),
        (_DESCRIPTION, "description", TEXT),
        (_CATEGORY, "category", TEXT),
        (_CATEGORIES, "category", TEXT),
        (_GTIN, "barcode", BARCODE),
        (_PRICE, "price", AMOUNT),
        (_COST, "cost", AMOUNT),
        (_VENDOR, "supplier", TEXT),
    )
    uses = [ColumnUse(key, name, kind) for names, name, kind in wanted if (key := table.key(*names)) is not None]
    uses.extend(ColumnUse(key, "stock", QUANTITY) for key in table.labels if key.startswith(_QUANTITY_PREFIX))
    uses.extend(ColumnUse(key, "vat", TEXT) for key in table.labels if key.startswith(_TAX_PREFIX))
    return uses


@dataclass(frozen=True)
class _TaxColumn:
    key: str
    label: str
    rate_bp: int | None
    """The rate stated in the column's name, or None when the name states none."""


@dataclass(frozen=True)
class _Columns:
    """The keys of the columns this reader uses, None for those the file lacks."""

    token: str | None
    item_name: str
    variation_name: str | None
    sku: str | None
    description: str | None
    category: str | None
    categories: str | None
    gtin: str | None
    price: str
    cost: str | None
    vendor: str | None
    option_values: tuple[str | None, ...]
    quantities: tuple[str, ...]
    taxes: tuple[_TaxColumn, ...]

    @classmethod
    def of(cls, table: Table) -> _Columns:
        missing = missing_columns(table)
        if missing:
            raise ImportFileError(
                f"the import file {table.path} is missing the columns {', '.join(missing)}, which every "
                "Square item library export has; export the item library from Square again"
            )
        return cls(
            token=table.key(*_TOKEN),
            item_name=table.key(*_ITEM_NAME) or "",
            variation_name=table.key(*_VARIATION_NAME),
            sku=table.key(*_SKU),
            description=table.key(*_DESCRIPTION),
            category=table.key(*_CATEGORY),
            categories=table.key(*_CATEGORIES),
            gtin=table.key(*_GTIN),
            price=table.key(*_PRICE) or "",
            cost=table.key(*_COST),
            vendor=table.key(*_VENDOR),
            option_values=tuple(table.key(f"Option Value {n}") for n in _OPTION_NUMBERS),
            quantities=tuple(key for key in table.labels if key.startswith(_QUANTITY_PREFIX)),
            taxes=tuple(
                _TaxColumn(key, label, _tax_rate(label))
                for key, label in table.labels.items()
                if key.startswith(_TAX_PREFIX)
            ),
        )


def parse_square(table: Table, rows: list[Row], readers: ColumnReaders) -> ParsedFile:
    """Read every variation of a Square item library export into product records."""
    columns = _Columns.of(table)
    parsed = ParsedFile()
    for row in rows:
        try:
            parsed.records.append(_record(row, columns, table, readers))
        except RowRejected as rejection:
            parsed.rejected.append(RejectedRow(row.number, str(rejection)))
    return parsed


def _record(row: Row, columns: _Columns, table: Table, readers: ColumnReaders) -> ProductRecord:
    flags: list[str] = [row.note] if row.note else []
    item_name = row.text(columns.item_name)
    if not item_name:
        raise RowRejected("missing Item Name")

    variation = _variation_label(row, columns)
    name = f"{item_name} - {variation}" if variation else item_name
    name = read_text(name, column=table.label(columns.item_name), flags=flags, limit=MAX_NAME_CHARS)

    # A variation without a SKU is identified by its Token, Square's own id for it,
    # which stays the same from one export to the next.
    sku = read_sku(row, columns.sku, column=table.label(columns.sku)) or read_sku(
        row, columns.token, column=table.label(columns.token)
    )
    if not sku:
        raise RowRejected(f"{name!r} has neither a SKU nor a Token; give it a SKU in Square")

    price = readers.number(columns.price).cents(row.text(columns.price), typed=columns.price in row.typed)
    if price is None:
        raise RowRejected(
            f"missing Price for {name!r}: Square leaves it empty for variable pricing; "
            "set a fixed price in Square and export again"
        )

    description = row.raw(columns.description) if row.text(columns.description) else ""
    return ProductRecord(
        row_number=row.number,
        sku=sku,
        name=name,
        price_cents=price,
        source=FORMAT,
        barcode=read_barcode(row, columns.gtin, column=table.label(columns.gtin), flags=flags),
        cost_cents=(
            readers.number(columns.cost).cents(row.text(columns.cost), typed=columns.cost in row.typed)
            if columns.cost
            else None
        ),
        vat_rate_bp=_vat_rate_bp(row, columns),
        stock_milli=_stock_milli(row, columns, readers, flags),
        category=read_text(_category(row, columns), column="category", flags=flags, limit=MAX_LABEL_CHARS),
        supplier=read_text(row.text(columns.vendor), column=table.label(columns.vendor), flags=flags,
                           limit=MAX_LABEL_CHARS),
        description=read_text(description, column=table.label(columns.description), flags=flags),
        flags=tuple(flags),
    )


def _variation_label(row: Row, columns: _Columns) -> str:
    variation = row.text(columns.variation_name)
    if variation.casefold() == _DEFAULT_VARIATION:
        return ""
    if variation:
        return variation
    option_values = [row.text(key) for key in columns.option_values if row.text(key)]
    return " / ".join(option_values)


def _stock_milli(row: Row, columns: _Columns, readers: ColumnReaders, flags: list[str]) -> int | None:
    # NOTE: the products table has one stock figure per product, so the quantities of
    # all locations are added up and the stock of each location is lost.

    # A negative quantity is flagged with the column's name, which names the location.
    total: int | None = None
    for key in columns.quantities:
        quantity = read_stock(row, key, readers.number(key), flags=flags)
        if quantity is not None:
            total = (total or 0) + quantity
    return total


def _vat_rate_bp(row: Row, columns: _Columns) -> int | None:
    # A file without tax columns states no rate, so the writer uses the shop's default.
    if not columns.taxes:
        return None

    # Square adds each tax that applies to the base price, so the rates add up.
    # A variation with every tax column set to N is sold without tax.
    total = 0
    for tax in columns.taxes:
        if not parse_flag(row.text(tax.key), column=tax.label):
            continue
        if tax.rate_bp is None:
            raise RowRejected(
                f"the tax column {tax.label!r} applies but its name states no rate such as (21%); "
                "rename the tax in Square to include its rate and export again"
            )
        total += tax.rate_bp
    return total


def _tax_rate(label: str) -> int | None:
    match = _TAX_RATE.search(label)
    if match is None:
        return None
    return percent_to_basis_points(Decimal(match["rate"].replace(",", ".")))


def _category(row: Row, columns: _Columns) -> str:
    category = row.text(columns.category)
    if category:
        return category

    # NOTE: this assumes that Square separates several categories with commas and
    # lists the main one first. No export with several categories was available to check.
    categories = row.text(columns.categories)
    return categories.split(",")[0].strip()
