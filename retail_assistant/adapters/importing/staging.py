"""Writing a planned import with the write lock held for a few SQL statements only.

The sqlite3 module releases the GIL around every row it steps through, so with
another busy Python thread in the process (the chat answering a question), each
row written costs up to one thread switch interval (5 ms). An import of 20,000 rows
written row by row then held the write lock for many seconds, and other writers
timed out with "database is locked".

So the rows are first copied into temporary tables, which belong to this connection
alone and take no lock on the shop database. Under the write lock the import checks,
in one query per table, that the rows it planned against are still as it read them,
and then moves the staged rows in with INSERT ... SELECT and UPDATE ... (SELECT ...)
statements that SQLite runs without returning to Python.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from retail_assistant.adapters.importing.records import SalesLines
from retail_assistant.adapters.importing.sales_writer import DAYS_TABLE
from retail_assistant.adapters.importing.writer import INSERT_COLUMNS, PRODUCT_COLUMNS, ProductPlan

__all__ = ["apply_products", "apply_sales", "drop_staging", "stage_products", "stage_sales", "verify_products"]

_NEW = "temp.import_new_products"
_UPDATES = "temp.import_product_updates"
_MATCHED = "temp.import_matched_products"
_CHANGES = "temp.import_staged_changes"
_SALES = "temp.import_staged_sales"
_TABLES = (_NEW, _UPDATES, _MATCHED, _CHANGES, _SALES, DAYS_TABLE)


def drop_staging(db: sqlite_utils.Database) -> None:
    """Drop the temporary tables of an import, freeing their space."""
    for table in _TABLES:
        db.execute(f"DROP TABLE IF EXISTS {table}")


def stage_products(db: sqlite_utils.Database, plan: ProductPlan) -> None:
    """Copy the plan's new products, updates, matched products and changes into temporary tables.

    It does not commit: the caller commits outside the write transaction, or the
    write transaction commits the staging with everything else.
    """
    columns = ", ".join(PRODUCT_COLUMNS)
    _recreate(db, _NEW, f"sku, {columns}, updated_at")
    _recreate(db, _UPDATES, f"sku PRIMARY KEY, {columns}, changed")
    _recreate(db, _MATCHED, f"sku PRIMARY KEY, {columns}")
    _recreate(db, _CHANGES, "table_name, row_key, action, before_json, after_json")

    db.conn.executemany(f"INSERT INTO {_NEW} VALUES ({_marks(len(INSERT_COLUMNS))})", plan.inserts)
    db.conn.executemany(
        f"INSERT INTO {_UPDATES} VALUES ({_marks(len(PRODUCT_COLUMNS) + 2)})",
        (
            (sku, *(after.get(column) for column in PRODUCT_COLUMNS), ",".join(after))
            for sku, _, after in plan.updates
        ),
    )
    db.conn.executemany(
        f"INSERT INTO {_MATCHED} VALUES ({_marks(len(PRODUCT_COLUMNS) + 1)})",
        ((sku, *(stored[column] for column in PRODUCT_COLUMNS)) for sku, stored in plan.matched.items()),
    )
    db.conn.executemany(f"INSERT INTO {_CHANGES} VALUES (?, ?, ?, ?, ?)", _product_changes(plan))


def verify_products(db: sqlite_utils.Database, plan: ProductPlan) -> bool:
    """Return whether the products, categories and suppliers the plan read are unchanged; call under the lock."""
    if db.execute(f"SELECT EXISTS (SELECT 1 FROM products WHERE sku IN (SELECT sku FROM {_NEW}))").fetchone()[0]:
        return False

    differs = " OR ".join(f"p.{column} IS NOT m.{column}" for column in PRODUCT_COLUMNS)
    changed = db.execute(
        f"SELECT count(*) FROM {_MATCHED} AS m LEFT JOIN products AS p ON p.sku = m.sku "
        f"WHERE p.sku IS NULL OR {differs}"
    ).fetchone()[0]
    if changed:
        return False

    for table, rows in (("categories", plan.categories), ("suppliers", plan.suppliers)):
        for start in range(0, len(rows), 500):
            ids = [row_id for row_id, _ in rows[start : start + 500]]
            taken = db.execute(f"SELECT count(*) FROM {table} WHERE id IN ({_marks(len(ids))})", ids).fetchone()[0]
            if taken:
                return False
    return True


def apply_products(db: sqlite_utils.Database, plan: ProductPlan, import_id: int) -> None:
    """Write the staged plan and its change log; call inside the import's write transaction."""
    db.conn.executemany(
        "INSERT INTO categories (id, name_en, name_es) VALUES (?, ?, ?)",
        [(row_id, name, name) for row_id, name in plan.categories],
    )
    # The schema's default lead time (2 days) applies until the shop sets the real one.
    db.conn.executemany("INSERT INTO suppliers (id, name) VALUES (?, ?)", plan.suppliers)

    columns = ", ".join(INSERT_COLUMNS)
    # In SKU order, the primary key's index is filled in order.
    db.execute(f"INSERT INTO products ({columns}) SELECT {columns} FROM {_NEW} ORDER BY sku")

    groups = [row[0] for row in db.execute(f"SELECT DISTINCT changed FROM {_UPDATES}")]
    for changed in groups:
        names = changed.split(",")
        targets = ", ".join(names)
        sources = ", ".join(f"u.{name}" for name in names)
        db.execute(
            f"UPDATE products SET ({targets}) = (SELECT {sources} FROM {_UPDATES} AS u WHERE u.sku = products.sku), "
            f"updated_at = ? WHERE sku IN (SELECT sku FROM {_UPDATES} WHERE changed = ?)",
            [plan.now, changed],
        )

    db.execute(
        "INSERT INTO import_changes (import_id, table_name, row_key, action, before_json, after_json) "
        f"SELECT ?, table_name, row_key, action, before_json, after_json FROM {_CHANGES} ORDER BY rowid",
        [import_id],
    )


def stage_sales(db: sqlite_utils.Database, lines: SalesLines) -> None:
    """Copy the sales lines to insert into a temporary table."""
    _recreate(db, _SALES, "sold_on, sku, quantity_milli, unit_price_cents")
    db.conn.executemany(
        f"INSERT INTO {_SALES} VALUES (?, ?, ?, ?)",
        zip(lines.days, lines.skus, lines.quantities_milli, lines.unit_prices_cents),
    )


def apply_sales(db: sqlite_utils.Database, import_id: int, *, replaced_days: str | None) -> tuple[int | None, int | None]:
    """Delete the sales the lines replace, insert the staged lines; return the first and last new id.

    `replaced_days` is the temporary table of (sku, day) pairs whose stored sales are
    replaced, or None. Each deleted sale is logged whole in `import_changes`.
    """
    if replaced_days is not None:
        matched = f"FROM sales AS s JOIN {replaced_days} AS d ON s.sku = d.sku AND s.sold_on = d.day"
        db.execute(
            "INSERT INTO import_changes (import_id, table_name, row_key, action, before_json, after_json) "
            "SELECT ?, 'sales', CAST(s.id AS TEXT), 'deleted', json_object('id', s.id, 'sold_on', s.sold_on, "
            "'sku', s.sku, 'quantity_milli', s.quantity_milli, 'unit_price_cents', s.unit_price_cents, "
            f"'promotion_id', s.promotion_id), NULL {matched}",
            [import_id],
        )
        db.execute(f"DELETE FROM sales WHERE id IN (SELECT s.id {matched})")

    if not db.execute(f"SELECT EXISTS (SELECT 1 FROM {_SALES})").fetchone()[0]:
        return None, None
    # One statement, under the write lock, so SQLite numbers the lines from max(id) + 1 on.
    # Inserting in (sku, day) order fills the sales_sku_day index in order, which made a
    # million lines take 2.3 s instead of 7.6 s on a two-core test machine.
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM sales").fetchone()[0]
    db.execute(
        "INSERT INTO sales (sold_on, sku, quantity_milli, unit_price_cents) "
        f"SELECT sold_on, sku, quantity_milli, unit_price_cents FROM {_SALES} ORDER BY sku, sold_on"
    )
    last = db.execute("SELECT max(id) FROM sales").fetchone()[0]
    return first, last


def _product_changes(plan: ProductPlan) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    for row_id, _ in plan.categories:
        yield "categories", row_id, "inserted", None, None
    for row_id, _ in plan.suppliers:
        yield "suppliers", row_id, "inserted", None, None
    for row in plan.inserts:
        yield "products", row[0], "inserted", None, _json(dict(zip(PRODUCT_COLUMNS, row[1:-1])))
    for sku, before, after in plan.updates:
        yield "products", sku, "updated", _json(before), _json(after)


def _recreate(db: sqlite_utils.Database, table: str, columns: str) -> None:
    db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute(f"CREATE TABLE {table} ({columns})")


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def _json(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))
