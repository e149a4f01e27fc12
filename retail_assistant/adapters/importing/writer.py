"""Writing imported product records into the shop database, with a record of every change.

Nothing here opens or ends a transaction: the importer runs the whole file in one.
Products are matched by SKU, or by barcode when a row has no SKU. A field that the
file leaves empty (None in the record) keeps the stored value of an existing product
and takes the schema default for a new one. So re-importing a file without costs
keeps the costs typed in by hand, and a file with only stock changes only stock.

The writer plans: it reads the affected products and decides each row's outcome,
without writing. staging.py then writes the plan. A dry run plans only, so a preview
never takes the write lock.
"""

from __future__ import annotations

import enum
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from retail_assistant.adapters.importing.cells import normalised_id
from retail_assistant.adapters.importing.records import ProductRecord
from retail_assistant.core.errors import InputError
from retail_assistant.core.import_report import FlaggedRow, RejectedRow

__all__ = [
    "DEFAULT_VAT_KEY",
    "FALLBACK_VAT_BP",
    "INSERT_COLUMNS",
    "POLICIES",
    "PRODUCT_COLUMNS",
    "ProductPlan",
    "ProductWriter",
    "WriteOutcome",
    "read_default_vat_bp",
    "read_shop_currency",
]

log = logging.getLogger(__name__)

DEFAULT_VAT_KEY = "default_vat_bp"
"""The key in the `shop` table of the VAT rate, in basis points, for products whose file states none."""

FALLBACK_VAT_BP = 2100
"""The VAT rate used when the shop has not set one: 21 %, Spain's general rate."""

POLICIES = ("update", "skip", "stop")
"""The policies for rows matching existing data: change it, leave it, or import nothing."""

# The columns an import sets; an update compares exactly these.
PRODUCT_COLUMNS = (
    "name_en",
    "name_es",
    "category_id",
    "barcode",
    "cost_cents",
    "price_cents",
    "vat_rate_bp",
    "stock_milli",
    "unit",
    "supplier_id",
    "description",
    "source",
)
INSERT_COLUMNS = ("sku", *PRODUCT_COLUMNS, "updated_at")
_CHUNK = 500
_LISTED_MATCHES = 5


class WriteOutcome(enum.Enum):
    """The effect of writing one record on the products table."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


def read_default_vat_bp(db: sqlite_utils.Database) -> int:
    """Return the shop's default VAT rate in basis points, or FALLBACK_VAT_BP when it has none."""
    row = db.execute("SELECT value FROM shop WHERE key = ?", [DEFAULT_VAT_KEY]).fetchone()
    if row is None:
        return FALLBACK_VAT_BP

    try:
        rate = int(row[0])
    except ValueError:
        rate = -1
    if rate < 0:
        log.warning("invalid %s %r in the shop table; using %d", DEFAULT_VAT_KEY, row[0], FALLBACK_VAT_BP)
        return FALLBACK_VAT_BP
    return rate


def read_shop_currency(db: sqlite_utils.Database) -> str | None:
    """Return the ISO 4217 code of the shop's currency, or None when the shop has not set one."""
    row = db.execute("SELECT value FROM shop WHERE key = 'currency'").fetchone()
    return row[0].strip().upper() if row and row[0].strip() else None


@dataclass
class _NameIndex:
    """The ids of one table of named rows (categories, suppliers), found by id or by name."""

    ids: set[str] = field(default_factory=set)
    by_name: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, db: sqlite_utils.Database, table: str, name_columns: tuple[str, ...]) -> _NameIndex:
        index = cls()
        for row in db.execute(f"SELECT id, {', '.join(name_columns)} FROM {table}"):
            index.ids.add(row[0])
            for name in row[1:]:
                index.by_name.setdefault(name.casefold(), row[0])
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


@dataclass
class ProductPlan:
    """The effect of writing a file's records, decided before anything is written."""

    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    """Rows for INSERT, in the order of INSERT_COLUMNS."""

    updates: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    """(sku, values before, values after) of the columns that change."""

    categories: list[tuple[str, str]] = field(default_factory=list)
    """(id, name) of the categories to create."""

    suppliers: list[tuple[str, str]] = field(default_factory=list)
    """(id, name) of the suppliers to create."""

    matched: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The stored values of every existing product a record matched, as the plan read them."""

    now: str = ""
    """The moment written to `updated_at`, ISO 8601 UTC."""

    outcomes: dict[WriteOutcome, int] = field(default_factory=lambda: defaultdict(int))
    rejected: list[RejectedRow] = field(default_factory=list)
    flagged: list[FlaggedRow] = field(default_factory=list)


class ProductWriter:
    """Plans the insert or update of product records, creating categories and suppliers on first use."""

    def __init__(self, db: sqlite_utils.Database, *, default_vat_bp: int, policy: str, now: str) -> None:
        if policy not in POLICIES:
            raise InputError(f"unknown policy {policy!r}; use one of {', '.join(POLICIES)}")
        self._db = db
        self._default_vat_bp = default_vat_bp
        self._policy = policy
        self._now = now
        # The values of a new product before the file's are applied: the schema's defaults.
        self._new_row: dict[str, Any] = dict.fromkeys(PRODUCT_COLUMNS) | {
            "vat_rate_bp": default_vat_bp,
            "stock_milli": 0,
            "unit": "unit",
        }
        self._categories = _NameIndex.load(db, "categories", ("name_en", "name_es"))
        self._suppliers = _NameIndex.load(db, "suppliers", ("name",))

    def plan(self, records: Sequence[ProductRecord]) -> ProductPlan:
        """Decide the outcome of each record against the products stored now.

        Raises InputError under the 'stop' policy when any record matches a stored product.
        """
        by_barcode = self._skus_by_barcode({record.barcode for record in records if record.barcode})
        owners = {sku for skus in by_barcode.values() for sku in skus}
        existing = self._existing_by_sku({record.sku for record in records if record.sku} | owners)
        plan = ProductPlan(now=self._now)
        matches: list[tuple[int, str]] = []
        for record in records:
            sku = self._resolve_sku(record, by_barcode, plan)
            if sku is None:
                continue
            self._flag_shared_barcode(record, sku, by_barcode, plan)
            stored = existing.get(sku)
            if stored is None:
                self._plan_insert(record, sku, plan, existing)
                continue
            plan.matched.setdefault(sku, dict(stored))
            if self._policy == "stop":
                matches.append((record.row_number, sku))
            elif self._policy == "skip":
                plan.outcomes[WriteOutcome.SKIPPED] += 1
            else:
                self._plan_update(record, sku, stored, plan, existing)

        if matches:
            listed = ", ".join(f"row {row} ({sku!r})" for row, sku in matches[:_LISTED_MATCHES])
            more = f" and {len(matches) - _LISTED_MATCHES} more" if len(matches) > _LISTED_MATCHES else ""
            raise InputError(
                f"{len(matches)} rows match products already in the shop: {listed}{more}; nothing was "
                "imported. Choose the policy update (change them) or skip (leave them as they are)"
            )
        return plan

    # -- planning ---------------------------------------------------------------------------

    def _resolve_sku(self, record: ProductRecord, by_barcode: dict[str, list[str]], plan: ProductPlan) -> str | None:
        if record.sku is not None:
            return record.sku
        if record.barcode is None:
            return None
        owners = by_barcode.get(record.barcode, [])
        if len(owners) > 1:
            plan.rejected.append(
                RejectedRow(
                    record.row_number,
                    f"the barcode {record.barcode!r} belongs to the products {', '.join(owners[:3])}; "
                    "add a SKU column so the row names one of them",
                )
            )
            return None
        # A barcode that no product has yet becomes the new product's SKU as well.
        return owners[0] if owners else record.barcode

    def _flag_shared_barcode(
        self, record: ProductRecord, sku: str, by_barcode: dict[str, list[str]], plan: ProductPlan
    ) -> None:
        if record.barcode is None:
            return
        others = [owner for owner in by_barcode.get(record.barcode, []) if owner != sku]
        if others:
            plan.flagged.append(
                FlaggedRow(
                    record.row_number,
                    f"the barcode {record.barcode!r} is also the barcode of {', '.join(others[:3])}; "
                    "a scan finds only one of them",
                )
            )

    def _plan_insert(
        self, record: ProductRecord, sku: str, plan: ProductPlan, existing: dict[str, dict[str, Any]]
    ) -> None:
        name_en = record.name_en or record.name or record.name_es
        name_es = record.name_es or record.name or record.name_en
        missing = [what for what, value in (("name", name_en), ("price", record.price_cents)) if value is None]
        if missing:
            plan.rejected.append(
                RejectedRow(
                    record.row_number,
                    f"the SKU {sku!r} is not in the shop, and the row has no {' and no '.join(missing)} to "
                    f"create it; add the {' and '.join(missing)} column, or import the full product list first",
                )
            )
            return

        values = self._values(record, plan)
        row = dict(self._new_row)
        row.update(values)
        row["name_en"], row["name_es"] = name_en, name_es
        plan.inserts.append((sku, *row.values(), self._now))
        plan.outcomes[WriteOutcome.NEW] += 1
        # A later row with the same SKU (only possible through a barcode) then updates it.
        existing[sku] = row

    def _plan_update(
        self,
        record: ProductRecord,
        sku: str,
        stored: dict[str, Any],
        plan: ProductPlan,
        existing: dict[str, dict[str, Any]],
    ) -> None:
        values = self._values(record, plan)
        # NOTE: an export has one language, so an update also overwrites a Spanish
        # name that someone translated by hand.
        if record.name is not None:
            values.setdefault("name_en", record.name)
            values.setdefault("name_es", record.name)
        changes = {
            column: value for column, value in values.items() if stored[column] != value and column != "source"
        }
        # The source records where the row's values came from, so it changes only with them.
        if changes and stored["source"] != record.source:
            changes["source"] = record.source
        if not changes:
            plan.outcomes[WriteOutcome.UNCHANGED] += 1
            return
        before = {column: stored[column] for column in changes}
        plan.updates.append((sku, before, changes))
        plan.outcomes[WriteOutcome.UPDATED] += 1
        existing[sku] = stored | changes

    def _values(self, record: ProductRecord, plan: ProductPlan) -> dict[str, Any]:
        stated: dict[str, Any] = {
            "name_en": record.name_en,
            "name_es": record.name_es,
            "price_cents": record.price_cents,
            "source": record.source,
            "barcode": record.barcode,
            "cost_cents": record.cost_cents,
            "vat_rate_bp": record.vat_rate_bp,
            "stock_milli": record.stock_milli,
            "unit": record.unit,
            "description": record.description,
            "category_id": self._category_id(record.category, plan),
            "supplier_id": self._supplier_id(record.supplier, plan),
        }
        return {column: value for column, value in stated.items() if value is not None}

    def _category_id(self, name: str | None, plan: ProductPlan) -> str | None:
        if name is None:
            return None
        existing = self._categories.find(name)
        if existing is not None:
            return existing

        category_id = self._unused_id(normalised_id(name), self._categories.ids)
        plan.categories.append((category_id, name))
        self._categories.add(category_id, name)
        return category_id

    def _supplier_id(self, name: str | None, plan: ProductPlan) -> str | None:
        if name is None:
            return None
        existing = self._suppliers.find(name)
        if existing is not None:
            return existing

        supplier_id = self._unused_id(normalised_id(name), self._suppliers.ids)
        plan.suppliers.append((supplier_id, name))
        self._suppliers.add(supplier_id, name)
        return supplier_id

    @staticmethod
    def _unused_id(candidate: str, ids: set[str]) -> str:
        # Two names can normalise to one id ("Café" and "cafe" are found by name, but
        # "Cafe." and "Cafe!" are not), so a taken id gets a number.
        if candidate not in ids:
            return candidate
        number = 2
        while f"{candidate}-{number}" in ids:
            number += 1
        return f"{candidate}-{number}"

    # -- reading ----------------------------------------------------------------------------

    def _existing_by_sku(self, skus: Iterable[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(skus)):
            cursor = self._db.execute(
                f"SELECT sku, {', '.join(PRODUCT_COLUMNS)} FROM products WHERE sku IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
            for row in cursor:
                found[row[0]] = dict(zip(PRODUCT_COLUMNS, row[1:]))
        return found

    def _skus_by_barcode(self, barcodes: Iterable[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks(sorted(barcodes)):
            cursor = self._db.execute(
                f"SELECT barcode, sku FROM products WHERE barcode IN ({', '.join('?' for _ in chunk)}) ORDER BY sku",
                chunk,
            )
            for barcode, sku in cursor:
                found[barcode].append(sku)
        return found


def _chunks(values: list[str]) -> Iterator[list[str]]:
    # SQLite limits the number of ? parameters in one statement (999 before 3.32).
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
