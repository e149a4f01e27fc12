"""Writing the demo shop into a new database file that replaces the old one in one step.

The database is built in a temporary file beside the target, in one transaction, and
then renamed over the target with `os.replace`, which is atomic on POSIX and Windows
when both paths are on the same volume. A failure at any point before the rename
leaves the old file as it was and removes the temporary one.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import secrets
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from retail_assistant.adapters.store import open_database
from retail_assistant.core.errors import StoreError
from retail_assistant.demo.simulation import DemoShop

__all__ = ["SHOP_NAME", "write_shop"]

log = logging.getLogger(__name__)

SHOP_NAME = "Ultramarinos La Esquina"
_SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")

Row = tuple[object, ...]


def write_shop(path: Path, shop: DemoShop) -> None:
    """Write `shop` into a new SQLite database and move it over `path`.

    Raises StoreError naming the path when the folder or the file cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = _create_temporary_file(path)
    except OSError as error:
        raise StoreError(
            f"cannot write the demo shop in {path.parent}: {error.strerror}; "
            "choose another folder with --home or RETAIL_ASSISTANT_HOME"
        ) from error

    try:
        _build(temp, shop)
        _retire_old_database(path)
        os.replace(temp, path)
    except (OSError, sqlite3.Error) as error:
        _remove_with_sidecars(temp)
        raise StoreError(
            f"cannot write the demo shop to {path}: {error}; the previous file, if any, "
            "is unchanged; check the free space and permissions of that folder"
        ) from error
    except BaseException:
        _remove_with_sidecars(temp)
        raise


def _create_temporary_file(path: Path) -> Path:
    """Create an empty, uniquely named file beside `path` and return its path.

    Unlike `tempfile.mkstemp`, which always creates files readable by their owner
    only, this gives the file the permissions the user's umask gives any new file, so
    the shop database ends up with the same permissions as one SQLite creates.
    """
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.building")
        try:
            handle = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            continue
        os.close(handle)
        return temp


def _build(temp: Path, shop: DemoShop) -> None:
    db = open_database(temp)
    conn = db.conn
    try:
        conn.execute("BEGIN")
        try:
            for table, columns, rows in _tables(shop):
                placeholders = ", ".join("?" for _ in columns)
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        # Fold the write-ahead log into the main file, so that the file renamed into
        # place contains every row without its -wal companion.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _retire_old_database(path: Path) -> None:
    """Fold the old database's write-ahead log into it, then delete its -wal and -shm files.

    A -wal file left beside the new database would be replayed into it on the next
    open and corrupt it. Checkpointing first keeps the old file complete in case the
    rename that follows fails.
    """
    if path.exists():
        try:
            conn = sqlite3.connect(path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except sqlite3.Error as error:
            # A damaged old file is a reason to reset, not a reason to fail.
            log.warning("could not checkpoint the old shop database %s: %s", path, error)

    for suffix in _SIDECAR_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _remove_with_sidecars(path: Path) -> None:
    for name in (str(path), *(f"{path}{suffix}" for suffix in _SIDECAR_SUFFIXES)):
        try:
            Path(name).unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove the temporary file %s: %s", name, error)


def _tables(shop: DemoShop) -> Iterator[tuple[str, tuple[str, ...], Iterable[Row]]]:
    """Yield each table with its columns and rows, parents before the rows that refer to them."""
    yield "shop", ("key", "value"), _shop_rows(shop)
    yield "suppliers", ("id", "name", "lead_time_days", "email", "phone"), (
        (supplier.id, supplier.name, supplier.lead_time_days, supplier.email, None)
        for supplier in shop.suppliers
    )
    yield "categories", ("id", "name_en", "name_es", "perishable"), (
        (category.id, category.name_en, category.name_es, int(category.perishable))
        for category in shop.categories
    )
    yield "products", _PRODUCT_COLUMNS, _product_rows(shop)
    yield "promotions", ("id", "sku", "starts_on", "ends_on", "discount_bp"), (
        (p.id, p.sku, _iso(p.starts_on), _iso(p.ends_on), p.discount_bp)
        for p in shop.promotions
    )
    yield "price_changes", (
        "id", "sku", "changed_on", "old_price_cents", "new_price_cents", "reason"
    ), (
        (c.id, c.sku, _iso(c.changed_on), c.old_price_cents, c.new_price_cents, c.reason)
        for c in shop.price_changes
    )
    yield "batches", ("id", "sku", "quantity_milli", "received_on", "expires_on"), (
        (number, b.sku, b.quantity_milli, _iso(b.received_on), _iso(b.expires_on))
        for number, b in enumerate(shop.batches, start=1)
    )
    yield "sales", (
        "id", "sold_on", "sku", "quantity_milli", "unit_price_cents", "promotion_id"
    ), _sales_rows(shop)
    yield "stockouts", ("sku", "day"), ((sku, _iso(day)) for sku, day in shop.stockouts)


_PRODUCT_COLUMNS = (
    "sku", "name_en", "name_es", "category_id", "barcode", "cost_cents", "price_cents",
    "vat_rate_bp", "stock_milli", "unit", "supplier_id", "description", "source", "updated_at",
)


def _shop_rows(shop: DemoShop) -> list[Row]:
    return [
        ("name", SHOP_NAME),
        ("currency", "EUR"),
        ("country", "ES"),
        ("default_vat_bp", "2100"),
        ("demo_seed", str(shop.seed)),
        ("demo_today", shop.today.isoformat()),
    ]


def _product_rows(shop: DemoShop) -> Iterator[Row]:
    # A fixed timestamp instead of the column's default (the current time) keeps two
    # builds for the same day identical.
    updated_at = f"{shop.today.isoformat()}T00:00:00Z"
    for product in shop.products:
        yield (
            product.sku,
            product.name_en,
            product.name_es,
            product.category_id,
            product.barcode,
            product.cost_cents,
            product.price_cents,
            product.vat_bp,
            shop.ledgers[product.sku].final_milli,
            product.unit,
            product.supplier_id,
            None,
            "demo",
            updated_at,
        )


def _sales_rows(shop: DemoShop) -> Iterator[Row]:
    for number, sale in enumerate(shop.sales, start=1):
        yield (
            number,
            _iso(sale.sold_on),
            sale.sku,
            sale.quantity_milli,
            sale.unit_price_cents,
            sale.promotion_id,
        )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
