"""Importing Shopify and Square product exports into a real shop database."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from retail_assistant.adapters.importing import ImportReport, RejectedRow, import_products
from retail_assistant.adapters.store import open_database
from retail_assistant.core.errors import ImportFileError, InputError, StoreError

DATA = Path(__file__).parent / "data" / "import"
SHOPIFY_FILE = DATA / "shopify_products_export.csv"
SQUARE_FILE = DATA / "square_item_library.csv"

MANCHEGO_DESCRIPTION = (
    '<p>Aged for 12 months in the caves of "La Mancha", with a firm, nutty paste.</p>\n'
    "<ul>\n"
    "<li>100% Manchega sheep's milk</li>\n"
    '<li>D.O.P. Queso Manchego, "curado" (cured)</li>\n'
    "</ul>\n"
    "<p>Serve at room temperature with quince paste.</p>"
)
SHOPIFY_SKUS = {
    "QMC-250",
    "QMC-500",
    "QMC-1000",
    "000481",
    "TUR-J-150",
    "TUR-A-300",
    "tarjeta-regalo/25 €",
    "tarjeta-regalo/50 €",
}
SQUARE_SKUS = {"CHO-IB-225", "ACE-GOR-350", "ACE-GOR-700", "00731", "7RXDKQ3MZ4PLJ6YH2WBEGT5C"}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "shop.sqlite")
    yield database
    database.conn.close()


@pytest.fixture
def shopify_db(db: sqlite_utils.Database) -> sqlite_utils.Database:
    import_products(db, SHOPIFY_FILE)
    return db


@pytest.fixture
def square_db(db: sqlite_utils.Database) -> sqlite_utils.Database:
    import_products(db, SQUARE_FILE)
    return db


def product(db: sqlite_utils.Database, sku: str) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM products WHERE sku = ?", [sku]))
    assert len(rows) == 1, f"expected one product with SKU {sku!r}, found {len(rows)}"
    return rows[0]


def skus(db: sqlite_utils.Database) -> set[str]:
    return {row["sku"] for row in db.query("SELECT sku FROM products")}


def count(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def edited_copy(source: Path, target: Path, old: str, new: str) -> Path:
    text = source.read_bytes().decode("utf-8-sig")
    assert old in text, f"{old!r} is not in {source.name}"
    encoding = "utf-8-sig" if source == SQUARE_FILE else "utf-8"
    target.write_bytes(text.replace(old, new).encode(encoding))
    return target


# Shopify


def test_shopify_variant_names_include_options(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "QMC-250")["name_en"] == "Queso Manchego Curado - 250 g"
    assert product(shopify_db, "QMC-500")["name_en"] == "Queso Manchego Curado - 500 g"
    assert product(shopify_db, "QMC-1000")["name_en"] == "Queso Manchego Curado - 1 kg"
    assert product(shopify_db, "TUR-J-150")["name_en"] == "Turrón Artesano - Jijona / 150 g"
    assert product(shopify_db, "TUR-A-300")["name_en"] == "Turrón Artesano - Alicante / 300 g"


def test_shopify_default_title_adds_no_suffix(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "000481")["name_en"] == "Aceite de Oliva Virgen Extra Picual 500 ml"


def test_shopify_name_set_in_both_languages(shopify_db: sqlite_utils.Database) -> None:
    manchego = product(shopify_db, "QMC-500")

    assert manchego["name_es"] == "Queso Manchego Curado - 500 g"
    assert manchego["name_es"] == manchego["name_en"]


def test_shopify_identifiers_keep_leading_zeros(shopify_db: sqlite_utils.Database) -> None:
    oil = product(shopify_db, "000481")

    assert oil["sku"] == "000481"
    assert oil["barcode"] == "0012345678905"
    assert product(shopify_db, "QMC-250")["barcode"] == "8437001234561"


def test_shopify_prices_in_exact_cents(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "QMC-250")["price_cents"] == 890
    assert product(shopify_db, "QMC-500")["price_cents"] == 1650
    assert product(shopify_db, "QMC-1000")["price_cents"] == 3100
    assert product(shopify_db, "000481")["price_cents"] == 1495
    assert product(shopify_db, "tarjeta-regalo/50 €")["price_cents"] == 5000


def test_shopify_cost_per_item_in_cents(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "QMC-250")["cost_cents"] == 510
    assert product(shopify_db, "QMC-1000")["cost_cents"] == 1820
    assert product(shopify_db, "000481")["cost_cents"] == 840
    assert product(shopify_db, "tarjeta-regalo/25 €")["cost_cents"] is None


def test_shopify_stock_from_inventory_quantity(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "QMC-250")["stock_milli"] == 14_000
    assert product(shopify_db, "QMC-500")["stock_milli"] == 9_000
    assert product(shopify_db, "000481")["stock_milli"] == 24_000
    assert product(shopify_db, "tarjeta-regalo/25 €")["stock_milli"] == 0


def test_shopify_image_rows_create_no_products(shopify_db: sqlite_utils.Database) -> None:
    assert skus(shopify_db) == SHOPIFY_SKUS
    assert count(shopify_db, "products") == 8


def test_shopify_html_description_kept_intact(shopify_db: sqlite_utils.Database) -> None:
    description = product(shopify_db, "QMC-1000")["description"]

    assert description == MANCHEGO_DESCRIPTION
    assert description.count("\n") == 5


def test_shopify_type_becomes_category(shopify_db: sqlite_utils.Database) -> None:
    category = next(shopify_db.query("SELECT * FROM categories WHERE id = 'quesos'"))

    assert product(shopify_db, "QMC-250")["category_id"] == "quesos"
    assert category["name_en"] == "Quesos"
    assert category["name_es"] == "Quesos"


def test_shopify_product_category_used_without_type(shopify_db: sqlite_utils.Database) -> None:
    # The oil has no Type, so the last segment of its Product Category path applies.
    assert product(shopify_db, "000481")["category_id"] == "cooking-oils"


def test_shopify_vendor_becomes_supplier(shopify_db: sqlite_utils.Database) -> None:
    supplier = next(shopify_db.query("SELECT * FROM suppliers WHERE id = 'queseria-la-antigua'"))

    assert product(shopify_db, "QMC-500")["supplier_id"] == "queseria-la-antigua"
    assert supplier["name"] == "Quesería La Antigua"
    assert supplier["lead_time_days"] == 2


def test_shopify_sku_derived_from_options(shopify_db: sqlite_utils.Database) -> None:
    gift_card = product(shopify_db, "tarjeta-regalo/25 €")

    assert gift_card["name_en"] == "Tarjeta Regalo - 25 €"
    assert "tarjeta-regalo/50 €" in skus(shopify_db)


def test_shopify_vat_defaults_to_general_rate(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "QMC-250")["vat_rate_bp"] == 2100


def test_shopify_untaxed_variant_has_zero_vat(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "tarjeta-regalo/25 €")["vat_rate_bp"] == 0


def test_shopify_vat_uses_shop_default(db: sqlite_utils.Database) -> None:
    db.execute("INSERT INTO shop (key, value) VALUES ('default_vat_bp', '1000')")

    import_products(db, SHOPIFY_FILE)

    assert product(db, "QMC-250")["vat_rate_bp"] == 1000
    assert product(db, "tarjeta-regalo/25 €")["vat_rate_bp"] == 0


def test_shopify_source_recorded(shopify_db: sqlite_utils.Database) -> None:
    assert product(shopify_db, "TUR-J-150")["source"] == "shopify"


def test_shopify_report_counts_new_products(db: sqlite_utils.Database) -> None:
    report = import_products(db, SHOPIFY_FILE)

    assert report.format == "shopify"
    assert report.new == 8
    assert report.updated == 0
    assert report.unchanged == 0
    assert report.dry_run is False


def test_bad_price_row_rejected_with_number(db: sqlite_utils.Database) -> None:
    report = import_products(db, SHOPIFY_FILE)

    # The anchovies are row 11 in a spreadsheet although the manchego's multi-line
    # description pushes them to line 16 of the file.
    assert [row.row_number for row in report.rejected] == [11]
    assert "'12,50'" in report.rejected[0].reason
    assert "ANC-00120" not in skus(db)
    assert count(db, "products") == 8


def test_shopify_newer_header_imports(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "products_export_1.csv",
        [
            ["Title", "URL handle", "Description", "Vendor", "Product category", "Type", "SKU",
             "Barcode", "Option1 name", "Option1 value", "Price", "Cost per item", "Charge tax",
             "Inventory quantity", "Product image URL"],
            ["Miel de Romero", "miel-romero", "<p>Miel cruda.</p>", "Apicultores del Maestrazgo",
             "", "Mieles", "MIE-ROM-500", "08437000111221", "Title", "Default Title", "7.40", "4.10",
             "TRUE", "18", "https://cdn.shopify.com/miel.jpg"],
        ],
    )

    report = import_products(db, path)
    honey = product(db, "MIE-ROM-500")

    assert report.format == "shopify"
    assert honey["name_en"] == "Miel de Romero"
    assert honey["barcode"] == "08437000111221"
    assert honey["price_cents"] == 740
    assert honey["cost_cents"] == 410
    assert honey["stock_milli"] == 18_000
    assert honey["category_id"] == "mieles"


def test_cp1252_file_read_as_windows_text(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "saved_by_excel.csv",
        [
            ["Handle", "Title", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Price"],
            ["turron-jijona", "Turrón de Jijona", "Title", "Default Title", "TUR-J", "6.75"],
        ],
        encoding="cp1252",
    )

    import_products(db, path)

    assert product(db, "TUR-J")["name_en"] == "Turrón de Jijona"


def test_duplicate_sku_rejected_with_row(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "duplicates.csv",
        [
            ["Handle", "Title", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Price"],
            ["membrillo", "Dulce de Membrillo", "Title", "Default Title", "MEM-400", "3.95"],
            ["membrillo-grande", "Dulce de Membrillo 1 kg", "Title", "Default Title", "MEM-400", "8.50"],
        ],
    )

    report = import_products(db, path)

    assert report.new == 1
    assert [row.row_number for row in report.rejected] == [3]
    assert "row 2" in report.rejected[0].reason
    assert product(db, "MEM-400")["price_cents"] == 395


def test_fraction_of_cent_rejected(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "sub_cent.csv",
        [
            ["Handle", "Title", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Price"],
            ["azafran", "Azafrán La Mancha 1 g", "Title", "Default Title", "AZA-1", "9.995"],
        ],
    )

    report = import_products(db, path)

    assert report.rejected == (RejectedRow(2, "invalid Variant Price '9.995': round the amount to whole cents"),)
    assert count(db, "products") == 0


# Square


def test_square_variation_names(square_db: sqlite_utils.Database) -> None:
    assert product(square_db, "ACE-GOR-350")["name_en"] == "Aceitunas Gordal Aliñadas - Frasco 350 g"
    assert product(square_db, "ACE-GOR-700")["name_en"] == "Aceitunas Gordal Aliñadas - Frasco 700 g"


def test_square_regular_variation_adds_no_suffix(square_db: sqlite_utils.Database) -> None:
    chorizo = product(square_db, "CHO-IB-225")

    assert chorizo["name_en"] == "Chorizo Ibérico de Bellota"
    assert chorizo["name_es"] == "Chorizo Ibérico de Bellota"


def test_square_file_with_bom_detected(db: sqlite_utils.Database) -> None:
    assert SQUARE_FILE.read_bytes().startswith(b"\xef\xbb\xbf")

    report = import_products(db, SQUARE_FILE)

    assert report.format == "square"
    assert report.new == 5
    assert report.rejected == ()
    assert skus(db) == SQUARE_SKUS


def test_square_stock_summed_across_locations(square_db: sqlite_utils.Database) -> None:
    assert product(square_db, "CHO-IB-225")["stock_milli"] == 19_000
    assert product(square_db, "ACE-GOR-350")["stock_milli"] == 12_000
    assert product(square_db, "ACE-GOR-700")["stock_milli"] == 3_000
    assert product(square_db, "00731")["stock_milli"] == 15_000


def test_square_untracked_stock_is_zero(square_db: sqlite_utils.Database) -> None:
    assert product(square_db, "7RXDKQ3MZ4PLJ6YH2WBEGT5C")["stock_milli"] == 0


def test_square_vat_from_tax_columns(square_db: sqlite_utils.Database) -> None:
    assert product(square_db, "00731")["vat_rate_bp"] == 2100
    assert product(square_db, "CHO-IB-225")["vat_rate_bp"] == 1000
    assert product(square_db, "7RXDKQ3MZ4PLJ6YH2WBEGT5C")["vat_rate_bp"] == 400


def test_square_identifiers_keep_leading_zeros(square_db: sqlite_utils.Database) -> None:
    wine = product(square_db, "00731")

    assert wine["sku"] == "00731"
    assert wine["barcode"] == "8410000000009"
    assert product(square_db, "CHO-IB-225")["barcode"] == "0614141000036"


def test_square_missing_sku_uses_token(square_db: sqlite_utils.Database) -> None:
    bread = product(square_db, "7RXDKQ3MZ4PLJ6YH2WBEGT5C")

    assert bread["name_en"] == "Pan de Cristal"
    assert bread["price_cents"] == 280


def test_square_price_and_cost_in_cents(square_db: sqlite_utils.Database) -> None:
    chorizo = product(square_db, "CHO-IB-225")

    assert chorizo["price_cents"] == 795
    assert chorizo["cost_cents"] == 430
    assert product(square_db, "ACE-GOR-700")["cost_cents"] == 335


def test_square_category_and_vendor_created(square_db: sqlite_utils.Database) -> None:
    bread = product(square_db, "7RXDKQ3MZ4PLJ6YH2WBEGT5C")
    category = next(square_db.query("SELECT * FROM categories WHERE id = 'panaderia'"))
    supplier = next(square_db.query("SELECT * FROM suppliers WHERE id = 'obrador-san-anton'"))

    assert bread["category_id"] == "panaderia"
    assert category["name_es"] == "Panadería"
    assert bread["supplier_id"] == "obrador-san-anton"
    assert supplier["name"] == "Obrador San Antón"


def test_square_description_stored(square_db: sqlite_utils.Database) -> None:
    expected = 'Curado en Guijuelo, pieza de 225 g. "Dulce", sin picante.'

    assert product(square_db, "CHO-IB-225")["description"] == expected


def test_square_negative_stock_imported_and_flagged(db: sqlite_utils.Database, tmp_path: Path) -> None:
    # The 700 g jar's Calle Mayor quantity is the ",Y,0," before its tax columns.
    path = edited_copy(SQUARE_FILE, tmp_path / "negative.csv", "Y,0,,N,,,N,Y,N", "Y,-2,,N,,,N,Y,N")

    report = import_products(db, path)

    assert report.rejected == ()
    assert report.new == 5
    assert product(db, "ACE-GOR-700")["stock_milli"] == 1_000
    assert [row.row_number for row in report.flagged] == [4]
    assert "Current Quantity Calle Mayor" in report.flagged[0].reason
    assert "oversold" in report.flagged[0].reason


def test_square_negative_total_stock_stored(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = edited_copy(SQUARE_FILE, tmp_path / "negative.csv", ",Y,3,,N,,,Y,0,,", ",Y,-5,,N,,,Y,0,,")

    report = import_products(db, path)

    assert product(db, "ACE-GOR-700")["stock_milli"] == -5_000
    assert [row.row_number for row in report.flagged] == [4]


# Re-import, dry run and the imports table


def test_reimport_counts_all_unchanged(db: sqlite_utils.Database) -> None:
    import_products(db, SHOPIFY_FILE)

    report = import_products(db, SHOPIFY_FILE)

    assert report.new == 0
    assert report.updated == 0
    assert report.unchanged == 8


def test_reimport_square_counts_unchanged(db: sqlite_utils.Database) -> None:
    import_products(db, SQUARE_FILE)

    report = import_products(db, SQUARE_FILE)

    assert report.unchanged == 5
    assert report.new == 0


def test_changed_price_counts_as_updated(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import_products(db, SHOPIFY_FILE)
    path = edited_copy(SHOPIFY_FILE, tmp_path / "new_prices.csv", ",8.90,", ",9.40,")

    report = import_products(db, path)

    assert report.updated == 1
    assert report.unchanged == 7
    assert product(db, "QMC-250")["price_cents"] == 940


def test_reimport_keeps_vat_set_by_hand(db: sqlite_utils.Database) -> None:
    import_products(db, SHOPIFY_FILE)
    db.execute("UPDATE products SET vat_rate_bp = 400 WHERE sku = 'QMC-250'")

    report = import_products(db, SHOPIFY_FILE)

    assert product(db, "QMC-250")["vat_rate_bp"] == 400
    assert report.unchanged == 8


def test_existing_category_found_by_name(db: sqlite_utils.Database) -> None:
    db.execute("INSERT INTO categories (id, name_en, name_es) VALUES ('cheese', 'Cheese', 'Quesos')")

    import_products(db, SHOPIFY_FILE)

    category_ids = {row["id"] for row in db.query("SELECT id FROM categories")}

    assert product(db, "QMC-250")["category_id"] == "cheese"
    assert "quesos" not in category_ids


def test_dry_run_writes_nothing(db: sqlite_utils.Database) -> None:
    report = import_products(db, SHOPIFY_FILE, dry_run=True)

    assert report.dry_run is True
    assert report.new == 8
    assert len(report.rejected) == 1
    assert count(db, "products") == 0
    assert count(db, "categories") == 0
    assert count(db, "suppliers") == 0
    assert count(db, "imports") == 0


def test_dry_run_leaves_price_unchanged(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import_products(db, SHOPIFY_FILE)
    path = edited_copy(SHOPIFY_FILE, tmp_path / "new_prices.csv", ",8.90,", ",9.40,")

    report = import_products(db, path, dry_run=True)

    assert report.updated == 1
    assert product(db, "QMC-250")["price_cents"] == 890


def test_import_recorded_in_imports_table(db: sqlite_utils.Database) -> None:
    report = import_products(db, SQUARE_FILE)
    rows = list(db.query("SELECT * FROM imports"))

    assert len(rows) == 1
    assert rows[0]["path"] == str(SQUARE_FILE.resolve())
    assert rows[0]["format"] == "square"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", rows[0]["started_at"])
    assert json.loads(rows[0]["report_json"]) == report.to_dict()


def test_report_dict_is_json_ready(db: sqlite_utils.Database) -> None:
    report = import_products(db, SHOPIFY_FILE, dry_run=True)

    data = json.loads(json.dumps(report.to_dict()))

    assert data["path"] == str(SHOPIFY_FILE.resolve())
    assert data["format"] == "shopify"
    assert data["new"] == 8
    assert data["rejected"] == [{"row": 11, "reason": report.rejected[0].reason}]


def test_report_type_is_import_report(db: sqlite_utils.Database) -> None:
    assert isinstance(import_products(db, SQUARE_FILE, dry_run=True), ImportReport)


# Files that are not a supported export


def test_unknown_format_raises_with_path(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "stock_list.csv", [["Name", "Qty"], ["Miel de azahar", "12"]])

    with pytest.raises(ImportFileError) as caught:
        import_products(db, path)

    assert str(path) in str(caught.value)
    assert "Shopify" in str(caught.value)
    assert "Square" in str(caught.value)
    assert count(db, "imports") == 0


def test_semicolon_file_with_decimal_comma_imports(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "excel_es.csv"
    path.write_text("Handle;Title;Variant SKU;Variant Price\nmiel;Miel;MIE-1;7,40\n", encoding="utf-8")

    report = import_products(db, path)

    assert report.format == "shopify"
    assert report.delimiter == ";"
    assert product(db, "MIE-1")["price_cents"] == 740


def test_explicit_format_mismatch_raises(db: sqlite_utils.Database) -> None:
    with pytest.raises(ImportFileError) as caught:
        import_products(db, SQUARE_FILE, format="shopify")

    assert str(SQUARE_FILE.resolve()) in str(caught.value)
    assert "Handle" in str(caught.value)


def test_unknown_format_option_raises(db: sqlite_utils.Database) -> None:
    with pytest.raises(InputError, match="lightspeed"):
        import_products(db, SHOPIFY_FILE, format="lightspeed")


def test_missing_file_raises_input_error(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "not_there.csv"

    with pytest.raises(InputError) as caught:
        import_products(db, path)

    assert str(path) in str(caught.value)
    assert not isinstance(caught.value, ImportFileError)


def test_folder_path_raises_input_error(db: sqlite_utils.Database, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        import_products(db, tmp_path)


def test_empty_file_raises_import_file_error(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    with pytest.raises(ImportFileError) as caught:
        import_products(db, path)

    assert str(path) in str(caught.value)
    assert "empty" in str(caught.value)


def test_bom_only_file_is_empty(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "bom_only.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n")

    with pytest.raises(ImportFileError, match="empty"):
        import_products(db, path)


def test_excel_workbook_raises_clear_error(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "catalog-2024-05-01.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(64))

    with pytest.raises(ImportFileError) as caught:
        import_products(db, path)

    assert str(path) in str(caught.value)
    assert "CSV" in str(caught.value)



def test_row_with_extra_cells_rejected(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "unquoted_comma.csv"
    path.write_text(
        "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"
        "pimenton,Pimentón de la Vera,Title,Default Title,PIM-75,3.20\n"
        "picos,Picos de Jerez,Title,Default Title,PIC-250,2,10\n",
        encoding="utf-8",
    )

    report = import_products(db, path)

    assert [row.row_number for row in report.rejected] == [3]
    assert "7 cells" in report.rejected[0].reason
    assert skus(db) == {"PIM-75"}


def test_broken_quoting_raises_import_file_error(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "broken_quotes.csv"
    path.write_text(
        "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"
        'pimenton,"Pimentón" de la Vera,Title,Default Title,PIM-75,3.20\n',
        encoding="utf-8",
    )

    with pytest.raises(ImportFileError) as caught:
        import_products(db, path)

    assert str(path) in str(caught.value)
    assert "line 2" in str(caught.value)
    assert count(db, "products") == 0


def test_long_description_cell_imported(db: sqlite_utils.Database, tmp_path: Path) -> None:
    description = "<p>" + "Jamón ibérico de bellota. " * 10_000 + "</p>"
    path = write_csv(
        tmp_path / "long_body.csv",
        [
            ["Handle", "Title", "Body (HTML)", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Price"],
            ["jamon", "Jamón Ibérico", description, "Title", "Default Title", "JAM-01", "89.00"],
        ],
    )

    import_products(db, path)

    assert len(description) > 131_072
    assert product(db, "JAM-01")["description"] == description


def test_open_transaction_raises_store_error(db: sqlite_utils.Database) -> None:
    db.execute("BEGIN")
    db.execute("INSERT INTO shop (key, value) VALUES ('name', 'La Despensa de Lola')")

    with pytest.raises(StoreError) as caught:
        import_products(db, SQUARE_FILE)

    assert str(SQUARE_FILE.resolve()) in str(caught.value)
    assert db.conn.in_transaction
    assert count(db, "shop") == 1
    assert count(db, "products") == 0


def test_report_summary_lists_rejected_rows(db: sqlite_utils.Database) -> None:
    report = import_products(db, SHOPIFY_FILE, dry_run=True)

    lines = report.summary().splitlines()

    assert lines[0].startswith(f"checked (dry run, nothing written) {SHOPIFY_FILE.resolve()} as shopify")
    assert lines[0].endswith("8 new, 0 updated, 0 unchanged, 1 rejected")
    assert lines[1] == f"  row 11: {report.rejected[0].reason}"
    assert len(lines) == 2


def test_huge_price_is_rejected_not_crashing(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = edited_copy(SHOPIFY_FILE, tmp_path / "huge.csv", "12,50", "99999999999999999999")
    report = import_products(db, path)

    reasons = [rejected.reason for rejected in report.rejected]
    assert any("too large" in reason for reason in reasons)
    assert report.new > 0


def test_huge_square_stock_is_rejected(db: sqlite_utils.Database, tmp_path: Path) -> None:
    text = SQUARE_FILE.read_bytes().decode("utf-8-sig")
    header, first, *rest = text.splitlines(keepends=True)
    columns = next(csv.reader([header]))
    cells = next(csv.reader([first]))
    cells[columns.index(next(c for c in columns if c.startswith("Current Quantity")))] = "1e30"
    path = write_csv(tmp_path / "square.csv", [columns, cells], encoding="utf-8-sig")
    report = import_products(db, path)

    assert report.new == 0
    assert "too large" in report.rejected[0].reason
