"""The pricing service: recommend, apply, undo and export, over one shop database file.

Every function opens its own connection and closes it before returning, so the GUI's
worker thread, the command line and the assistant can each call it from their own
thread. Applying is one transaction that changes the shelf prices, writes a
`price_changes` row per product and records the batch for undo. The store's triggers
raise each changed product's `row_version`, which invalidates the cached answers that
read the old price.
"""

from __future__ import annotations

import csv
import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.pricing.onnx_model import DemandModel, default_model_path
from retail_assistant.adapters.pricing.shop_data import read_snapshot
from retail_assistant.adapters.store.database import open_database
from retail_assistant.core.answers import DataAnswer
from retail_assistant.core.catalog import Product
from retail_assistant.core.errors import InputError, StoreError
from retail_assistant.core.money import Money
from retail_assistant.core.pricing import DemandPredictor, Recommendation, plan_prices
from retail_assistant.core.pricing_inputs import pricing_items
from retail_assistant.core.pricing_rules import PricingRules
from retail_assistant.core.pricing_wording import explanation, pricing_answer

__all__ = [
    "AppliedBatch",
    "AppliedChange",
    "answer_pricing_question",
    "apply",
    "export_csv",
    "last_batch",
    "load_model",
    "recommend",
    "undo",
]

log = logging.getLogger(__name__)

CSV_COLUMNS = (
    "sku",
    "name",
    "current_price",
    "new_price",
    "change_percent",
    "expected_units_current",
    "expected_units_new",
    "expected_profit_current",
    "expected_profit_new",
    "horizon_days",
    "clearance",
    "expires_on",
    "reasons",
)
"""Columns of the exported CSV file. Prices include VAT; money uses a decimal point."""

_TENTH = Decimal("0.1")

_models: dict[tuple[Path, int, int], DemandModel] = {}
_models_lock = threading.Lock()


@dataclass(frozen=True)
class AppliedChange:
    """One product's shelf price changed by a batch."""

    sku: str
    old_price: Money
    new_price: Money
    clearance: bool


@dataclass(frozen=True)
class AppliedBatch:
    """Price changes applied together, which one undo restores."""

    batch_id: int
    applied_at: str
    """Moment of applying, ISO 8601 UTC."""
    applied_on: date
    changes: tuple[AppliedChange, ...]
    undone_at: str | None = None


def load_model(path: Path | None = None) -> DemandModel:
    """Return the demand model at `path` (default: the bundled one), loading it once per file version.

    Raises PricingError naming the path when the file is missing or damaged.
    """
    path = path or default_model_path()
    try:
        stat = path.stat()
    except OSError:
        return DemandModel.load(path)  # raises the PricingError that names the missing file
    key = (path, stat.st_mtime_ns, stat.st_size)
    with _models_lock:
        model = _models.get(key)
        if model is None:
            model = DemandModel.load(path)
            _models[key] = model
    return model


def recommend(
    db_path: Path,
    *,
    skus: Sequence[str] | None = None,
    rules: PricingRules | None = None,
    today: date | None = None,
    model: DemandPredictor | None = None,
) -> list[Recommendation]:
    """Recommend a shelf price for each product of `skus` (in that order), or for every product by SKU.

    Raises InputError listing the SKUs that do not exist, PricingError when the model
    cannot be loaded or run, and StoreError when the database cannot be read.
    """
    rules = rules or PricingRules()
    today = today or date.today()
    requested = None if skus is None else list(dict.fromkeys(skus))
    if requested is not None and not requested:
        raise InputError("no SKU given; name one or more products, or price every product")

    db = _open(db_path)
    try:
        snapshot = read_snapshot(db, today=today, skus=requested)
    finally:
        db.conn.close()

    known = {record.sku for record in snapshot.products}
    if requested is not None:
        unknown = [sku for sku in requested if sku not in known]
        if unknown:
            raise InputError(
                f"unknown SKU{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}; check the spelling "
                "(SKUs are matched exactly) or list the products in the Inventory tab"
            )

    items = pricing_items(snapshot, rules)
    recommendations = plan_prices(items, model or load_model(), rules)
    log.info("priced %d products of %s (%d changes recommended)", len(recommendations), db_path,
             sum(1 for recommendation in recommendations if recommendation.changed))
    if requested is None:
        return recommendations
    by_sku = {recommendation.sku: recommendation for recommendation in recommendations}
    return [by_sku[sku] for sku in requested]


def answer_pricing_question(
    db_path: Path,
    product: Product,
    language: str,
    *,
    rules: PricingRules | None = None,
    today: date | None = None,
    model: DemandPredictor | None = None,
) -> DataAnswer:
    """Answer "What should I charge for <product>?" in `language` ("en" or "es") with the reasons."""
    recommendation = recommend(db_path, skus=[product.sku], rules=rules, today=today, model=model)[0]
    return pricing_answer(recommendation, language)


def apply(db_path: Path, recommendations: Sequence[Recommendation], *, today: date | None = None,
          model_name: str | None = None) -> AppliedBatch:
    """Change the shelf prices of the recommendations that change one, in one transaction.

    Raises InputError when no recommendation changes a price, or when a product's price
    is no longer the one the recommendation started from (nothing is changed then).
    """
    changing = [recommendation for recommendation in recommendations if recommendation.changed]
    if not changing:
        raise InputError("none of the accepted recommendations changes a price; nothing to apply")
    today = today or date.today()
    stamp = _now()

    db = _open(db_path)
    try:
        with _transaction(db, "apply the new prices"):
            stale = []
            for recommendation in changing:
                row = db.execute("SELECT price_cents FROM products WHERE sku = ?", [recommendation.sku]).fetchone()
                if row is None or row[0] != recommendation.current_price.cents:
                    stale.append(recommendation.sku)
            if stale:
                raise InputError(
                    f"the price of {', '.join(stale)} changed since the recommendation (or the product is gone); "
                    "refresh the recommendations and apply again"
                )

            batch_id = db.execute(
                "INSERT INTO pricing_batches (applied_at, applied_on, model) VALUES (?, ?, ?)",
                [stamp, today.isoformat(), model_name or default_model_path().name],
            ).lastrowid
            for recommendation in changing:
                _apply_one(db, batch_id, recommendation, today=today, stamp=stamp)
    finally:
        db.conn.close()

    log.info("applied pricing batch %d: %d price changes in %s", batch_id, len(changing), db_path)
    changes = tuple(
        AppliedChange(recommendation.sku, recommendation.current_price, recommendation.new_price, recommendation.clearance)
        for recommendation in changing
    )
    return AppliedBatch(batch_id, stamp, today, changes)


def undo(db_path: Path, batch_id: int, *, today: date | None = None) -> AppliedBatch:
    """Restore the prices a batch changed, in one transaction, and return the batch as undone.

    The `price_changes` rows the batch wrote are deleted when undone on the day they took
    effect. On a later day a reversing row is written instead, because sales in between
    were made at the new price. Raises InputError when the batch does not exist, was
    undone already, or a price it set has been changed since (nothing is restored then).
    """
    today = today or date.today()
    stamp = _now()
    db = _open(db_path)
    try:
        with _transaction(db, f"undo pricing batch {batch_id}"):
            batch = _read_batch(db, batch_id)
            if batch is None:
                raise InputError(f"no pricing batch {batch_id} in this shop; nothing to undo")
            if batch.undone_at is not None:
                raise InputError(f"pricing batch {batch_id} was already undone at {batch.undone_at}")

            changed_since = []
            for change in batch.changes:
                row = db.execute("SELECT price_cents FROM products WHERE sku = ?", [change.sku]).fetchone()
                if row is not None and row[0] != change.new_price.cents:
                    changed_since.append(change.sku)
            if changed_since:
                raise InputError(
                    f"the price of {', '.join(changed_since)} was changed after pricing batch {batch_id}; "
                    "undo would overwrite that change, so change these prices by hand"
                )

            for sku, old_cents, new_cents, change_id in db.execute(
                "SELECT sku, old_price_cents, new_price_cents, price_change_id FROM pricing_changes WHERE batch_id = ?",
                [batch_id],
            ).fetchall():
                _undo_one(db, batch_id, sku, old_cents, new_cents, change_id, today=today, stamp=stamp)
            db.execute("UPDATE pricing_batches SET undone_at = ? WHERE id = ?", [stamp, batch_id])
    finally:
        db.conn.close()

    log.info("undid pricing batch %d: %d prices restored in %s", batch_id, len(batch.changes), db_path)
    return AppliedBatch(batch.batch_id, batch.applied_at, batch.applied_on, batch.changes, undone_at=stamp)


def last_batch(db_path: Path) -> AppliedBatch | None:
    """Return the latest pricing batch that has not been undone, or None."""
    db = _open(db_path)
    try:
        row = db.execute("SELECT max(id) FROM pricing_batches WHERE undone_at IS NULL").fetchone()
        return None if row[0] is None else _read_batch(db, row[0])
    except sqlite3.Error as error:
        raise StoreError(f"cannot read the pricing batches of {db_path}: {error}") from error
    finally:
        db.conn.close()


def export_csv(recommendations: Sequence[Recommendation], path: Path, *, language: str = "en") -> Path:
    """Write the recommendations to a CSV file (UTF-8 with BOM, comma-separated) and return its path.

    Names and reasons are in `language`; numbers use a decimal point so spreadsheets and
    scripts read them the same everywhere. The file is written beside `path` and renamed,
    so a failure never leaves half a file. Raises InputError naming the path when it
    cannot be written.
    """
    path = Path(path)
    try:
        descriptor, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        with os.fdopen(descriptor, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for recommendation in recommendations:
                writer.writerow(_csv_row(recommendation, language))
        os.replace(partial, path)
    except OSError as error:
        raise InputError(f"cannot write the CSV file {path}: {error.strerror or error}; choose another folder") from error
    log.info("exported %d price recommendations to %s", len(recommendations), path)
    return path


def _open(db_path: Path) -> sqlite_utils.Database:
    # open_database creates a missing file, and an empty new shop would price nothing.
    if not Path(db_path).is_file():
        raise InputError(
            f"no shop database at {db_path}; create the demo shop with 'retail-assistant demo' or import your products"
        )
    return open_database(db_path)


def _apply_one(db: sqlite_utils.Database, batch_id: int, recommendation: Recommendation, *, today: date, stamp: str) -> None:
    old_updated_at = db.execute("SELECT updated_at FROM products WHERE sku = ?", [recommendation.sku]).fetchone()[0]
    reason = f"pricing recommendation, batch {batch_id}" + (" (clearance)" if recommendation.clearance else "")
    change_id = db.execute(
        "INSERT INTO price_changes (sku, changed_on, old_price_cents, new_price_cents, reason) VALUES (?, ?, ?, ?, ?)",
        [recommendation.sku, today.isoformat(), recommendation.current_price.cents, recommendation.new_price.cents, reason],
    ).lastrowid
    db.execute(
        "UPDATE products SET price_cents = ?, updated_at = ? WHERE sku = ?",
        [recommendation.new_price.cents, stamp, recommendation.sku],
    )
    db.execute(
        "INSERT INTO pricing_changes (batch_id, sku, old_price_cents, new_price_cents, old_updated_at, price_change_id, "
        "clearance, expected_profit_old_cents, expected_profit_new_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            batch_id,
            recommendation.sku,
            recommendation.current_price.cents,
            recommendation.new_price.cents,
            old_updated_at,
            change_id,
            int(recommendation.clearance),
            None if recommendation.expected_profit_current is None else recommendation.expected_profit_current.cents,
            None if recommendation.expected_profit_new is None else recommendation.expected_profit_new.cents,
        ],
    )


def _undo_one(db: sqlite_utils.Database, batch_id: int, sku: str, old_cents: int, new_cents: int,
              change_id: int | None, *, today: date, stamp: str) -> None:
    # updated_at moves forward rather than back: the row changed again, and readers that
    # compare it (and the row_version trigger) must see a change, not the old state.
    db.execute("UPDATE products SET price_cents = ?, updated_at = ? WHERE sku = ?", [old_cents, stamp, sku])
    changed_on = None
    if change_id is not None:
        row = db.execute("SELECT changed_on FROM price_changes WHERE id = ?", [change_id]).fetchone()
        changed_on = None if row is None else row[0]
    if changed_on == today.isoformat():
        db.execute("DELETE FROM price_changes WHERE id = ?", [change_id])
        return
    db.execute(
        "INSERT INTO price_changes (sku, changed_on, old_price_cents, new_price_cents, reason) VALUES (?, ?, ?, ?, ?)",
        [sku, today.isoformat(), new_cents, old_cents, f"undo of pricing batch {batch_id}"],
    )


def _read_batch(db: sqlite_utils.Database, batch_id: int) -> AppliedBatch | None:
    row = db.execute("SELECT applied_at, applied_on, undone_at FROM pricing_batches WHERE id = ?", [batch_id]).fetchone()
    if row is None:
        return None
    changes = tuple(
        AppliedChange(sku, Money(old), Money(new), bool(clearance))
        for sku, old, new, clearance in db.execute(
            "SELECT sku, old_price_cents, new_price_cents, clearance FROM pricing_changes WHERE batch_id = ? ORDER BY id",
            [batch_id],
        )
    )
    return AppliedBatch(batch_id, row[0], date.fromisoformat(row[1]), changes, undone_at=row[2])


@contextmanager
def _transaction(db: sqlite_utils.Database, action: str) -> Iterator[None]:
    """Run the block in one write transaction, begun at once (BEGIN IMMEDIATE) and rolled back on any error.

    sqlite3.Error becomes a StoreError saying what could not be done.
    """
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise StoreError(f"cannot {action}: {error}; close other programs using the shop and try again") from error
    try:
        yield
    except sqlite3.Error as error:
        db.conn.execute("ROLLBACK")
        raise StoreError(f"cannot {action}: {error}; nothing was changed") from error
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def _csv_row(recommendation: Recommendation, language: str) -> list[object]:
    return [
        recommendation.sku,
        recommendation.name(language),
        recommendation.current_price.amount,
        recommendation.new_price.amount,
        (recommendation.change_share * 100).quantize(_TENTH),
        round(recommendation.expected_units_current, 2),
        round(recommendation.expected_units_new, 2),
        "" if recommendation.expected_profit_current is None else recommendation.expected_profit_current.amount,
        "" if recommendation.expected_profit_new is None else recommendation.expected_profit_new.amount,
        recommendation.horizon_days,
        "yes" if recommendation.clearance else "no",
        "" if recommendation.expires_on is None else recommendation.expires_on.isoformat(),
        explanation(recommendation, language),
    ]


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

