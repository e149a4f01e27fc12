"""Price recommendations: expected profit at candidate prices, the best one within the rules.

For each product the demand model predicts units at every candidate price, all products
in one batch. Expected profit over the horizon is then margin times expected units. For
stock that expires within the horizon, the cost of what would be thrown away counts too,
and that can make a price below cost worth it ("clearance"). The model is
calibrated to the shop by replaying its past weeks, and the predicted demand is made
non-increasing in price before the best price is chosen.

Nothing here changes a price: a recommendation is applied only when a person accepts it.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from retail_assistant.core.errors import PricingError
from retail_assistant.core.money import Money
from retail_assistant.core.pricing_features import DemandContext, FeatureMatrix, exposure, feature_matrix, feature_row
from retail_assistant.core.pricing_history import Backtest
from retail_assistant.core.pricing_rules import PriceBounds, PricingRules, candidate_prices, price_bounds

__all__ = [
    "SLOW_MOVER_UNITS_PER_WEEK",
    "DemandPredictor",
    "Driver",
    "DriverCode",
    "PricingItem",
    "Recommendation",
    "calibration_factors",
    "expected_min_poisson",
    "expected_profit",
    "non_increasing",
    "plan_prices",
]

SLOW_MOVER_UNITS_PER_WEEK = 1.0
"""Products selling fewer units a week than this are slow movers."""

MIN_GAIN_SHARE = 0.005
MIN_GAIN_CENTS = 5.0
"""A new price must raise expected profit over the horizon by MIN_GAIN_SHARE and by at
least MIN_GAIN_CENTS, or the current price is kept: relabelling a shelf for less is not
worth the work."""

_CATEGORY_PRIOR_UNITS = 20.0
_PRODUCT_PRIOR_UNITS = 10.0
_CALIBRATION_LIMITS = (0.33, 3.0)
_SEASON_THRESHOLD = math.log(1.25)
_CALIBRATION_NOTE = 0.15


class DemandPredictor(Protocol):
    """The demand model: a multiplier of the reference demand for each feature row."""

    def predict_multipliers(self, features: FeatureMatrix) -> Sequence[float]:
        """Return one multiplier per row of `features`, in order."""
        ...


class DriverCode(enum.Enum):
    """Reason codes of a recommendation, each worded in English and Spanish by `pricing_wording`."""

    NO_COST = "no_cost"
    NO_PRICE = "no_price"
    BELOW_COST_RAISED = "below_cost_raised"
    MIN_MARGIN = "min_margin"
    EXPIRING = "expiring"
    BELOW_COST_CLEARANCE = "below_cost_clearance"
    RAISE = "raise"
    LOWER = "lower"
    KEEP = "keep"
    MAX_CHANGE = "max_change"
    SEASON_UP = "season_up"
    SEASON_DOWN = "season_down"
    PROMOTION = "promotion"
    SLOW_MOVER = "slow_mover"
    NO_HISTORY = "no_history"
    CALIBRATED = "calibrated"


@dataclass(frozen=True)
class Driver:
    """One reason behind a recommendation, with the figures its wording shows."""

    code: DriverCode
    percent: Decimal | None = None
    units: Decimal | None = None
    day: date | None = None


@dataclass(frozen=True)
class PricingItem:
    """One product to price: its catalogue values, its demand context and its stock."""

    sku: str
    name_en: str
    name_es: str
    unit: str
    current_price_cents: int
    cost_cents: int | None
    vat_rate: Decimal
    """VAT rate in percent (21 for 21 %)."""
    context: DemandContext
    stock_units: float
    expiring_units: float = 0.0
    """Units of the stock that expire within the horizon (0 outside a clearance window)."""
    expires_on: date | None = None
    """Last day the expiring units may be sold; the horizon ends on it."""
    backtests: Sequence[Backtest] = ()


@dataclass(frozen=True)
class Recommendation:
    """A recommended shelf price (VAT included) with expected units and profit at both prices."""

    sku: str
    name_en: str
    name_es: str
    unit: str
    current_price: Money
    new_price: Money
    cost: Money | None
    vat_rate: Decimal
    horizon_days: int
    expected_units_current: float
    expected_units_new: float
    expected_profit_current: Money | None
    expected_profit_new: Money | None
    clearance: bool
    """The price is lowered to sell stock before it expires; it may be below cost."""
    expires_on: date | None
    weekly_units: float
    """Recent sales rate, units per week."""
    calibration: float
    """Factor applied to the model's demand after replaying the shop's past weeks."""
    drivers: tuple[Driver, ...]

    @property
    def changed(self) -> bool:
        """Whether the new price differs from the current one."""
        return self.new_price != self.current_price

    @property
    def change_share(self) -> Decimal:
        """New price over current price, minus one (0.10 for a 10 % rise)."""
        if self.current_price.cents <= 0:
            return Decimal(0)
        return Decimal(self.new_price.cents) / Decimal(self.current_price.cents) - 1

    @property
    def slow_mover(self) -> bool:
        """Whether the product sells fewer than SLOW_MOVER_UNITS_PER_WEEK a week."""
        return self.weekly_units < SLOW_MOVER_UNITS_PER_WEEK

    def name(self, language: str) -> str:
        """Return the product's name in `language`, falling back to the other one."""
        if language == "es":
            return self.name_es or self.name_en
        return self.name_en or self.name_es


def plan_prices(items: Sequence[PricingItem], predictor: DemandPredictor, rules: PricingRules) -> list[Recommendation]:
    """Recommend a price for every item, with one call to the model for all candidates and replays."""
    plans = [_candidates(item, rules) for item in items]

    rows: list[list[float]] = []
    for item, (_, candidates) in zip(items, plans):
        rows.extend(feature_row(item.context, price) for price in candidates)
    grid_rows = len(rows)
    for item in items:
        rows.extend(feature_row(replay.context, replay.price_cents) for replay in item.backtests)

    multipliers = list(predictor.predict_multipliers(feature_matrix(rows))) if rows else []
    if len(multipliers) != len(rows):
        raise PricingError(
            f"the demand model returned {len(multipliers)} values for {len(rows)} rows; "
            "re-create the model file with models/pricing/train.py"
        )

    replayed = _replayed_units(items, multipliers[grid_rows:])
    factors = calibration_factors([item.context.category for item in items], replayed)

    recommendations = []
    for number, (item, (bounds, candidates)) in enumerate(zip(items, plans)):
        start = number * rules.candidates
        curve = [max(0.0, value) for value in multipliers[start : start + rules.candidates]]
        recommendations.append(_recommend(item, bounds, candidates, curve, factors[number], rules))
    return recommendations


def calibration_factors(categories: Sequence[str], replayed: Sequence[tuple[float, float]]) -> list[float]:
    """Return a demand factor per product from (actual, predicted) units of its replayed weeks.

    Each factor is actual over predicted, shrunk toward its category's factor, which is
    itself shrunk toward 1: with few units sold the factor stays near 1, and with many it
    follows the shop's own sales. Factors are kept between 0.33 and 3.
    """
    pooled: dict[str, list[float]] = {}
    for category, (actual, predicted) in zip(categories, replayed):
        sums = pooled.setdefault(category, [0.0, 0.0])
        sums[0] += actual
        sums[1] += predicted
    category_factor = {
        category: _clamp((actual + _CATEGORY_PRIOR_UNITS) / (predicted + _CATEGORY_PRIOR_UNITS))
        for category, (actual, predicted) in pooled.items()
    }
    return [
        _clamp((actual + _PRODUCT_PRIOR_UNITS * category_factor[category]) / (predicted + _PRODUCT_PRIOR_UNITS))
        for category, (actual, predicted) in zip(categories, replayed)
    ]


def expected_profit(
    price_cents: float,
    units: float,
    *,
    cost_cents: float,
    vat_rate: Decimal,
    discount: float = 0.0,
    stock_units: float = 0.0,
    expiring_units: float = 0.0,
) -> tuple[float, float]:
    """Return (units sold, profit in cents) over the horizon at a shelf price with `units` expected demand.

    Demand is taken as Poisson. Outside a clearance window the shop restocks, so every
    unit asked for is sold. Within one (`expiring_units` > 0) sales are capped by the
    stock on hand, and each expiring unit left unsold costs its purchase price.
    """
    net = price_cents / (1.0 + float(vat_rate) / 100.0) * (1.0 - discount)
    if expiring_units <= 0:
        return units, (net - cost_cents) * units

    sold = expected_min_poisson(units, max(stock_units, expiring_units))
    wasted = expiring_units - expected_min_poisson(units, expiring_units)
    return sold, (net - cost_cents) * sold - cost_cents * wasted


def expected_min_poisson(mean: float, cap: float) -> float:
    """Return E[min(D, cap)] for D Poisson with `mean`; `cap` may be fractional (kilograms).

    Above a mean of 200 a normal approximation replaces the sum, because the Poisson
    probabilities underflow there and the two distributions nearly coincide.
    """
    if mean <= 0 or cap <= 0:
        return 0.0
    if mean > 200:
        sigma = math.sqrt(mean)
        z = (cap - mean) / sigma
        density = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
        above = 0.5 * math.erfc(z / math.sqrt(2))
        return mean - (sigma * density + (mean - cap) * above)

    total = 0.0
    probability = math.exp(-mean)
    cumulative = probability
    k = 0
    limit = mean + 12 * math.sqrt(mean) + 20
    while k < cap and k <= limit:
        # P(D > k) times the part of unit k+1 below the cap.
        total += (1.0 - cumulative) * min(1.0, cap - k)
        k += 1
        probability *= mean / k
        cumulative += probability
    return total


def non_increasing(values: Sequence[float]) -> list[float]:
    """Return the closest non-increasing sequence (pool adjacent violators, unweighted).

    The tree ensemble has no monotonic constraint, so its demand can tick up between two
    neighbouring prices. Pooling removes such ticks without shifting the curve's level.
    """
    blocks: list[list[float]] = []  # [mean, count]
    for value in values:
        blocks.append([value, 1.0])
        while len(blocks) > 1 and blocks[-2][0] < blocks[-1][0]:
            mean, count = blocks.pop()
            previous = blocks[-1]
            previous[0] = (previous[0] * previous[1] + mean * count) / (previous[1] + count)
            previous[1] += count
    pooled: list[float] = []
    for mean, count in blocks:
        pooled.extend([mean] * int(count))
    return pooled


def _candidates(item: PricingItem, rules: PricingRules) -> tuple[PriceBounds | None, tuple[int, ...]]:
    current = item.current_price_cents
    if item.cost_cents is None or current <= 0:
        return None, (max(current, 0),) * rules.candidates
    bounds = price_bounds(current, item.cost_cents, item.vat_rate, rules, clearance=item.expiring_units > 0)
    return bounds, candidate_prices(current, bounds, item.vat_rate, rules)


def _replayed_units(items: Sequence[PricingItem], multipliers: Sequence[float]) -> list[tuple[float, float]]:
    replayed = []
    position = 0
    for item in items:
        actual = predicted = 0.0
        for replay in item.backtests:
            actual += replay.actual_units
            predicted += exposure(replay.context) * max(0.0, multipliers[position])
            position += 1
        replayed.append((actual, predicted))
    return replayed


def _recommend(
    item: PricingItem,
    bounds: PriceBounds | None,
    candidates: tuple[int, ...],
    multipliers: list[float],
    factor: float,
    rules: PricingRules,
) -> Recommendation:
    context = item.context
    base = exposure(context) * factor
    demand = non_increasing([base * value for value in multipliers])
    current = item.current_price_cents
    weekly_units = context.rate * 7.0

    if bounds is None or item.cost_cents is None:
        units = demand[0]
        code = DriverCode.NO_PRICE if current <= 0 else DriverCode.NO_COST
        return _recommendation(item, current, units, units, None, None, factor, weekly_units, (Driver(code),), clearance=False)

    outcomes = [
        expected_profit(
            price,
            units,
            cost_cents=item.cost_cents,
            vat_rate=item.vat_rate,
            discount=context.horizon_discount,
            stock_units=item.stock_units,
            expiring_units=item.expiring_units,
        )
        for price, units in zip(candidates, demand)
    ]
    best = max(range(len(candidates)), key=lambda index: (outcomes[index][1], -abs(candidates[index] - current)))
    if current in candidates:
        keep = candidates.index(current)
        gain = outcomes[best][1] - outcomes[keep][1]
        if gain < max(MIN_GAIN_CENTS, MIN_GAIN_SHARE * abs(outcomes[keep][1])):
            best = keep
        current_outcome = outcomes[keep]
    else:
        current_outcome = _outcome_below_bounds(item, item.cost_cents, base * max(multipliers))

    new = candidates[best]
    clearance = item.expiring_units > 0 and new < current
    drivers = _drivers(item, bounds, candidates, best, current_outcome[0], outcomes[best][0], factor, weekly_units, rules)
    return _recommendation(
        item,
        new,
        current_outcome[0],
        outcomes[best][0],
        current_outcome[1],
        outcomes[best][1],
        factor,
        weekly_units,
        drivers,
        clearance=clearance,
    )


def _outcome_below_bounds(item: PricingItem, cost_cents: int, units: float) -> tuple[float, float]:
    # The current price is below the bounds (below cost or the minimum margin), so the
    # model had no row for it. Demand there is at least the demand at the lowest
    # candidate, so that demand is used as a lower bound.
    return expected_profit(
        item.current_price_cents,
        units,
        cost_cents=cost_cents,
        vat_rate=item.vat_rate,
        discount=item.context.horizon_discount,
        stock_units=item.stock_units,
        expiring_units=item.expiring_units,
    )


def _drivers(
    item: PricingItem,
    bounds: PriceBounds,
    candidates: tuple[int, ...],
    best: int,
    units_current: float,
    units_new: float,
    factor: float,
    weekly_units: float,
    rules: PricingRules,
) -> tuple[Driver, ...]:
    context = item.context
    current = item.current_price_cents
    new = candidates[best]
    drivers: list[Driver] = []

    if bounds.exceeds_max_change:
        drivers.append(Driver(DriverCode.BELOW_COST_RAISED))
    elif bounds.below_margin:
        drivers.append(Driver(DriverCode.MIN_MARGIN, percent=rules.min_margin * 100))

    expiring: list[Driver] = []
    if item.expiring_units > 0 and item.expires_on is not None:
        expiring.append(Driver(DriverCode.EXPIRING, units=_round_units(item.expiring_units), day=item.expires_on))
        net = Decimal(new) / (1 + item.vat_rate / 100)
        if new < current and item.cost_cents is not None and net < item.cost_cents:
            expiring.append(Driver(DriverCode.BELOW_COST_CLEARANCE))

    # Expiring stock leads when it is why the price falls (or stays); after a rise it is a side note.
    change = _percent_change(units_current, units_new)
    if new > current:
        drivers.append(Driver(DriverCode.RAISE, percent=change))
        drivers.extend(expiring)
    elif new < current:
        drivers.extend(expiring)
        drivers.append(Driver(DriverCode.LOWER, percent=change))
    else:
        drivers.extend(expiring)
        if not bounds.below_margin:
            drivers.append(Driver(DriverCode.KEEP))

    distinct = sorted(set(candidates))
    at_edge = (new > current and new == distinct[-1]) or (new < current and new == distinct[0])
    if at_edge and not bounds.below_margin and not bounds.exceeds_max_change and len(distinct) > 1:
        drivers.append(Driver(DriverCode.MAX_CHANGE, percent=rules.max_change * 100))

    season = context.product_season_ratio if context.ref_units >= 20 else context.category_season_ratio
    if season is not None and season > _SEASON_THRESHOLD:
        drivers.append(Driver(DriverCode.SEASON_UP, percent=_percent(math.exp(season) - 1)))
    elif season is not None and season < -_SEASON_THRESHOLD:
        drivers.append(Driver(DriverCode.SEASON_DOWN, percent=_percent(1 - math.exp(season))))

    if context.horizon_discount > 0:
        drivers.append(Driver(DriverCode.PROMOTION, percent=_percent(context.horizon_discount)))
    if context.ref_units <= 0 and not context.last_year_ref_units:
        drivers.append(Driver(DriverCode.NO_HISTORY))
    elif weekly_units < SLOW_MOVER_UNITS_PER_WEEK:
        drivers.append(Driver(DriverCode.SLOW_MOVER, units=_round_units(weekly_units)))
    if abs(factor - 1.0) >= _CALIBRATION_NOTE:
        drivers.append(Driver(DriverCode.CALIBRATED, percent=_percent(factor - 1.0)))
    return tuple(drivers)


def _recommendation(
    item: PricingItem,
    new_cents: int,
    units_current: float,
    units_new: float,
    profit_current: float | None,
    profit_new: float | None,
    factor: float,
    weekly_units: float,
    drivers: tuple[Driver, ...],
    *,
    clearance: bool,
) -> Recommendation:
    return Recommendation(
        sku=item.sku,
        name_en=item.name_en,
        name_es=item.name_es,
        unit=item.unit,
        current_price=Money(item.current_price_cents),
        new_price=Money(new_cents),
        cost=None if item.cost_cents is None else Money(item.cost_cents),
        vat_rate=item.vat_rate,
        horizon_days=item.context.horizon_days,
        expected_units_current=units_current,
        expected_units_new=units_new,
        expected_profit_current=None if profit_current is None else Money(round(profit_current)),
        expected_profit_new=None if profit_new is None else Money(round(profit_new)),
        clearance=clearance,
        expires_on=item.expires_on,
        weekly_units=weekly_units,
        calibration=factor,
        drivers=drivers,
    )


def _percent_change(before: float, after: float) -> Decimal:
    if before <= 0:
        return Decimal(0)
    return _percent(after / before - 1.0)


def _percent(share: float) -> Decimal:
    """Return a share as a whole percent (0.126 -> 13)."""
    return Decimal(round(share * 100))


def _round_units(units: float) -> Decimal:
    return Decimal(str(round(units, 1)))


def _clamp(factor: float) -> float:
    low, high = _CALIBRATION_LIMITS
    return min(high, max(low, factor))
