"""A products file as Spanish Excel saves it imports with every value exact, read back from the database.

The file is Windows-1252 with CRLF line ends, separated by semicolons, with amounts
such as "1.234,56 €", percentages such as "21%", a stock of "1.250" (thousands), a
negative stock, barcodes with leading zeros (one in Excel's ="..." wrapper) and a
SKU with an ñ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from retail_assistant.adapters.importing import import_file, undo_last_import
from retail_assistant.adapters.store import open_database

FILE = Path(__file__).parent / "data" / "import_corpus" / "spanish_excel_products.csv"

EXPECTED = {
    "000481": {
        "name_en": "Aceite de oliva virgen extra 5 l",
        "name_es": "Aceite de oliva virgen extra 5 l",
        "category_id": "aceites",
        "barcode": "0012345678905",
        "cost_cents": 98765,
        "price_cents": 123456,
        "vat_rate_bp": 400,
        "stock_milli": 1_250_000,
        "unit": "unit",
        "supplier_id": "almazara-del-sur",
        "description": None,
        "source": "generic",
    },
    "000482": {
        "name_en": "Turrón de Jijona 300 g",
        "name_es": "Turrón de Jijona 300 g",
        "category_id": "dulces",
        "barcode": "08437001234561",
        "cost_cents": 590,
        "price_cents": 1140,
        "vat_rate_bp": 1000,
        "stock_milli": 12_000,
        "unit": "unit",
        "supplier_id": "turrones-hermanos-vidal",
        "description": None,
        "source": "generic",
    },
    "000483": {
        "name_en": "Pimentón de la Vera",
        "name_es": "Pimentón de la Vera",
        "category_id": "especias",
        "barcode": "00614141000036",
        "cost_cents": 105,
        "price_cents": 320,
        "vat_rate_bp": 1000,
        "stock_milli": 0,
        "unit": "unit",
        "supplier_id": None,
        "description": None,
        "source": "generic",
    },
    "AÑO-2024": {
        "name_en": "Cava brut nature",
        "name_es": "Cava brut nature",
        "category_id": "vinos",
        "barcode": "8410000000009",
        "cost_cents": 999999,
        "price_cents": 1234500,
        "vat_rate_bp": 2100,
        "stock_milli": -2_000,
        "unit": "unit",
        "supplier_id": "bodegas-valle-alto",
        "description": None,
        "source": "generic",
    },
}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "shop.sqlite")
    yield database
    database.conn.close()


def stored(db: sqlite_utils.Database) -> dict[str, dict[str, object]]:
    columns = ", ".join(next(iter(EXPECTED.values())))
    rows = db.execute(f"SELECT sku, {columns} FROM products ORDER BY sku").fetchall()
    names = list(next(iter(EXPECTED.values())))
    return {row[0]: dict(zip(names, row[1:])) for row in rows}


def test_file_is_spanish_excel_bytes() -> None:
    data = FILE.read_bytes()

    assert b";" in data.splitlines()[0]
    assert b"\r\n" in data
    assert "1.234,56 €".encode("cp1252") in data
    assert b'="0012345678905"' in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_every_value_exact(db: sqlite_utils.Database) -> None:
    report = import_file(db, FILE)

    assert report.rejected == ()
    assert report.encoding == "cp1252"
    assert report.delimiter == ";"
    assert stored(db) == EXPECTED


def test_stored_types_are_text_and_integers(db: sqlite_utils.Database) -> None:
    import_file(db, FILE)

    types = db.execute(
        "SELECT typeof(sku), typeof(barcode), typeof(price_cents), typeof(cost_cents), typeof(stock_milli) "
        "FROM products WHERE sku = '000481'"
    ).fetchone()

    assert types == ("text", "text", "integer", "integer", "integer")


def test_categories_and_suppliers_created(db: sqlite_utils.Database) -> None:
    import_file(db, FILE)

    categories = {row[0]: row[1] for row in db.execute("SELECT id, name_es FROM categories")}
    suppliers = {row[0]: row[1] for row in db.execute("SELECT id, name FROM suppliers")}

    assert categories == {"aceites": "Aceites", "dulces": "Dulces", "especias": "Especias", "vinos": "Vinos"}
    assert suppliers["turrones-hermanos-vidal"] == "Turrones Hermanos Vidal"


def test_reimport_changes_nothing(db: sqlite_utils.Database) -> None:
    import_file(db, FILE)

    report = import_file(db, FILE)

    assert report.unchanged == 4
    assert report.updated == 0
    assert stored(db) == EXPECTED


def test_undo_leaves_empty_shop(db: sqlite_utils.Database) -> None:
    import_file(db, FILE)

    undo = undo_last_import(db)

    assert undo.deleted == 4 + 4 + 3
    assert db.execute("SELECT count(*) FROM products").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM categories").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM suppliers").fetchone()[0] == 0
