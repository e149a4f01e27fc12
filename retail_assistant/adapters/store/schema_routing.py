"""Schema of the hybrid-routing tables, applied as one numbered migration (see migrations.py).

- `products.row_version` goes up on every change of a product row, and the
  `data_versions` row "product_names" goes up when a product is added, removed or
  renamed. A cached answer stores the versions it read and is valid only while they
  are unchanged, so an import or an edit invalidates exactly the answers that used
  the changed rows. Triggers keep the versions, so no writer can forget them.
- `answer_cache`: cached answers with time to live and least-recently-used eviction.
- `cloud_queue`: writing tasks waiting for the cloud, durable across restarts.
- `cloud_log`: every cloud call, what was sent (after masking), tokens, cost, outcome.
"""

SQL = """
ALTER TABLE products ADD COLUMN row_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE data_versions (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO data_versions (name, version) VALUES ('product_names', 0);

CREATE TRIGGER products_row_version AFTER UPDATE ON products
WHEN NEW.row_version = OLD.row_version
BEGIN
    UPDATE products SET row_version = OLD.row_version + 1 WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER products_names_on_insert AFTER INSERT ON products
BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'product_names';
END;

CREATE TRIGGER products_names_on_delete AFTER DELETE ON products
BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'product_names';
END;

CREATE TRIGGER products_names_on_rename AFTER UPDATE OF name_en, name_es, sku, barcode ON products
WHEN NEW.name_en IS NOT OLD.name_en OR NEW.name_es IS NOT OLD.name_es
     OR NEW.sku IS NOT OLD.sku OR NEW.barcode IS NOT OLD.barcode
BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'product_names';
END;

CREATE TABLE answer_cache (
    key TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    route TEXT NOT NULL,
    model TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    dependencies_json TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    created_at REAL NOT NULL,
    last_used_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX answer_cache_last_used ON answer_cache(last_used_at);

CREATE TABLE cache_counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL DEFAULT 0
);
INSERT INTO cache_counters (name, value) VALUES ('hits', 0), ('misses', 0), ('evictions', 0);

CREATE TABLE cloud_queue (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    language TEXT NOT NULL,
    reason TEXT NOT NULL,
    provisional_answer TEXT,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until REAL,
    answer TEXT,
    error TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX cloud_queue_status ON cloud_queue(status, id);

CREATE TABLE cloud_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    reason TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    sent_json TEXT NOT NULL,
    outcome TEXT NOT NULL,
    error TEXT,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    cost_micros INTEGER NOT NULL DEFAULT 0,
    latency_ms INTEGER
);
CREATE INDEX cloud_log_at ON cloud_log(at);
"""
