"""Sales history as the model reads it: weekday weights, stock-outs, price history, categories."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from retail_assistant.adapters.pricing.shop_data import HISTORY_DAYS, _regular_prices, read_snapshot
from retail_assistant.adapters.store import open_database
from retail_assistant.core.pricing_features import CATEGORY_KEYS, category_key
from retail_assistant.core.pricing_history import ProductHistory, ProductState, ShopCalendar, build_contexts, window_sums
from retail_assistant.core.pricing_inputs import pricing_items
from retail_assistant.core.pricing_rules import PricingRules

from tests.pricing.conftest import DEMO_DAY

MONDAY = date(2025, 3, 3)


def calendar(days: int, *, closed_sundays: bool = True) -> ShopCalendar:
    totals = []
    for index in range(days):
        weekday = (MONDAY + timedelta(days=index)).weekday()
        if closed_sundays and weekday == 6:
            totals.append(0.0)
        elif weekday == 5:
            totals.append(20.0)
        else:
            totals.append(10.0)
    return ShopCalendar.from_daily_totals(MONDAY, totals)


def flat_history(days: int, units: float = 2.0, price: float = 300.0) -> ProductHistory:
    return ProductHistory([units] * days, [False] * days, [price] * days, [0.0] * days)


def test_weekday_weights_add_to_seven_and_follow_sales():
    weights = calendar(70).weekday_weights

    assert sum(weights) == pytest.approx(7.0)
    assert weights[6] == 0.0
    assert weights[5] == pytest.approx(2 * weights[0])


def test_shop_without_sales_weighs_days_equally():
    assert ShopCalendar.from_daily_totals(MONDAY, [0.0] * 30).weekday_weights == (1.0,) * 7


def test_stockout_days_leave_the_rate():
    shop = calendar(14)
    history = flat_history(14)
    history.stockout[2] = True
    history.units[2] = 0.0

    sums = window_sums(history, shop, 0, 14)

    assert sums.open_days == 12
    assert sums.stockout_days == 1
    assert sums.units == pytest.approx(22.0)
    assert sums.weight == pytest.approx(sums.full_weight - shop.weekday_weight(2))


def test_days_before_history_count_as_missing_coverage():
    shop = calendar(14)
    sums = window_sums(flat_history(14), shop, -7, 7)

    assert sums.full_weight == pytest.approx(14.0)
    assert sums.weight == pytest.approx(sum(shop.weekday_weight(index) for index in range(7)))


def test_horizon_starts_on_the_day_prices_are_chosen():
    # History ending on a closed Sunday must not make Monday's horizon weigh like a Sunday.
    shop = calendar(62)  # ends on a Sunday
    state = ProductState(300, "pantry", False, None, None, 1, 0.0)

    on_sunday = build_contexts([flat_history(62)], [state], shop, anchor=62)[0]
    on_monday = build_contexts([flat_history(62)], [state], shop, anchor=62, horizon_offset=1)[0]

    assert shop.end_day.weekday() == 6
    assert on_sunday.horizon_weight == 0.0
    assert on_monday.horizon_weight == pytest.approx(shop.weekday_weights[0])


def test_regular_prices_follow_price_changes():
    first = date(2025, 1, 1)
    changes = [("2025-01-11", 250, 280), ("2025-01-21", 280, 300)]

    prices = _regular_prices(300, changes, first)

    assert len(prices) == HISTORY_DAYS
    assert prices[0] == 250
    assert prices[10] == 280
    assert prices[19] == 280
    assert prices[20] == 300


def test_regular_price_without_changes_is_current():
    assert set(_regular_prices(495, [], date(2025, 1, 1))) == {495.0}


@pytest.mark.parametrize(
    "category_id, name, expected",
    [
        ("cheese", "Cheese", "cheese"),
        ("quesos", None, "cheese"),
        ("LIBROS", None, "books"),
        (None, "Ferretería y herramientas", "hardware"),
        ("beer_spirits", None, "beer-spirits"),
        ("misc", "Gifts", "other"),
        (None, None, "other"),
    ],
)
def test_category_keys_from_ids_and_names(category_id, name, expected):
    assert category_key(category_id, name) == expected


def test_demo_categories_are_all_known():
    from retail_assistant.demo.catalogue import CATEGORIES

    assert {category.id for category in CATEGORIES} <= set(CATEGORY_KEYS)


def test_demo_snapshot_reads_history_stock_and_promotions(shop):
    db = open_database(shop)
    try:
        snapshot = read_snapshot(db, today=DEMO_DAY)
    finally:
        db.conn.close()

    assert len(snapshot.products) == 344
    assert snapshot.calendar.end_day <= DEMO_DAY
    assert snapshot.calendar.weekday_weights[6] < 0.2  # the demo shop closes on Sundays
    cheese = next(record for record in snapshot.products if record.sku == "QUE-001")
    assert cheese.perishable
    assert sum(cheese.history.units) > 0
    assert cheese.vat_rate == Decimal(4)
    assert any(record.promotions for record in snapshot.products)
    assert any(any(record.history.stockout) for record in snapshot.products)

    items = pricing_items(snapshot, PricingRules())
    assert sum(len(item.backtests) == 8 for item in items) > 300
    assert any(item.expiring_units > 0 for item in items)
