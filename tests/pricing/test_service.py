"""The pricing service on the demo shop: recommend, apply, undo, export, answer."""

from __future__ import annotations

import csv
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from retail_assistant import pricing_service
from retail_assistant.adapters.store import ProductRepository, open_database
from retail_assistant.core.errors import InputError
from retail_assistant.core.pricing_rules import PricingRules

from tests.pricing.conftest import DEMO_DAY


def rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def products_state(path: Path) -> list[tuple]:
    # Every column a price change could touch, except the change markers updated_at and row_version.
    return rows(path, "SELECT sku, price_cents, cost_cents, vat_rate_bp, stock_milli, name_en FROM products ORDER BY sku")


@pytest.fixture
def recommendations(shop, model):
    return pricing_service.recommend(shop, today=DEMO_DAY, model=model)


def test_every_product_gets_a_recommendation(shop, recommendations):
    skus = [row[0] for row in rows(shop, "SELECT sku FROM products ORDER BY sku")]

    assert [recommendation.sku for recommendation in recommendations] == skus


def test_no_price_below_cost_unless_clearance(recommendations):
    for recommendation in recommendations:
        net = Decimal(recommendation.new_price.cents) / (1 + recommendation.vat_rate / 100)
        if not recommendation.clearance:
            assert net >= recommendation.cost.cents, recommendation.sku


def test_no_change_beyond_max_change(recommendations):
    limit = PricingRules().max_change
    for recommendation in recommendations:
        assert abs(recommendation.change_share) <= limit, recommendation.sku


def test_recommendations_have_reasons_in_both_languages(recommendations):
    from retail_assistant.core.pricing_wording import explanation

    for recommendation in recommendations:
        assert recommendation.drivers, recommendation.sku
        assert explanation(recommendation, "en")
        assert explanation(recommendation, "es") != explanation(recommendation, "en")


def test_demo_has_changes_and_clearance(recommendations):
    assert any(recommendation.changed for recommendation in recommendations)
    assert any(recommendation.expires_on is not None for recommendation in recommendations)


def test_single_sku_matches_whole_shop(shop, model, recommendations):
    chosen = [recommendations[5].sku, recommendations[0].sku]

    alone = pricing_service.recommend(shop, skus=chosen, today=DEMO_DAY, model=model)

    assert [recommendation.sku for recommendation in alone] == chosen
    by_sku = {recommendation.sku: recommendation for recommendation in recommendations}
    for recommendation in alone:
        assert recommendation == by_sku[recommendation.sku]


def test_unknown_sku_is_input_error(shop, model):
    with pytest.raises(InputError, match="unknown SKUs: NOPE-1, NOPE-2"):
        pricing_service.recommend(shop, skus=["NOPE-1", "NOPE-2"], today=DEMO_DAY, model=model)


def test_apply_changes_prices_and_undo_restores(shop, recommendations):
    before_products = products_state(shop)
    before_changes = rows(shop, "SELECT * FROM price_changes ORDER BY id")
    before_versions = dict(rows(shop, "SELECT sku, row_version FROM products"))
    chosen = [recommendation for recommendation in recommendations if recommendation.changed][:3]

    batch = pricing_service.apply(shop, chosen, today=DEMO_DAY)

    prices = dict(rows(shop, "SELECT sku, price_cents FROM products"))
    for recommendation in chosen:
        assert prices[recommendation.sku] == recommendation.new_price.cents
        assert dict(rows(shop, "SELECT sku, row_version FROM products"))[recommendation.sku] > before_versions[recommendation.sku]
    assert len(rows(shop, "SELECT * FROM price_changes")) == len(before_changes) + 3
    assert [change.sku for change in batch.changes] == [recommendation.sku for recommendation in chosen]
    assert pricing_service.last_batch(shop).batch_id == batch.batch_id

    undone = pricing_service.undo(shop, batch.batch_id, today=DEMO_DAY)

    assert undone.undone_at is not None
    assert products_state(shop) == before_products
    assert rows(shop, "SELECT * FROM price_changes ORDER BY id") == before_changes
    assert pricing_service.last_batch(shop) is None


def test_undo_on_later_day_writes_reversing_change(shop, recommendations):
    from datetime import timedelta

    chosen = [recommendation for recommendation in recommendations if recommendation.changed][:1]
    batch = pricing_service.apply(shop, chosen, today=DEMO_DAY)

    pricing_service.undo(shop, batch.batch_id, today=DEMO_DAY + timedelta(days=2))

    last = rows(shop, "SELECT sku, changed_on, old_price_cents, new_price_cents FROM price_changes ORDER BY id DESC LIMIT 2")
    assert last[0] == (chosen[0].sku, (DEMO_DAY + timedelta(days=2)).isoformat(), chosen[0].new_price.cents,
                       chosen[0].current_price.cents)
    assert rows(shop, f"SELECT price_cents FROM products WHERE sku = '{chosen[0].sku}'")[0][0] == chosen[0].current_price.cents


def test_undo_twice_is_an_error(shop, recommendations):
    batch = pricing_service.apply(shop, [r for r in recommendations if r.changed][:1], today=DEMO_DAY)
    pricing_service.undo(shop, batch.batch_id, today=DEMO_DAY)

    with pytest.raises(InputError, match="already undone"):
        pricing_service.undo(shop, batch.batch_id, today=DEMO_DAY)


def test_undo_after_manual_change_restores_nothing(shop, recommendations):
    chosen = [r for r in recommendations if r.changed][:2]
    batch = pricing_service.apply(shop, chosen, today=DEMO_DAY)
    connection = sqlite3.connect(shop)
    with connection:
        connection.execute("UPDATE products SET price_cents = 1 WHERE sku = ?", [chosen[0].sku])
    connection.close()
    second_price = rows(shop, f"SELECT price_cents FROM products WHERE sku = '{chosen[1].sku}'")[0][0]

    with pytest.raises(InputError, match=chosen[0].sku):
        pricing_service.undo(shop, batch.batch_id, today=DEMO_DAY)

    assert rows(shop, f"SELECT price_cents FROM products WHERE sku = '{chosen[1].sku}'")[0][0] == second_price


def test_stale_recommendation_applies_nothing(shop, recommendations):
    chosen = [r for r in recommendations if r.changed][:2]
    pricing_service.apply(shop, chosen[:1], today=DEMO_DAY)
    before = products_state(shop)

    with pytest.raises(InputError, match="changed since the recommendation"):
        pricing_service.apply(shop, chosen, today=DEMO_DAY)

    assert products_state(shop) == before


def test_applying_nothing_is_an_error(shop, recommendations):
    unchanged = [r for r in recommendations if not r.changed][:2]

    with pytest.raises(InputError, match="nothing to apply"):
        pricing_service.apply(shop, unchanged, today=DEMO_DAY)


def test_undo_of_unknown_batch(shop):
    with pytest.raises(InputError, match="no pricing batch 99"):
        pricing_service.undo(shop, 99, today=DEMO_DAY)


def test_export_csv_writes_every_row(tmp_path, recommendations):
    path = pricing_service.export_csv(recommendations[:10], tmp_path / "prices.csv", language="es")

    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == 10
    assert list(table[0]) == list(pricing_service.CSV_COLUMNS)
    assert table[0]["sku"] == recommendations[0].sku
    assert Decimal(table[0]["new_price"]) == recommendations[0].new_price.amount
    assert table[0]["name"] == recommendations[0].name_es
    assert not list(tmp_path.glob("*.partial"))


def test_export_to_missing_folder_is_input_error(tmp_path, recommendations):
    target = tmp_path / "missing" / "prices.csv"

    with pytest.raises(InputError, match=str(target)):
        pricing_service.export_csv(recommendations, target)


@pytest.mark.parametrize("language, marker", [("en", "VAT included"), ("es", "IVA incluido")])
def test_pricing_answer_in_both_languages(shop, model, language, marker):
    db = open_database(shop)
    try:
        product = ProductRepository(db).all()[0]
    finally:
        db.conn.close()

    answer = pricing_service.answer_pricing_question(shop, product, language, today=DEMO_DAY, model=model)

    assert product.name(language) in answer.text
    assert marker in answer.text
    assert answer.language == language
    assert not answer.rewordable
    assert answer.key_numbers


def test_missing_database_is_not_created(tmp_path, model):
    missing = tmp_path / "nowhere" / "shop.sqlite"

    with pytest.raises(InputError, match="no shop database"):
        pricing_service.recommend(missing, model=model)

    assert not missing.exists()
