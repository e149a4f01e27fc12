"""Numbered schema migrations, applied in order when a database opens.

A new and an old database take the same path: each migration runs once, inside one
transaction together with the bump of `PRAGMA user_version`, so a crash leaves the
schema at the previous version, never half-changed.

Conventions: identifiers (SKU, barcodes, supplier codes) are TEXT exactly as given;
money is INTEGER cents; quantities are INTEGER thousandths of the product's unit;
VAT rates are INTEGER basis points (21 % is 2100); dates are ISO 8601 TEXT.
"""

from __future__ import annotations

import sqlite3

from retail_assistant.adapters.store import schema_importing, schema_pricing, schema_routing

__all__ = ["MIGRATIONS", "apply_migrations"]


_CATALOGUE = """
        CREATE TABLE suppliers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            lead_time_days INTEGER NOT NULL DEFAULT 2 CHECK (lead_time_days >= 0),
            email TEXT,
            phone TEXT
        );
        CREATE TABLE categories (
            id TEXT PRIMARY KEY,
            name_en TEXT NOT NULL,
            name_es TEXT NOT NULL,
            perishable INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE products (
            sku TEXT PRIMARY KEY,
            name_en TEXT NOT NULL,
            name_es TEXT NOT NULL,
            category_id TEXT REFERENCES categories(id),
            barcode TEXT,
            cost_cents INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            vat_rate_bp INTEGER NOT NULL DEFAULT 2100 CHECK (vat_rate_bp >= 0),
            stock_milli INTEGER NOT NULL DEFAULT 0,
            unit TEXT NOT NULL DEFAULT 'unit',
            supplier_id TEXT REFERENCES suppliers(id),
            description TEXT,
            source TEXT NOT NULL DEFAULT 'manual',
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX products_barcode ON products(barcode);
        CREATE INDEX products_category ON products(category_id);
        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
            quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0),
            received_on TEXT NOT NULL,
            expires_on TEXT
        );
        CREATE INDEX batches_sku ON batches(sku);
        CREATE INDEX batches_expiry ON batches(expires_on);
        CREATE TABLE promotions (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            discount_bp INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
            CHECK (ends_on >= starts_on)
        );
        CREATE TABLE price_changes (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
            changed_on TEXT NOT NULL,
            old_price_cents INTEGER NOT NULL,
            new_price_cents INTEGER NOT NULL,
            reason TEXT
        );
        CREATE TABLE sales (
            id INTEGER PRIMARY KEY,
            sold_on TEXT NOT NULL,
            sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
            quantity_milli INTEGER NOT NULL,
            unit_price_cents INTEGER NOT NULL,
            promotion_id INTEGER REFERENCES promotions(id)
        );
        CREATE INDEX sales_sku_day ON sales(sku, sold_on);
        CREATE INDEX sales_day ON sales(sold_on);
        CREATE TABLE stockouts (
            sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
            day TEXT NOT NULL,
            PRIMARY KEY (sku, day)
        );
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            report_json TEXT NOT NULL
        );
        CREATE TABLE shop (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
"""


MIGRATIONS: list[str] = [
    _CATALOGUE,
    schema_routing.SQL,  # 2: answer cache, cloud queue, cloud call log, data versions
    schema_importing.SQL,  # 3: import history and undo
    schema_pricing.SQL,  # 4: price recommendations and applied changes
]
"""Migration N (counting from 1) brings `user_version` from N - 1 to N. Append only."""


def apply_migrations(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the database's `user_version`; return the new version.

    Raises RuntimeError when the database is newer than this program.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"the database schema is version {current}, newer than this program's "
            f"{len(MIGRATIONS)}; install the newer Retail Assistant that wrote it"
        )

    for number in range(current + 1, len(MIGRATIONS) + 1):
        # executescript() would commit the transaction it runs in, so each statement
        # runs on its own inside one explicit transaction with the version bump.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _split_statements(script: str) -> list[str]:
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
