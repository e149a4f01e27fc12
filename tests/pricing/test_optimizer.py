"""The optimizer: expected profit, the oracle price on a known curve, clearance, calibration."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pytest

from retail_assistant.core.pricing import (
    DriverCode,
    PricingItem,
    calibration_factors,
    expected_min_poisson,
    expected_profit,
    non_increasing,
    plan_prices,
)
from retail_assistant.core.pricing_features import FEATURE_NAMES, DemandContext, FeatureMatrix, exposure
from retail_assistant.core.pricing_history import Backtest
from retail_assistant.core.pricing_rules import PricingRules, candidate_prices, price_bounds

PRICE_COLUMN = FEATURE_NAMES.index("log_price_ratio")


class KnownCurve:
    """A demand model with a known curve: multiplier exp(-b * (price / current - 1))."""

    def __init__(self, sensitivity: float, *, level: float = 1.0) -> None:
        self.sensitivity = sensitivity
        self.level = level
        self.calls = 0

    def predict_multipliers(self, features: FeatureMatrix) -> list[float]:
        self.calls += 1
        values = []
        for row in range(features.rows):
            ratio = math.exp(features.values[row * features.columns + PRICE_COLUMN])
            values.append(self.level * math.exp(-self.sensitivity * (ratio - 1.0)))
        return values


def context(current: int, *, ref_units: float = 70.0, horizon_days: int = 7, days_to_expiry: int | None = None) -> DemandContext:
    return DemandContext(
        current_price_cents=current,
        category="pantry",
        perishable=days_to_expiry is not None,
        shelf_life_days=None,
        ref_units=ref_units,
        ref_weight=48.0,
        ref_full_weight=48.0,
        ref_price_cents=float(current),
        ref_discount=0.0,
        ref_stockout_share=0.0,
        recent_units=ref_units / 2,
        recent_weight=24.0,
        last_year_horizon_units=None,
        last_year_horizon_weight=None,
        last_year_ref_units=None,
        last_year_ref_weight=None,
        category_season_ratio=None,
        horizon_days=horizon_days,
        horizon_weight=float(horizon_days),
        horizon_discount=0.0,
        days_to_expiry=days_to_expiry,
    )


def item(current: int = 500, cost: int = 300, vat: Decimal = Decimal(10), **changes) -> PricingItem:
    values = dict(
        sku="P-1",
        name_en="Product",
        name_es="Producto",
        unit="unit",
        current_price_cents=current,
        cost_cents=cost,
        vat_rate=vat,
        context=context(current),
        stock_units=50.0,
    )
    values.update(changes)
    return PricingItem(**values)


def oracle_price(product: PricingItem, curve: KnownCurve, rules: PricingRules) -> int:
    bounds = price_bounds(product.current_price_cents, product.cost_cents, product.vat_rate, rules,
                          clearance=product.expiring_units > 0)
    candidates = candidate_prices(product.current_price_cents, bounds, product.vat_rate, rules)
    base = exposure(product.context)

    def profit(price: int) -> float:
        units = base * curve.level * math.exp(-curve.sensitivity * (price / product.current_price_cents - 1))
        return expected_profit(price, units, cost_cents=product.cost_cents, vat_rate=product.vat_rate,
                               stock_units=product.stock_units, expiring_units=product.expiring_units)[1]

    return max(candidates, key=profit)


@pytest.mark.parametrize("sensitivity", [0.8, 1.5, 2.5, 4.0, 6.0])
@pytest.mark.parametrize("cost", [150, 300, 400])
def test_optimizer_picks_oracle_price(sensitivity, cost):
    rules = PricingRules(endings=())
    product = item(cost=cost)
    curve = KnownCurve(sensitivity)

    recommendation = plan_prices([product], curve, rules)[0]

    assert recommendation.new_price.cents == oracle_price(product, curve, rules)


def test_all_products_in_one_model_call():
    curve = KnownCurve(2.0)
    products = [item(current=300 + 10 * number, cost=150 + 5 * number) for number in range(30)]

    recommendations = plan_prices(products, curve, PricingRules())

    assert len(recommendations) == 30
    assert curve.calls == 1


def test_insensitive_demand_raises_price_to_cap():
    rules = PricingRules(endings=())
    recommendation = plan_prices([item()], KnownCurve(0.3), rules)[0]

    assert recommendation.new_price.cents == 575
    assert recommendation.drivers[0].code is DriverCode.RAISE
    assert DriverCode.MAX_CHANGE in [driver.code for driver in recommendation.drivers]


def test_small_gain_keeps_current_price():
    # Near the optimum the profit curve is flat: a gain under the threshold is not worth a new label.
    rules = PricingRules(endings=())
    cost = 300
    optimum_sensitivity = 500 / (500 - cost * 1.1)  # the current price is optimal for this curve
    recommendation = plan_prices([item(cost=cost)], KnownCurve(optimum_sensitivity), rules)[0]

    assert not recommendation.changed
    assert recommendation.drivers[0].code is DriverCode.KEEP


def test_expiring_stock_may_go_below_cost_as_clearance():
    rules = PricingRules(endings=(), max_change=Decimal("0.30"))
    product = item(
        current=500, cost=430, stock_units=40.0, expiring_units=40.0, expires_on=date(2025, 6, 4),
        context=context(500, ref_units=20.0, horizon_days=2, days_to_expiry=1),
    )

    recommendation = plan_prices([product], KnownCurve(3.0), rules)[0]

    assert recommendation.clearance
    assert recommendation.new_price < recommendation.current_price
    assert Decimal(recommendation.new_price.cents) / Decimal("1.1") < 430
    codes = [driver.code for driver in recommendation.drivers]
    assert DriverCode.EXPIRING in codes
    assert DriverCode.BELOW_COST_CLEARANCE in codes


def test_without_expiring_stock_never_below_cost():
    rules = PricingRules(endings=(), max_change=Decimal("0.30"))
    product = item(current=500, cost=430, context=context(500, ref_units=20.0))

    recommendation = plan_prices([product], KnownCurve(8.0), rules)[0]

    assert not recommendation.clearance
    assert Decimal(recommendation.new_price.cents) / Decimal("1.1") >= 430


def test_missing_cost_keeps_price_with_reason():
    recommendation = plan_prices([item(cost=None)], KnownCurve(2.0), PricingRules())[0]

    assert not recommendation.changed
    assert recommendation.expected_profit_new is None
    assert recommendation.drivers[0].code is DriverCode.NO_COST


def test_backtests_calibrate_demand_level():
    replay = Backtest(context(500), 500.0, actual_units=3 * exposure(context(500)))
    product = item(backtests=(replay,) * 8)

    recommendation = plan_prices([product], KnownCurve(2.0), PricingRules())[0]

    assert 2.0 < recommendation.calibration <= 3.0
    assert DriverCode.CALIBRATED in [driver.code for driver in recommendation.drivers]


def test_calibration_shrinks_with_few_units():
    few = calibration_factors(["a"], [(2.0, 1.0)])[0]
    many = calibration_factors(["a"], [(2000.0, 1000.0)])[0]

    assert 1.0 < few < 1.15
    assert 1.9 < many <= 2.0


def test_calibration_is_bounded():
    assert calibration_factors(["a"], [(1e6, 1.0)]) == [3.0]
    assert calibration_factors(["a"], [(0.0, 1e6)]) == [0.33]


@pytest.mark.parametrize("mean", [0.0, 0.3, 2.5, 12.0, 80.0])
@pytest.mark.parametrize("cap", [0.0, 0.5, 1.0, 3.0, 10.0, 50.0])
def test_expected_min_poisson_matches_sum(mean, cap):
    total = 0.0
    probability = math.exp(-mean)
    for count in range(400):
        total += probability * min(count, cap)
        probability *= mean / (count + 1)
    assert expected_min_poisson(mean, cap) == pytest.approx(total, abs=1e-9)


def test_expected_min_poisson_large_mean_uses_normal():
    assert expected_min_poisson(1000.0, 5000.0) == pytest.approx(1000.0, rel=1e-6)
    assert expected_min_poisson(1000.0, 1000.0) == pytest.approx(1000.0 - math.sqrt(1000 / (2 * math.pi)), rel=1e-3)


def test_non_increasing_pools_violations():
    assert non_increasing([5.0, 4.0, 4.5, 3.0]) == [5.0, 4.25, 4.25, 3.0]
    assert non_increasing([1.0, 2.0, 3.0]) == [2.0, 2.0, 2.0]
    assert non_increasing([3.0, 2.0, 1.0]) == [3.0, 2.0, 1.0]


def test_profit_counts_lost_expiring_units():
    units, profit = expected_profit(550, 0.0, cost_cents=300, vat_rate=Decimal(10), stock_units=10, expiring_units=10)

    assert units == 0.0
    assert profit == pytest.approx(-3000.0)
