"""Schema of the importing tables, applied as one numbered migration (see migrations.py).

`imports` (created by the first migration) gains what undo needs: the kind of file,
whether the import recorded its changes (imports written before this migration did
not), when it was undone, and the id range of the sales lines it added. Those ids are
contiguous because an import inserts them in one write transaction with no explicit id.

`import_changes` holds one row per row an import inserted, updated or deleted, with
the values before and after as JSON objects of the columns it touched, so undo can
restore exactly the previous values and leave alone anything edited since.

The two name indexes let the inventory view sort 100,000 products by name without
sorting the whole table for each page.
"""

SQL = """
ALTER TABLE imports ADD COLUMN kind TEXT NOT NULL DEFAULT 'products';
ALTER TABLE imports ADD COLUMN policy TEXT NOT NULL DEFAULT 'update';
ALTER TABLE imports ADD COLUMN undoable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN undone_at TEXT;
ALTER TABLE imports ADD COLUMN first_sale_id INTEGER;
ALTER TABLE imports ADD COLUMN last_sale_id INTEGER;
CREATE TABLE import_changes (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL CHECK (table_name IN ('products', 'categories', 'suppliers', 'sales')),
    row_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('inserted', 'updated', 'deleted')),
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX import_changes_import ON import_changes(import_id);
CREATE INDEX products_name_en_nocase ON products(name_en COLLATE NOCASE, sku);
CREATE INDEX products_name_es_nocase ON products(name_es COLLATE NOCASE, sku);
"""
