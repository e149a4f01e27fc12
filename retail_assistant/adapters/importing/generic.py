"""Reading a products file of any layout, through a column mapping.

Each row becomes a ProductRecord with only the fields its mapped columns state, so a
file with just SKU and stock updates the stock and nothing else. A row needs a SKU
or a barcode to be matched to a product. Whether it may create a new product (which
needs a name and a price) is decided by the writer, which reads the shop's products.
"""

from __future__ import annotations

from collections.abc import Iterable

from retail_assistant.adapters.importing.columns import ColumnReaders
from retail_assistant.adapters.importing.fields import (
    MAX_LABEL_CHARS,
    MAX_NAME_CHARS,
    read_barcode,
    read_sku,
    read_stock,
    read_text,
)
from retail_assistant.adapters.importing.mapping import ColumnMapping
from retail_assistant.adapters.importing.records import ParsedFile, ProductRecord, RowRejected
from retail_assistant.adapters.importing.table import Row, Table
from retail_assistant.core.import_report import RejectedRow

__all__ = ["FORMAT", "parse_generic_products"]

FORMAT = "generic"


def parse_generic_products(
    table: Table, rows: Iterable[Row], mapping: ColumnMapping, readers: ColumnReaders
) -> ParsedFile:
    """Read every row of a products file into records, using `mapping` and the detected column formats."""
    reader = _RowReader(table, mapping, readers)
    parsed = ParsedFile()
    for row in rows:
        try:
            parsed.records.append(reader.record(row))
        except RowRejected as rejection:
            parsed.rejected.append(RejectedRow(row.number, str(rejection)))
    return parsed


class _RowReader:
    """Reads rows through the columns of one mapping, looked up once for the whole file."""

    def __init__(self, table: Table, mapping: ColumnMapping, readers: ColumnReaders) -> None:
        self._table = table
        self._sku = mapping.key("sku")
        self._barcode = mapping.key("barcode")
        self._texts = [
            (name, key, table.label(key), limit)
            for name, limit in _TEXT_FIELDS
            if (key := mapping.key(name)) is not None
        ]
        self._description = mapping.key("description")
        self._amounts = [
            (name, key, readers.number(key)) for name in ("price", "cost") if (key := mapping.key(name)) is not None
        ]
        self._vat = mapping.key("vat")
        self._vat_reader = readers.number(self._vat) if self._vat else None
        self._stock = mapping.key("stock")
        self._stock_reader = readers.number(self._stock) if self._stock else None

    def record(self, row: Row) -> ProductRecord:
        flags: list[str] = [row.note] if row.note else []
        table = self._table
        sku = read_sku(row, self._sku, column=table.label(self._sku))
        barcode = read_barcode(row, self._barcode, column=table.label(self._barcode), flags=flags)
        if sku is None and barcode is None:
            columns = " or ".join(repr(table.label(key)) for key in (self._sku, self._barcode) if key)
            raise RowRejected(f"missing {columns}: a row needs a SKU or a barcode to find its product")

        values: dict[str, object] = {}
        for name, key, label, limit in self._texts:
            values[name] = read_text(row.raw(key).strip(), column=label, flags=flags, limit=limit)
        for name, key, reader in self._amounts:
            values[name] = reader.cents(row.text(key), typed=key in row.typed)
        if self._description is not None:
            # A description keeps its spaces and line breaks, as Shopify's HTML bodies do.
            values["description"] = read_text(
                row.raw(self._description), column=table.label(self._description), flags=flags
            )
        vat = None
        if self._vat_reader is not None:
            vat = self._vat_reader.basis_points(row.text(self._vat), typed=self._vat in row.typed)

        return ProductRecord(
            row_number=row.number,
            sku=sku,
            source=FORMAT,
            barcode=barcode,
            name=values.get("name"),
            name_en=values.get("name_en"),
            name_es=values.get("name_es"),
            price_cents=values.get("price"),
            cost_cents=values.get("cost"),
            vat_rate_bp=vat,
            stock_milli=read_stock(row, self._stock, self._stock_reader, flags=flags),
            category=values.get("category"),
            supplier=values.get("supplier"),
            description=values.get("description"),
            unit=values.get("unit"),
            flags=tuple(flags),
        )


_TEXT_FIELDS = (
    ("name", MAX_NAME_CHARS),
    ("name_en", MAX_NAME_CHARS),
    ("name_es", MAX_NAME_CHARS),
    ("category", MAX_LABEL_CHARS),
    ("supplier", MAX_LABEL_CHARS),
    ("unit", MAX_LABEL_CHARS),
)
