"""The demo shop: its catalogue, its simulated history, and how it is written to disk."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from stdnum import ean

from retail_assistant.adapters.store import ProductRepository, open_database
from retail_assistant.core.errors import InputError
from retail_assistant.demo import DemoSummary, create_demo_shop, writer
from retail_assistant.demo.simulation import simulate_shop

TODAY = date(2025, 3, 15)
UNITS = {"unit", "jar", "can", "bottle", "pack", "box", "bag", "kg"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "shop.sqlite"
    return path, create_demo_shop(path, today=TODAY)


@pytest.fixture(scope="module")
def db(built: tuple[Path, DemoSummary]) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(built[0])
    yield conn
    conn.close()


def rows(conn: sqlite3.Connection, sql: str, *params: object) -> list[tuple]:
    return conn.execute(sql, params).fetchall()


def scalar(conn: sqlite3.Connection, sql: str, *params: object) -> object:
    return conn.execute(sql, params).fetchone()[0]


def words(name: str) -> frozenset[str]:
    """Return the words of a name, compared without case or accents."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return frozenset(re.findall(r"\w+", plain))


def regular_prices(conn: sqlite3.Connection) -> dict[str, tuple[int, list[tuple[str, int, int]]]]:
    """Return each SKU's current price and its price changes ordered by day."""
    changes: dict[str, list[tuple[str, int, int]]] = {}
    for sku, day, old, new in rows(
        conn, "SELECT sku, changed_on, old_price_cents, new_price_cents FROM price_changes "
        "ORDER BY changed_on"
    ):
        changes.setdefault(sku, []).append((day, old, new))
    return {
        sku: (price, changes.get(sku, []))
        for sku, price in rows(conn, "SELECT sku, price_cents FROM products")
    }


def regular_price_on(history: tuple[int, list[tuple[str, int, int]]], day: str) -> int:
    current, changes = history
    for changed_on, old, _ in changes:
        if changed_on > day:
            return old
    return current


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# --- size and shape ---------------------------------------------------------


def test_catalogue_has_300_products(db: sqlite3.Connection) -> None:
    assert scalar(db, "SELECT count(*) FROM products") >= 300


def test_sales_cover_a_year(db: sqlite3.Connection) -> None:
    first, last = rows(db, "SELECT min(sold_on), max(sold_on) FROM sales")[0]
    span = (date.fromisoformat(last) - date.fromisoformat(first)).days + 1

    assert span >= 365
    assert last == (TODAY - timedelta(days=1)).isoformat()


def test_summary_matches_database(
    built: tuple[Path, DemoSummary], db: sqlite3.Connection
) -> None:
    path, summary = built

    assert summary.path == path
    assert summary.products == scalar(db, "SELECT count(*) FROM products")
    assert summary.sales_lines == scalar(db, "SELECT count(*) FROM sales")
    assert summary.first_day.isoformat() <= scalar(db, "SELECT min(sold_on) FROM sales")
    assert summary.last_day == TODAY - timedelta(days=1)


def test_shop_settings_are_stored(db: sqlite3.Connection) -> None:
    settings = dict(rows(db, "SELECT key, value FROM shop"))

    assert settings["name"] == "Ultramarinos La Esquina"
    assert settings["currency"] == "EUR"
    assert settings["country"] == "ES"
    assert settings["default_vat_bp"] == "2100"


def test_database_passes_integrity_checks(db: sqlite3.Connection) -> None:
    assert scalar(db, "PRAGMA integrity_check") == "ok"
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_repository_reads_demo_products(built: tuple[Path, DemoSummary]) -> None:
    database = open_database(built[0])
    try:
        products = ProductRepository(database).all()
    finally:
        database.conn.close()

    assert len(products) == built[1].products
    assert any(product.category == "Cheese" for product in products)


# --- names --------------------------------------------------------------------


@pytest.mark.parametrize("column", ["name_en", "name_es"])
def test_names_unique_per_language(db: sqlite3.Connection, column: str) -> None:
    names = [name for (name,) in rows(db, f"SELECT {column} FROM products")]
    folded = [" ".join(sorted(words(name))) for name in names]

    assert all(name.strip() for name in names)
    assert len(set(folded)) == len(names)


@pytest.mark.parametrize("column", ["name_en", "name_es"])
def test_no_name_within_another(db: sqlite3.Connection, column: str) -> None:
    names = [name for (name,) in rows(db, f"SELECT {column} FROM products")]
    word_sets = [words(name) for name in names]

    contained = [
        (names[inner], names[outer])
        for inner, inner_words in enumerate(word_sets)
        for outer, outer_words in enumerate(word_sets)
        if inner != outer and inner_words <= outer_words
    ]
    assert contained == []


@pytest.mark.parametrize("word", ["Jamón", "Piña", "Turrón", "Atún", "Champiñones"])
def test_spanish_names_use_accents(db: sqlite3.Connection, word: str) -> None:
    matches = scalar(db, "SELECT count(*) FROM products WHERE instr(name_es, ?) > 0", word)

    assert matches > 0


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("honey", "miel"),
        ("Manchego", "queso manchego"),
        ("tuna", "atún"),
        ("ham", "jamón"),
        ("olive oil", "aceite de oliva"),
        ("wine", "vino"),
    ],
)
def test_catalogue_has_deli_staples(db: sqlite3.Connection, english: str, spanish: str) -> None:
    in_english = scalar(
        db, "SELECT count(*) FROM products WHERE ' ' || lower(name_en) || ' ' LIKE ?",
        f"% {english.lower()} %",
    )
    in_spanish = scalar(
        db, "SELECT count(*) FROM products WHERE instr(lower(name_es), ?) > 0", spanish
    )

    assert in_english > 0
    assert in_spanish > 0


def test_units_come_from_vocabulary(db: sqlite3.Connection) -> None:
    units = {unit for (unit,) in rows(db, "SELECT DISTINCT unit FROM products")}

    assert units <= UNITS


# --- barcodes, VAT and money -------------------------------------------------


def test_barcodes_are_valid_ean13(db: sqlite3.Connection) -> None:
    barcodes = [barcode for (barcode,) in rows(db, "SELECT barcode FROM products")]

    assert [code for code in barcodes if not re.fullmatch(r"\d{13}", code or "")] == []
    assert [code for code in barcodes if not ean.is_valid(code)] == []
    assert len(set(barcodes)) == len(barcodes)


def test_barcode_prefixes_look_real(db: sqlite3.Connection) -> None:
    barcodes = [barcode for (barcode,) in rows(db, "SELECT barcode FROM products")]

    assert any(code.startswith("0") for code in barcodes)
    assert sum(code.startswith("84") for code in barcodes) > len(barcodes) // 2


def test_vat_rates_are_spanish(db: sqlite3.Connection) -> None:
    rates = {rate for (rate,) in rows(db, "SELECT DISTINCT vat_rate_bp FROM products")}

    assert rates <= {400, 1000, 2100}


@pytest.mark.parametrize(
    ("name_en", "rate"),
    [
        ("Whole milk 1 l", 400),
        ("White baguette", 400),
        ("Extra virgin olive oil 1 l", 400),
        ("Aged Manchego cheese wedge 250 g", 400),
        ("Rosemary honey 500 g", 1000),
        ("Light tuna in olive oil 3 x 80 g", 1000),
        ("Rioja crianza red wine 75 cl", 2100),
        ("Bleach 2 l", 2100),
    ],
)
def test_vat_rate_by_product(db: sqlite3.Connection, name_en: str, rate: int) -> None:
    assert scalar(db, "SELECT vat_rate_bp FROM products WHERE name_en = ?", name_en) == rate


def test_price_covers_cost(db: sqlite3.Connection) -> None:
    products = rows(db, "SELECT sku, price_cents, cost_cents, vat_rate_bp FROM products")

    assert [sku for sku, price, cost, _ in products if price < cost] == []
    assert [
        sku for sku, price, cost, vat in products if price * 10_000 < cost * (10_000 + vat)
    ] == []


def test_money_columns_are_integers(db: sqlite3.Connection) -> None:
    for table, column in [
        ("products", "price_cents"),
        ("products", "cost_cents"),
        ("sales", "unit_price_cents"),
        ("sales", "quantity_milli"),
        ("products", "stock_milli"),
    ]:
        kinds = {kind for (kind,) in rows(db, f"SELECT DISTINCT typeof({column}) FROM {table}")}
        assert kinds == {"integer"}, f"{table}.{column} holds {kinds}"


# --- history patterns ------------------------------------------------------------


def revenue_by_weekday(db: sqlite3.Connection) -> dict[str, int]:
    return dict(
        rows(
            db,
            "SELECT strftime('%w', sold_on), sum(quantity_milli * unit_price_cents) "
            "FROM sales GROUP BY 1",
        )
    )


def test_saturday_outsells_tuesday(db: sqlite3.Connection) -> None:
    revenue = revenue_by_weekday(db)

    assert revenue["6"] > revenue["2"]


def test_sundays_trade_only_in_december(db: sqlite3.Connection) -> None:
    months = {
        month
        for (month,) in rows(
            db,
            "SELECT DISTINCT strftime('%m', sold_on) FROM sales "
            "WHERE strftime('%w', sold_on) = '0'",
        )
    }

    assert months <= {"12"}


def sold_in_month(db: sqlite3.Connection, name_pattern: str, month: str) -> int:
    return scalar(
        db,
        "SELECT coalesce(sum(s.quantity_milli), 0) FROM sales s JOIN products p USING (sku) "
        "WHERE p.name_es LIKE ? AND strftime('%m', s.sold_on) = ?",
        name_pattern,
        month,
    )


def test_turron_peaks_in_december(db: sqlite3.Connection) -> None:
    assert sold_in_month(db, "Turrón%", "12") > sold_in_month(db, "Turrón%", "07")


def test_gazpacho_peaks_in_summer(db: sqlite3.Connection) -> None:
    assert sold_in_month(db, "Gazpacho%", "07") > sold_in_month(db, "Gazpacho%", "01")
    assert sold_in_month(db, "Tomates pera", "07") > sold_in_month(db, "Tomates pera", "01")


def test_slow_movers_have_gaps(db: sqlite3.Connection) -> None:
    open_days = scalar(db, "SELECT count(DISTINCT sold_on) FROM sales")
    days_sold = rows(db, "SELECT count(*) FROM sales GROUP BY sku")

    assert any(count < open_days // 4 for (count,) in days_sold)


# --- stock-outs, promotions, price changes ---------------------------------------


def test_stockouts_are_recorded(db: sqlite3.Connection) -> None:
    assert scalar(db, "SELECT count(*) FROM stockouts") > 0


def test_stockout_days_have_no_sales(db: sqlite3.Connection) -> None:
    clashes = scalar(
        db,
        "SELECT count(*) FROM stockouts o JOIN sales s ON s.sku = o.sku AND s.sold_on = o.day",
    )

    assert clashes == 0


def test_promotions_have_promoted_sales(db: sqlite3.Connection) -> None:
    assert scalar(db, "SELECT count(*) FROM promotions") > 0
    assert scalar(db, "SELECT count(*) FROM sales WHERE promotion_id IS NOT NULL") > 0


def test_promoted_lines_are_cheaper(db: sqlite3.Connection) -> None:
    prices = regular_prices(db)
    promoted = rows(
        db,
        "SELECT s.sku, s.sold_on, s.unit_price_cents, p.discount_bp, p.starts_on, p.ends_on, "
        "p.sku FROM sales s JOIN promotions p ON p.id = s.promotion_id",
    )

    not_cheaper = [
        (sku, day)
        for sku, day, price, *_ in promoted
        if price >= regular_price_on(prices[sku], day)
    ]
    wrong_discount = [
        (sku, day)
        for sku, day, price, discount, *_ in promoted
        if price != (regular_price_on(prices[sku], day) * (10_000 - discount) + 5_000) // 10_000
    ]
    outside = [
        (sku, day)
        for sku, day, _, _, starts, ends, promoted_sku in promoted
        if not starts <= day <= ends or promoted_sku != sku
    ]
    assert not_cheaper == []
    assert wrong_discount == []
    assert outside == []


def test_price_changes_are_recorded(db: sqlite3.Connection) -> None:
    assert scalar(db, "SELECT count(*) FROM price_changes") > 0
    unchanged = "SELECT count(*) FROM price_changes WHERE old_price_cents = new_price_cents"
    assert scalar(db, unchanged) == 0


def test_regular_lines_follow_price_changes(db: sqlite3.Connection) -> None:
    prices = regular_prices(db)
    regular = rows(
        db, "SELECT sku, sold_on, unit_price_cents FROM sales WHERE promotion_id IS NULL"
    )
    changed = {sku for sku, (_, changes) in prices.items() if changes}

    mismatched = [
        (sku, day) for sku, day, price in regular if price != regular_price_on(prices[sku], day)
    ]
    assert mismatched == []
    assert any(sku in changed for sku, _, _ in regular)


# --- stock and batches -------------------------------------------------------


def test_stock_is_never_negative(db: sqlite3.Connection) -> None:
    assert scalar(db, "SELECT count(*) FROM products WHERE stock_milli < 0") == 0


def test_perishable_batches_sum_to_stock(db: sqlite3.Connection) -> None:
    mismatched = rows(
        db,
        "SELECT p.sku, p.stock_milli, coalesce(sum(b.quantity_milli), 0) AS batched "
        "FROM products p JOIN categories c ON c.id = p.category_id "
        "LEFT JOIN batches b ON b.sku = p.sku WHERE c.perishable = 1 "
        "GROUP BY p.sku HAVING p.stock_milli != batched",
    )

    assert scalar(db, "SELECT count(*) FROM batches") > 0
    assert mismatched == []


def test_batches_expire_from_today(db: sqlite3.Connection) -> None:
    expiries = [day for (day,) in rows(db, "SELECT expires_on FROM batches")]
    week_ahead = (TODAY + timedelta(days=7)).isoformat()

    assert None not in expiries
    assert min(expiries) >= TODAY.isoformat()
    assert any(day <= week_ahead for day in expiries)


def test_stock_follows_simulated_movements() -> None:
    shop = simulate_shop(today=TODAY)
    sold: dict[str, int] = {}
    for sale in shop.sales:
        sold[sale.sku] = sold.get(sale.sku, 0) + sale.quantity_milli

    unbalanced = [
        sku
        for sku, ledger in shop.ledgers.items()
        if ledger.received_milli - ledger.sold_milli - ledger.written_off_milli
        != ledger.final_milli
    ]
    miscounted = [
        sku for sku, ledger in shop.ledgers.items() if ledger.sold_milli != sold.get(sku, 0)
    ]
    assert unbalanced == []
    assert miscounted == []


# --- creating, replacing, failing ----------------------------------------------


def test_builds_are_deterministic(tmp_path: Path, built: tuple[Path, DemoSummary]) -> None:
    again = tmp_path / "again.sqlite"
    create_demo_shop(again, today=TODAY)

    assert dump(again) == dump(built[0])


def test_existing_shop_needs_reset(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    path.write_bytes(b"an existing shop")

    with pytest.raises(InputError, match=r"retail-assistant demo --reset"):
        create_demo_shop(path, today=TODAY)
    assert path.read_bytes() == b"an existing shop"


def test_folder_path_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        create_demo_shop(tmp_path, reset=True, today=TODAY)


def test_reset_replaces_existing_shop(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    create_demo_shop(path, today=TODAY)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO shop (key, value) VALUES ('marker', 'old shop')")
    conn.close()

    summary = create_demo_shop(path, reset=True, today=TODAY + timedelta(days=1))

    conn = sqlite3.connect(path)
    try:
        assert scalar(conn, "SELECT count(*) FROM shop WHERE key = 'marker'") == 0
        assert scalar(conn, "SELECT max(sold_on) FROM sales") == TODAY.isoformat()
    finally:
        conn.close()
    assert summary.last_day == TODAY


def test_reset_removes_stale_wal_files(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite"
    path.write_bytes(b"")
    Path(f"{path}-wal").write_bytes(b"stale log of the old database")
    Path(f"{path}-shm").write_bytes(b"stale index")

    create_demo_shop(path, reset=True, today=TODAY)

    assert not Path(f"{path}-wal").exists()
    assert not Path(f"{path}-shm").exists()
    conn = sqlite3.connect(path)
    try:
        assert scalar(conn, "PRAGMA integrity_check") == "ok"
    finally:
        conn.close()


def test_failed_build_keeps_old_shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shop.sqlite"
    path.write_bytes(b"the old shop")

    def failing_sales_rows(shop: object) -> Iterator[tuple]:
        yield (1, TODAY.isoformat(), "FRU-001", 1000, 100, None)
        raise RuntimeError("simulated crash while writing sales")

    monkeypatch.setattr(writer, "_sales_rows", failing_sales_rows)

    with pytest.raises(RuntimeError, match="simulated crash"):
        create_demo_shop(path, reset=True, today=TODAY)
    assert path.read_bytes() == b"the old shop"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["shop.sqlite"]
