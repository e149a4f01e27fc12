"""Schema of the pricing tables, applied as one numbered migration (see migrations.py).

`pricing_batches` has one row per accepted set of recommendations applied together, and
`pricing_changes` one row per product whose shelf price the batch changed. Together they
hold what undo needs: the old price, the product's old `updated_at`, and the
`price_changes` row the batch wrote.
"""

SQL = """
CREATE TABLE pricing_batches (
    id INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL,
    applied_on TEXT NOT NULL,
    undone_at TEXT,
    model TEXT
);
CREATE TABLE pricing_changes (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES pricing_batches(id) ON DELETE CASCADE,
    sku TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
    old_price_cents INTEGER NOT NULL CHECK (old_price_cents >= 0),
    new_price_cents INTEGER NOT NULL CHECK (new_price_cents >= 0),
    old_updated_at TEXT NOT NULL,
    price_change_id INTEGER REFERENCES price_changes(id) ON DELETE SET NULL,
    clearance INTEGER NOT NULL DEFAULT 0 CHECK (clearance IN (0, 1)),
    expected_profit_old_cents INTEGER,
    expected_profit_new_cents INTEGER,
    UNIQUE (batch_id, sku)
);
CREATE INDEX pricing_changes_batch ON pricing_changes(batch_id);
"""
