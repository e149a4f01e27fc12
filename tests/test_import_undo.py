"""Undoing the last import: previous values restored exactly, inserted rows deleted, later edits kept."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from retail_assistant.adapters.importing import import_file, undo_last_import
from retail_assistant.adapters.store import open_database
from retail_assistant.core.errors import InputError

CORPUS = Path(__file__).parent / "data" / "import_corpus"
BASE = CORPUS / "base_products.csv"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "shop.sqlite")
    yield database
    database.conn.close()


# Columns that record when or how often a row changed, which undo moves forward.
CHANGE_MARKERS = ("updated_at", "row_version")


def products(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    rows = db.query("SELECT * FROM products ORDER BY sku")
    return {row["sku"]: {key: value for key, value in row.items() if key not in CHANGE_MARKERS} for row in rows}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_to_undo_is_input_error(db: sqlite_utils.Database) -> None:
    with pytest.raises(InputError, match="no import to undo"):
        undo_last_import(db)


def test_update_undone_restores_every_value(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import_file(db, BASE)
    before = products(db)
    changes = write(
        tmp_path / "changes.csv",
        "SKU,Name,Price,Cost,VAT,Stock,Category,Supplier,Barcode\n"
        "BASE-1,Aceite nuevo,12.00,7.00,10,-3,Nueva,Otro proveedor,4006381333931\n"
        "BASE-2,Vinagre de Jerez,4.50,2.20,21,8,Vinagres,Bodegas Jerez,\n",
    )
    report = import_file(db, changes)
    assert report.updated == 1
    assert report.unchanged == 1

    undo = undo_last_import(db)

    assert undo.restored == 1
    assert undo.kept == ()
    assert products(db) == before
    # The category and supplier the import created are gone again.
    assert undo.deleted == 2
    assert {row[0] for row in db.execute("SELECT id FROM categories")} == {"aceites", "vinagres", "especias"}


def test_undo_sets_updated_at_to_now(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import_file(db, BASE)
    import_file(db, write(tmp_path / "price.csv", "SKU,Price\nBASE-1,10.95\n"))
    imported_at = db.execute("SELECT updated_at FROM products WHERE sku = 'BASE-1'").fetchone()[0]
    time.sleep(1.1)

    undo_last_import(db)

    undone_at = db.execute("SELECT updated_at FROM products WHERE sku = 'BASE-1'").fetchone()[0]
    assert undone_at > imported_at


def test_inserted_products_deleted(db: sqlite_utils.Database) -> None:
    import_file(db, BASE)

    undo = undo_last_import(db)

    assert undo.deleted == 3 + 3 + 2
    assert products(db) == {}


def test_edit_after_import_kept(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import_file(db, BASE)
    import_file(db, write(tmp_path / "changes.csv", "SKU,Price,Stock\nBASE-1,10.95,50\n"))
    db.execute("UPDATE products SET stock_milli = 49000 WHERE sku = 'BASE-1'")
    db.conn.commit()

    undo = undo_last_import(db)

    restored = products(db)["BASE-1"]
    assert restored["price_cents"] == 995
    assert restored["stock_milli"] == 49000
    assert len(undo.kept) == 1
    assert "stock_milli" in undo.kept[0]


def test_inserted_product_with_sales_kept(db: sqlite_utils.Database) -> None:
    import_file(db, BASE)
    db.execute("INSERT INTO sales (sold_on, sku, quantity_milli, unit_price_cents) VALUES ('2024-01-02', 'BASE-2', 1000, 450)")
    db.conn.commit()

    undo = undo_last_import(db)

    assert set(products(db)) == {"BASE-2"}
    assert any("BASE-2" in reason and "sales" in reason for reason in undo.kept)
    assert db.execute("SELECT count(*) FROM sales").fetchone()[0] == 1


def test_second_undo_reverts_earlier_import(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import_file(db, BASE)
    import_file(db, write(tmp_path / "price.csv", "SKU,Price\nBASE-1,10.95\n"))

    first = undo_last_import(db)
    second = undo_last_import(db)

    assert first.import_id == 2
    assert second.import_id == 1
    assert products(db) == {}
    with pytest.raises(InputError):
        undo_last_import(db)


def test_dry_run_and_failed_import_not_recorded(db: sqlite_utils.Database) -> None:
    import_file(db, BASE, dry_run=True)
    with pytest.raises(InputError):
        import_file(db, BASE)
        import_file(db, BASE, policy="stop")

    assert db.execute("SELECT count(*) FROM imports").fetchone()[0] == 1


def test_sales_import_undone(db: sqlite_utils.Database) -> None:
    import_file(db, BASE)
    import_file(db, CORPUS / "shopify_orders.csv", kind="sales")

    undo = undo_last_import(db)

    assert undo.kind == "sales"
    assert undo.deleted == 3
    assert db.execute("SELECT count(*) FROM sales").fetchone()[0] == 0


def test_replaced_sales_restored_with_ids(db: sqlite_utils.Database) -> None:
    import_file(db, BASE)
    db.execute(
        "INSERT INTO sales (id, sold_on, sku, quantity_milli, unit_price_cents) VALUES "
        "(7, '2024-03-14', 'BASE-1', 5000, 900), (9, '2024-03-20', 'BASE-1', 1000, 995)"
    )
    db.conn.commit()
    before = db.execute("SELECT * FROM sales ORDER BY id").fetchall()

    report = import_file(db, CORPUS / "shopify_orders.csv", kind="sales", policy="update")
    during = db.execute("SELECT sold_on, sku, quantity_milli FROM sales WHERE sold_on = '2024-03-14' ORDER BY id").fetchall()
    undo_last_import(db)

    assert report.replaced == 1
    assert during == [("2024-03-14", "BASE-1", 2000), ("2024-03-14", "BASE-3", 1000)]
    assert db.execute("SELECT * FROM sales ORDER BY id").fetchall() == before


def test_sales_policy_skip_and_stop(db: sqlite_utils.Database) -> None:
    import_file(db, BASE)
    import_file(db, CORPUS / "shopify_orders.csv", kind="sales")

    skipped = import_file(db, CORPUS / "shopify_orders.csv", kind="sales", policy="skip")
    with pytest.raises(InputError, match="already have sales"):
        import_file(db, CORPUS / "shopify_orders.csv", kind="sales", policy="stop")

    assert skipped.new == 0
    assert skipped.skipped == 3
    assert db.execute("SELECT count(*) FROM sales").fetchone()[0] == 3


def test_import_history_recorded(db: sqlite_utils.Database) -> None:
    report = import_file(db, BASE)

    row = db.execute("SELECT kind, policy, undoable, undone_at FROM imports WHERE id = ?", [report.import_id]).fetchone()
    changes = db.execute(
        "SELECT table_name, action, count(*) FROM import_changes WHERE import_id = ? "
        "GROUP BY table_name, action ORDER BY table_name",
        [report.import_id],
    ).fetchall()

    assert row == ("products", "update", 1, None)
    assert changes == [("categories", "inserted", 3), ("products", "inserted", 3), ("suppliers", "inserted", 2)]
