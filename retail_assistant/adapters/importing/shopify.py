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

from retail_assistant.adapters.importing.cells import parse_cents, parse_flag, parse_milli
from retail_assistant.adapters.importing.csv_text import CsvRow, CsvTable
from retail_assistant.adapters.importing.records import ParsedFile, ProductRecord, RowRejected
from retail_assistant.core.errors import ImportFileError
from retail_assistant.core.import_report import RejectedRow

__all__ = ["FORMAT", "matches", "missing_columns", "parse_shopify"]

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


def matches(table: CsvTable) -> bool:
    """Return True when the header looks like a Shopify product export."""
    has_variant_columns = table.key(*_SKU) is not None or table.key("Option1 Value") is not None
    return not missing_columns(table) and has_variant_columns


def missing_columns(table: CsvTable) -> list[str]:
    """Return the names of the required columns that the header lacks."""
    return [names[0] for names in _REQUIRED if table.key(*names) is None]


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
    option_names: tuple[str | None, ...]
    option_values: tuple[str | None, ...]

    @classmethod
    def of(cls, table: CsvTable) -> _Columns:
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
            option_names=tuple(table.key(f"Option{n} Name") for n in _OPTION_NUMBERS),
            option_values=tuple(table.key(f"Option{n} Value") for n in _OPTION_NUMBERS),
        )

    def variant_keys(self) -> tuple[str | None, ...]:
        """Return the keys of the columns that only a variant row fills."""
        return (self.sku, self.price, self.cost, self.quantity, self.barcode, *self.option_values)


@dataclass
class _Product:
    """The rows of one Handle, in file order."""

    handle: str
    rows: list[CsvRow] = field(default_factory=list)

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


def parse_shopify(table: CsvTable) -> ParsedFile:
    """Read every variant of a Shopify product export into product records."""
    columns = _Columns.of(table)
    products: dict[str, _Product] = {}
    rejected: list[RejectedRow] = []
    for row in table.rows:
        handle = row.text(columns.handle)
        if not handle:
            reason = f"missing {table.label(columns.handle)}: every row of a Shopify export names its product"
            rejected.append(RejectedRow(row.number, reason))
            continue
        products.setdefault(handle, _Product(handle)).rows.append(row)

    records: list[ProductRecord] = []
    for product in products.values():
        for row in _variant_rows(product, columns):
            try:
                records.append(_record(product, row, columns, table))
            except RowRejected as rejection:
                rejected.append(RejectedRow(row.number, str(rejection)))

    return ParsedFile(records=tuple(records), rejected=tuple(rejected))


def _required(table: CsvTable, names: tuple[str, ...]) -> str:
    key = table.key(*names)
    if key is None:
        raise ImportFileError(
            f"the import file {table.path} has no {names[0]} column, which every Shopify product "
            "export has; export the products from Shopify again"
        )
    return key


def _variant_rows(product: _Product, columns: _Columns) -> list[CsvRow]:
    # The first row of a product is always its first variant. A later row is a
    # variant when it fills a variant column, and an image row otherwise.
    variant_keys = columns.variant_keys()
    return [
        row
        for index, row in enumerate(product.rows)
        if index == 0 or any(row.text(key) for key in variant_keys)
    ]


def _record(product: _Product, row: CsvRow, columns: _Columns, table: CsvTable) -> ProductRecord:
    title = product.first(columns.title)
    if not title:
        raise RowRejected(
            f"no Title for the handle {product.handle!r}: the first row of each product must carry its title"
        )

    option_values = [row.text(key) for key in columns.option_values if row.text(key)]
    if option_values == [_DEFAULT_VARIANT]:
        option_values = []
    name = f"{title} - {' / '.join(option_values)}" if option_values else title

    price_label = table.label(columns.price)
    price = parse_cents(row.text(columns.price), column=price_label)
    if price is None:
        raise RowRejected(f"missing {price_label} for {name!r}")

    taxable = parse_flag(row.text(columns.taxable), column=table.label(columns.taxable))
    description = product.first_raw(columns.body)
    return ProductRecord(
        row_number=row.number,
        sku=row.text(columns.sku) or _derived_sku(product.handle, option_values),
        name=name,
        price_cents=price,
        source=FORMAT,
        barcode=row.text(columns.barcode) or None,
        cost_cents=parse_cents(row.text(columns.cost), column=table.label(columns.cost)),
        # Shopify's export states only whether a variant is taxed, not the rate, so a
        # taxed variant takes the shop's default VAT rate when the writer inserts it.
        vat_rate_bp=0 if taxable is False else None,
        stock_milli=parse_milli(row.text(columns.quantity), column=table.label(columns.quantity)),
        category=_category(product, columns),
        supplier=product.first(columns.vendor) or None,
        description=description or None,
    )


def _derived_sku(handle: str, option_values: list[str]) -> str:
    # A variant without a SKU is identified by its handle and option values, which stay
    # the same from one export to the next, so a re-import finds the same product.
    # Shopify handles contain only letters, digits and dashes, so the "/" keeps the
    # identifiers of different products apart.
    return "/".join([handle, *option_values])


def _category(product: _Product, columns: _Columns) -> str | None:
    product_type = product.first(columns.product_type)
    if product_type:
        return product_type

    path = product.first(columns.product_category)
    if not path:
        return None
    return path.split(_CATEGORY_SEPARATOR)[-1].strip() or None
