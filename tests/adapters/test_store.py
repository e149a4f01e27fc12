"""The SQLite store: migrations, WAL, identifiers as text, exact money."""

import sqlite3

import pytest

from retail_assistant.adapters.store import ProductRepository, open_database
from retail_assistant.adapters.store.migrations import MIGRATIONS
from retail_assistant.core.errors import StoreError


def insert_product(db, **values):
    row = {"sku": "0042", "name_en": "Rosemary honey 500 g", "name_es": "Miel de romero 500 g",
           "barcode": "0012345678905", "price_cents": 695, "cost_cents": 410, "vat_rate_bp": 1000,
           "stock_milli": 37000, "unit": "jar", **values}
    db["products"].insert(row)


def test_new_database_reaches_latest_schema(tmp_path):
    db = open_database(tmp_path / "shop.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_keeps_data(tmp_path):
    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    insert_product(db)
    db.conn.commit()
    db.conn.close()
    again = ProductRepository(open_database(path)).get("0042")
    assert again is not None
    assert again.barcode == "0012345678905"


def test_identifiers_stay_text(tmp_path):
    db = open_database(tmp_path / "shop.sqlite")
    insert_product(db)
    product = ProductRepository(db).get("0042")
    assert product.sku == "0042"
    assert product.barcode == "0012345678905"
    assert db.execute("SELECT typeof(sku), typeof(barcode) FROM products").fetchone() == ("text", "text")


def test_money_and_stock_are_exact(tmp_path):
    db = open_database(tmp_path / "shop.sqlite")
    insert_product(db)
    product = ProductRepository(db).get("0042")
    assert product.price.cents == 695
    assert product.price.format("es") == "6,95 €"
    assert product.stock.format("en") == "37"
    assert db.execute("SELECT typeof(price_cents), typeof(stock_milli) FROM products").fetchone() == (
        "integer", "integer")


def test_newer_schema_is_rejected(tmp_path):
    path = tmp_path / "shop.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this program"):
        open_database(path)


def test_damaged_file_names_path(tmp_path):
    path = tmp_path / "shop.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=str(path)):
        open_database(path)


def test_failed_migration_leaves_version(tmp_path, monkeypatch):
    from retail_assistant.adapters.store import migrations

    path = tmp_path / "shop.sqlite"
    open_database(path).conn.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, "CREATE TABLE extra (id INTEGER); SELECT nonsense("])
    with pytest.raises(StoreError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0


def test_search_pages_by_language(tmp_path):
    db = open_database(tmp_path / "shop.sqlite")
    insert_product(db)
    insert_product(db, sku="0043", name_en="Acacia honey 250 g", name_es="Miel de zarza 250 g")
    repository = ProductRepository(db)
    assert [p.sku for p in repository.page(search="honey", offset=0, limit=10)] == ["0043", "0042"]
    assert [p.sku for p in repository.page(search="miel", offset=0, limit=10, language="es")] == ["0042", "0043"]
    assert repository.count_matching("romero") == 1
