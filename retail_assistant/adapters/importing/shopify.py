"""Reading Shopify's product export CSV.

Shopify writes one row per variant and groups a product's rows by Handle. Only the
first row of a product carries the product fields: Title, Body (HTML), Vendor, Type
and the Option names. The variant rows after it repeat just the Handle and fill the
Option values and Variant columns. Rows that carry nothing but an image (Handle,
Image Src, Image Position, Image Alt Text) follow and create no product. A product
without options still has one variant, whose Option1 value is "Default Title".

Shopify's newer exports rename many columns ("URL handle", "Description", "SKU",
"Price", "Inventory quantity"), so each field is looked up under both names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from retail_assistant.adapters.importing.cells import parse_flag
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
from retail_assistant.adapters.importing.table import Row, Table
from retail_assistant.core.errors import ImportFileError
from retail_assistant.core.import_report import RejectedRow

__all__ = ["FORMAT", "column_uses", "matches", "missing_columns", "parse_shopify"]

FORMAT = "shopify"

# Column names, the classic export's first and the newer export's second.
_HANDLE = ("Handle", "URL handle")
_TITLE = ("Title",)
_BODY = ("Body (HTML)", "Description")
_VENDOR = ("Vendor",)
_TYPE = ("Type",)
_PRODUCT_CATEGORY = ("Product Category",)
_SKU = ("Variant SKU", "SKU")
_PRICE = ("Variant Price", "Price")
_COST = ("Cost per item",)
_QUANTITY = ("Variant Inventory Qty", "Inventory quantity")
_BARCODE = ("Variant Barcode", "Barcode")
_TAXABLE = ("Variant Taxable", "Charge tax")
_OPTION_NUMBERS = (1, 2, 3)

_REQUIRED = (_HANDLE, _TITLE, _PRICE)
_DEFAULT_VARIANT = "Default Title"
# Shopify writes a product category as a path, for example "Food Items > Cheese".
_CATEGORY_SEPARATOR = ">"


def matches(table: Table) -> bool:
    """Return True when the header looks like a Shopify product export."""
    has_variant_columns = table.key(*_SKU) is not None or table.key("Option1 Value") is not None
    return not missing_columns(table) and has_variant_columns


def missing_columns(table: Table) -> list[str]:
    """Return the names of the required columns that the header lacks."""
    return [names[0] for names in _REQUIRED if table.key(*names) is None]


def column_uses(table: Table) -> list[ColumnUse]:
    """Return the columns this reader uses, with the field each fills, for detection and the preview."""
    wanted = (
        (_HANDLE, "handle", IDENTIFIER),
        (_TITLE, "name", TEXT),
        (_BODY, "description", TEXT),
        (_VENDOR, "supplier", TEXT),
        (_TYPE, "category", TEXT),
        (_PRODUCT_CATEGORY, "category", TEXT),
        (_SKU, "sku", IDENTIFIER),
        (_PRICE, "price", AMOUNT),
        (_COST, "cost", AMOUNT),
        (_QUANTITY, "stock", QUANTITY),
        (_BARCODE, "barcode", BARCODE),
        (_TAXABLE, "vat", TEXT),
    )
    uses = [ColumnUse(key, name, kind) for names, name, kind in wanted if (key := table.key(*names)) is not None]
    uses.extend(
        ColumnUse(key, "variant", TEXT) for n in _OPTION_NUMBERS if (key := table.key(f"Option{n} Value")) is not None
    )
    return uses


@dataclass(frozen=True)
class _Columns:
    """The keys of the columns this reader uses, None for those the file lacks."""

    handle: str
    title: str
    body: str | None
    vendor: str | None
    product_type: str | None
    product_category: str | None
    sku: str | None
    price: str
    cost: str | None
    quantity: str | None
    barcode: str | None
    taxable: str | None
    option_values: tuple[str | None, ...]

    @classmethod
    def of(cls, table: Table) -> _Columns:
        return cls(
            handle=_required(table, _HANDLE),
            title=_required(table, _TITLE),
            body=table.key(*_BODY),
            vendor=table.key(*_VENDOR),
            product_type=table.key(*_TYPE),
            product_category=table.key(*_PRODUCT_CATEGORY),
            sku=table.key(*_SKU),
            price=_required(table, _PRICE),
            cost=table.key(*_COST),
            quantity=table.key(*_QUANTITY),
            barcode=table.key(*_BARCODE),
            taxable=table.key(*_TAXABLE),
            option_values=tuple(table.key(f"Option{n} Value") for n in _OPTION_NUMBERS),
        )

    def variant_keys(self) -> tuple[str | None, ...]:
        """Return the keys of the columns that only a variant row fills."""
        return (self.sku, self.price, self.cost, self.quantity, self.barcode, *self.option_values)


@dataclass
class _Product:
    """The rows of one Handle, in file order."""

    handle: str
    rows: list[Row] = field(default_factory=list)

    def first(self, key: str | None) -> str:
        """Return the first non-empty cell of column `key` among the product's rows, stripped."""
        for row in self.rows:
            value = row.text(key)
            if value:
                return value
        return ""

    def first_raw(self, key: str | None) -> str:
        """Return the first non-blank cell of column `key` exactly as written."""
        for row in self.rows:
            value = row.raw(key)
            if value.strip():
                return value
        return ""


def parse_shopify(table: Table, rows: list[Row], readers: ColumnReaders) -> ParsedFile:
    """Read every variant of a Shopify product export into product records."""
    columns = _Columns.of(table)
    products: dict[str, _Product] = {}
    parsed = ParsedFile()
    for row in rows:
        handle = row.text(columns.handle)
        if not handle:
            reason = f"missing {table.label(columns.handle)}: every row of a Shopify export names its product"
            parsed.rejected.append(RejectedRow(row.number, reason))
            continue
        products.setdefault(handle, _Product(handle)).rows.append(row)

    for product in products.values():
        for row in _variant_rows(product, columns):
            try:
                parsed.records.append(_record(product, row, columns, table, readers))
            except RowRejected as rejection:
                parsed.rejected.append(RejectedRow(row.number, str(rejection)))
    return parsed


def _required(table: Table, names: tuple[str, ...]) -> str:
    key = table.key(*names)
    if key is None:
        raise ImportFileError(
            f"the import file {table.path} has no {names[0]} column, which every Shopify product "
            "export has; export the products from Shopify again"
        )
    return key


def _variant_rows(product: _Product, columns: _Columns) -> list[Row]:
    # The first row of a product is always its first variant. A later row is a
    # variant when it fills a variant column, and an image row otherwise.
    variant_keys = columns.variant_keys()
    return [
        row
        for index, row in enumerate(product.rows)
        if index == 0 or any(row.text(key) for key in variant_keys)
    ]


def _record(product: _Product, row: Row, columns: _Columns, table: Table, readers: ColumnReaders) -> ProductRecord:
    flags: list[str] = [row.note] if row.note else []
    title = product.first(columns.title)
    if not title:
        raise RowRejected(
            f"no Title for the handle {product.handle!r}: the first row of each product must carry its title"
        )

    option_values = [row.text(key) for key in columns.option_values if row.text(key)]
    if option_values == [_DEFAULT_VARIANT]:
        option_values = []
    name = f"{title} - {' / '.join(option_values)}" if option_values else title
    name = read_text(name, column=table.label(columns.title), flags=flags, limit=MAX_NAME_CHARS)

    price_label = table.label(columns.price)
    price = readers.number(columns.price).cents(row.text(columns.price), typed=columns.price in row.typed)
    if price is None:
        raise RowRejected(f"missing {price_label} for {name!r}")

    taxable = parse_flag(row.text(columns.taxable), column=table.label(columns.taxable))
    description = product.first_raw(columns.body)
    sku_label = table.label(columns.sku)
    return ProductRecord(
        row_number=row.number,
        sku=read_sku(row, columns.sku, column=sku_label) or _derived_sku(product.handle, option_values),
        name=name,
        price_cents=price,
        source=FORMAT,
        barcode=read_barcode(row, columns.barcode, column=table.label(columns.barcode), flags=flags),
        cost_cents=(
            readers.number(columns.cost).cents(row.text(columns.cost), typed=columns.cost in row.typed)
            if columns.cost
            else None
        ),
        # Shopify's export states only whether a variant is taxed, not the rate, so a
        # taxed variant takes the shop's default VAT rate when the writer inserts it.
        vat_rate_bp=0 if taxable is False else None,
        stock_milli=read_stock(
            row, columns.quantity, readers.number(columns.quantity) if columns.quantity else None, flags=flags
        ),
        category=read_text(_category(product, columns), column="category", flags=flags, limit=MAX_LABEL_CHARS),
        supplier=read_text(
            product.first(columns.vendor), column=table.label(columns.vendor), flags=flags, limit=MAX_LABEL_CHARS
        ),
        description=read_text(description, column=table.label(columns.body), flags=flags),
        flags=tuple(flags),
    )


def _derived_sku(handle: str, option_values: list[str]) -> str:
    # A variant without a SKU is identified by its handle and option values, which stay
    # the same from one export to the next, so a re-import finds the same product.
    # Shopify handles contain only letters, digits and dashes, so the "/" keeps the
    # identifiers of different products apart.
    return "/".join([handle, *option_values])


def _category(product: _Product, columns: _Columns) -> str:
    product_type = product.first(columns.product_type)
    if product_type:
        return product_type

    path = product.first(columns.product_category)
    if not path:
        return ""
    return path.split(_CATEGORY_SEPARATOR)[-1].strip()
