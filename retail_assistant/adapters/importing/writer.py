"""Writing imported product records into the shop database.

Nothing here opens or ends a transaction: the importer runs the whole file in one.
Products are matched by SKU. A field that the file leaves empty (None in the record)
keeps the stored value of an existing product and takes the schema default for a new
one. So re-importing a file without costs keeps the costs typed in by hand.
"""

from __future__ import annotations

import enum
import json
import logging
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from retail_assistant.adapters.importing.cells import normalised_id
from retail_assistant.adapters.importing.records import ProductRecord
from retail_assistant.core.import_report import ImportReport

__all__ = [
    "DEFAULT_VAT_KEY",
    "FALLBACK_VAT_BP",
    "CatalogWriter",
    "WriteOutcome",
    "read_default_vat_bp",
    "record_import",
]

log = logging.getLogger(__name__)

DEFAULT_VAT_KEY = "default_vat_bp"
"""The key in the `shop` table of the VAT rate, in basis points, for products whose file states none."""

FALLBACK_VAT_BP = 2100
"""The VAT rate used when the shop has not set one: 21 %, Spain's general rate."""

# The columns an import sets; an update compares exactly these.
_PRODUCT_COLUMNS = (
    "name_en",
    "name_es",
    "category_id",
    "barcode",
    "cost_cents",
    "price_cents",
    "vat_rate_bp",
    "stock_milli",
    "supplier_id",
    "description",
    "source",
)


class WriteOutcome(enum.Enum):
    """The effect of writing one record on the products table."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def read_default_vat_bp(db: sqlite_utils.Database) -> int:
    """Return the shop's default VAT rate in basis points, or FALLBACK_VAT_BP when it has none."""
    row = next(db.query("SELECT value FROM shop WHERE key = ?", [DEFAULT_VAT_KEY]), None)
    if row is None:
        return FALLBACK_VAT_BP

    try:
        rate = int(row["value"])
    except ValueError:
        rate = -1
    if rate < 0:
        log.warning(
            "invalid %s %r in the shop table; using %d", DEFAULT_VAT_KEY, row["value"], FALLBACK_VAT_BP
        )
        return FALLBACK_VAT_BP
    return rate


def record_import(db: sqlite_utils.Database, report: ImportReport, *, started_at: str) -> None:
    """Insert a row for a finished import into the `imports` table."""
    db["imports"].insert(
        {
            "started_at": started_at,
            "path": str(report.path),
            "format": report.format,
            "report_json": json.dumps(report.to_dict(), ensure_ascii=False),
        }
    )


@dataclass
class _NameIndex:
    """The ids of one table of named rows (categories, suppliers), found by id or by name."""

    ids: set[str] = field(default_factory=set)
    by_name: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, db: sqlite_utils.Database, table: str, name_columns: tuple[str, ...]) -> _NameIndex:
        index = cls()
        for row in db.query(f"SELECT id, {', '.join(name_columns)} FROM {table}"):
            index.ids.add(row["id"])
            for column in name_columns:
                index.by_name.setdefault(row[column].casefold(), row["id"])
        return index

    def find(self, name: str) -> str | None:
        """Return the id of the row named `name` (in any case), or of the row whose id `name` normalises to."""
        existing = self.by_name.get(name.casefold())
        if existing is not None:
            return existing
        candidate = normalised_id(name)
        return candidate if candidate in self.ids else None

    def add(self, row_id: str, name: str) -> None:
        self.ids.add(row_id)
        self.by_name[name.casefold()] = row_id


class CatalogWriter:
    """Inserts or updates products, creating their categories and suppliers on first use."""

    def __init__(self, db: sqlite_utils.Database, *, default_vat_bp: int) -> None:
        self._db = db
        self._default_vat_bp = default_vat_bp
        self._categories = _NameIndex.load(db, "categories", ("name_en", "name_es"))
        self._suppliers = _NameIndex.load(db, "suppliers", ("name",))

    def write(self, record: ProductRecord) -> WriteOutcome:
        """Insert the record as a product, or update the product with its SKU."""
        values = self._values(record)
        existing = next(
            self._db.query(
                f"SELECT {', '.join(_PRODUCT_COLUMNS)} FROM products WHERE sku = ?", [record.sku]
            ),
            None,
        )

        if existing is None:
            self._db["products"].insert(
                {
                    "sku": record.sku,
                    "vat_rate_bp": self._default_vat_bp,
                    "stock_milli": 0,
                    **values,
                }
            )
            return WriteOutcome.NEW

        changes = {column: value for column, value in values.items() if existing[column] != value}
        if not changes:
            return WriteOutcome.UNCHANGED
        self._db.execute(
            f"UPDATE products SET {', '.join(f'{column} = ?' for column in changes)}, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE sku = ?",
            [*changes.values(), record.sku],
        )
        return WriteOutcome.UPDATED

    def _values(self, record: ProductRecord) -> dict[str, Any]:
        # NOTE: an export has one language, so an update also overwrites a Spanish
        # name that someone translated by hand.
        stated: dict[str, Any] = {
            "name_en": record.name,
            "name_es": record.name,
            "price_cents": record.price_cents,
            "source": record.source,
            "barcode": record.barcode,
            "cost_cents": record.cost_cents,
            "vat_rate_bp": record.vat_rate_bp,
            "stock_milli": record.stock_milli,
            "description": record.description,
            "category_id": self._category_id(record.category),
            "supplier_id": self._supplier_id(record.supplier),
        }
        return {column: value for column, value in stated.items() if value is not None}

    def _category_id(self, name: str | None) -> str | None:
        if name is None:
            return None
        existing = self._categories.find(name)
        if existing is not None:
            return existing

        category_id = normalised_id(name)
        self._db["categories"].insert({"id": category_id, "name_en": name, "name_es": name})
        self._categories.add(category_id, name)
        return category_id

    def _supplier_id(self, name: str | None) -> str | None:
        if name is None:
            return None
        existing = self._suppliers.find(name)
        if existing is not None:
            return existing

        # The schema's default lead time (2 days) applies until the shop sets the real one.
        supplier_id = normalised_id(name)
        self._db["suppliers"].insert({"id": supplier_id, "name": name})
        self._suppliers.add(supplier_id, name)
        return supplier_id
