"""A shop's daily sales history, summed over the windows the demand model reads.

Histories are plain per-day sequences, so the same code serves the shop database (read
by the pricing adapter) and the market simulator the model is trained on. Days are
weighted by the shop's weekday profile: a Saturday may sell twice a Tuesday, so a rate
per weighted day compares windows that start on different weekdays. Days the shop was
closed weigh nothing, and days a product was out of stock are left out of its rate,
because their missing sales carry no information about demand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from retail_assistant.core.pricing_features import RECENT_DAYS, REFERENCE_DAYS, DemandContext

__all__ = [
    "LAST_YEAR_DAYS",
    "Backtest",
    "ProductHistory",
    "ProductState",
    "ShopCalendar",
    "WindowSums",
    "backtests",
    "build_contexts",
    "window_sums",
]

LAST_YEAR_DAYS = 364
"""How far back "the same time last year" is: 52 whole weeks, so weekdays line up."""

_PROFILE_DAYS = 364
"""Days of recent history the weekday profile is measured over."""


@dataclass(frozen=True)
class ShopCalendar:
    """The days a shop opened and how much each weekday sells compared with the average day."""

    first_day: date
    open_days: tuple[bool, ...]
    """One flag per day of history, from `first_day` on."""
    weekday_weights: tuple[float, ...]
    """Seven weights, Monday first, that add up to 7, so an average calendar day weighs 1."""

    @classmethod
    def from_daily_totals(cls, first_day: date, totals: Sequence[float]) -> ShopCalendar:
        """Build the calendar from the shop's total units sold per day, from `first_day` on.

        A day with no sales at all counts as closed. The weekday profile is the mean
        units of each weekday over the last 364 days, closed days included, so a weekday
        the shop never opens weighs 0. With no sales, every weekday weighs 1.
        """
        open_days = tuple(total > 0 for total in totals)
        start = max(0, len(totals) - _PROFILE_DAYS)
        sums = [0.0] * 7
        counts = [0] * 7
        for index in range(start, len(totals)):
            weekday = (first_day + timedelta(days=index)).weekday()
            sums[weekday] += totals[index]
            counts[weekday] += 1

        means = [sums[k] / counts[k] if counts[k] else 0.0 for k in range(7)]
        total = sum(means)
        if total <= 0:
            return cls(first_day, open_days, (1.0,) * 7)
        return cls(first_day, open_days, tuple(7.0 * mean / total for mean in means))

    @property
    def days(self) -> int:
        """The number of days of history."""
        return len(self.open_days)

    @property
    def end_day(self) -> date:
        """The first day after the history: the day prices are chosen on."""
        return self.first_day + timedelta(days=self.days)

    def weekday_weight(self, index: int) -> float:
        """Return the weekday weight of the day `index` days after `first_day` (negative is before)."""
        return self.weekday_weights[(self.first_day.weekday() + index) % 7]

    def day_weight(self, index: int) -> float:
        """Return the weight of a day of history: its weekday weight when open, else 0.

        Days outside the history (before it or in the future) are taken as open.
        """
        if 0 <= index < self.days and not self.open_days[index]:
            return 0.0
        return self.weekday_weight(index)


@dataclass(frozen=True)
class ProductHistory:
    """One product's days, aligned with its shop's calendar (index 0 is `first_day`)."""

    units: Sequence[float]
    stockout: Sequence[bool]
    regular_price_cents: Sequence[float]
    discount: Sequence[float]
    """Promotion discount of each day as a share of the regular price, 0 on regular days."""


@dataclass(frozen=True)
class ProductState:
    """A product as it is on the day its price is chosen."""

    current_price_cents: int
    category: str
    perishable: bool
    shelf_life_days: float | None
    days_to_expiry: int | None
    horizon_days: int
    horizon_discount: float
    """Mean promotion discount over the horizon, weighted by day weight; 0 without promotions."""


@dataclass(frozen=True)
class WindowSums:
    """Sums over the open days of a window, split into in-stock days and all days."""

    units: float
    weight: float
    """Weight of the open, in-stock days."""
    full_weight: float
    """Weight of every open day, and of days before the history as if open."""
    price_weight: float
    """Sum of regular price times weight over the open, in-stock days."""
    discount_weight: float
    open_days: int
    stockout_days: int


@dataclass(frozen=True)
class Backtest:
    """A past week replayed: the context before it, the price it sold at and what it sold."""

    context: DemandContext
    price_cents: float
    actual_units: float


def window_sums(history: ProductHistory, calendar: ShopCalendar, start: int, stop: int) -> WindowSums:
    """Sum the days with index in [start, stop) of one product's history."""
    units = weight = full_weight = price_weight = discount_weight = 0.0
    open_days = stockout_days = 0
    for index in range(start, stop):
        if index < 0:
            full_weight += calendar.weekday_weight(index)
            continue
        if index >= calendar.days:
            break
        if not calendar.open_days[index]:
            continue
        day_weight = calendar.weekday_weight(index)
        full_weight += day_weight
        open_days += 1
        if history.stockout[index]:
            stockout_days += 1
            continue
        weight += day_weight
        units += history.units[index]
        price_weight += day_weight * history.regular_price_cents[index]
        discount_weight += day_weight * history.discount[index]
    return WindowSums(units, weight, full_weight, price_weight, discount_weight, open_days, stockout_days)


def build_contexts(
    histories: Sequence[ProductHistory],
    states: Sequence[ProductState],
    calendar: ShopCalendar,
    *,
    anchor: int,
    horizon_offset: int = 0,
) -> list[DemandContext]:
    """Build the demand context of each product for prices chosen after day index `anchor`.

    The reference windows end at `anchor`. The horizon starts `horizon_offset` days
    later, on the day the prices are chosen when the history ends earlier, and runs for
    each state's `horizon_days`. Its weight is the weekday profile of those days, because
    future closures are not known. Last year's windows line up with the horizon.
    Category season ratios pool the products of the same category given here.
    """
    start = anchor + horizon_offset
    last_years = [_last_year(history, calendar, start, state.horizon_days) for history, state in zip(histories, states)]
    category_ratios = _category_season_ratios(states, last_years)

    contexts = []
    for history, state, last_year in zip(histories, states, last_years):
        horizon_weight = sum(calendar.weekday_weight(start + offset) for offset in range(state.horizon_days))
        contexts.append(
            _context(history, state, calendar, anchor, horizon_weight, last_year, category_ratios.get(_pool_key(state)))
        )
    return contexts


def backtests(
    histories: Sequence[ProductHistory],
    states: Sequence[ProductState],
    calendar: ShopCalendar,
    *,
    anchors: Sequence[int],
    horizon_days: int,
) -> list[list[Backtest]]:
    """Replay each product's past weeks starting at `anchors`, for calibrating the model to the shop.

    Each replay's context is built from the history before its anchor, at the price
    the product then had, and its horizon counts only the days the product was in stock,
    so the actual units are comparable with the prediction. The states' expiry and
    promotion fields are replaced by what applied in each replayed week.
    """
    replays: list[list[Backtest]] = [[] for _ in histories]
    for anchor in anchors:
        if anchor - REFERENCE_DAYS < 0 or anchor + horizon_days > calendar.days:
            continue
        past_states = []
        for history, state in zip(histories, states):
            window = window_sums(history, calendar, anchor, anchor + horizon_days)
            previous_price = history.regular_price_cents[anchor - 1]
            discount = window.discount_weight / window.weight if window.weight > 0 else 0.0
            past_states.append(
                ProductState(
                    current_price_cents=max(1, round(previous_price)),
                    category=state.category,
                    perishable=state.perishable,
                    shelf_life_days=state.shelf_life_days,
                    days_to_expiry=None,
                    horizon_days=horizon_days,
                    horizon_discount=discount,
                )
            )

        last_years = [_last_year(history, calendar, anchor, horizon_days) for history in histories]
        category_ratios = _category_season_ratios(past_states, last_years)
        for number, (history, state, last_year) in enumerate(zip(histories, past_states, last_years)):
            window = window_sums(history, calendar, anchor, anchor + horizon_days)
            if window.weight <= 0:
                continue
            context = _context(
                history, state, calendar, anchor, window.weight, last_year, category_ratios.get(_pool_key(state))
            )
            price = window.price_weight / window.weight
            replays[number].append(Backtest(context, price, window.units))
    return replays


def _context(
    history: ProductHistory,
    state: ProductState,
    calendar: ShopCalendar,
    anchor: int,
    horizon_weight: float,
    last_year: tuple[WindowSums, WindowSums] | None,
    category_ratio: float | None,
) -> DemandContext:
    reference = window_sums(history, calendar, anchor - REFERENCE_DAYS, anchor)
    recent = window_sums(history, calendar, anchor - RECENT_DAYS, anchor)
    if reference.weight > 0:
        ref_price = reference.price_weight / reference.weight
        ref_discount = reference.discount_weight / reference.weight
    else:
        ref_price = float(state.current_price_cents)
        ref_discount = 0.0
    stockout_share = reference.stockout_days / reference.open_days if reference.open_days else 0.0

    ly_horizon, ly_reference = last_year if last_year is not None else (None, None)
    return DemandContext(
        current_price_cents=state.current_price_cents,
        category=state.category,
        perishable=state.perishable,
        shelf_life_days=state.shelf_life_days,
        ref_units=reference.units,
        ref_weight=reference.weight,
        ref_full_weight=reference.full_weight,
        ref_price_cents=ref_price,
        ref_discount=ref_discount,
        ref_stockout_share=stockout_share,
        recent_units=recent.units,
        recent_weight=recent.weight,
        last_year_horizon_units=None if ly_horizon is None else ly_horizon.units,
        last_year_horizon_weight=None if ly_horizon is None else ly_horizon.weight,
        last_year_ref_units=None if ly_reference is None else ly_reference.units,
        last_year_ref_weight=None if ly_reference is None else ly_reference.weight,
        category_season_ratio=category_ratio,
        horizon_days=state.horizon_days,
        horizon_weight=horizon_weight,
        horizon_discount=state.horizon_discount,
        days_to_expiry=state.days_to_expiry,
    )


def _last_year(
    history: ProductHistory, calendar: ShopCalendar, anchor: int, horizon_days: int
) -> tuple[WindowSums, WindowSums] | None:
    """Return last year's horizon and reference windows, or None when the history is too short."""
    start = anchor - LAST_YEAR_DAYS
    if start - REFERENCE_DAYS < 0:
        return None
    horizon = window_sums(history, calendar, start, start + horizon_days)
    reference = window_sums(history, calendar, start - REFERENCE_DAYS, start)
    if horizon.weight <= 0 or reference.weight <= 0:
        return None
    return horizon, reference


def _pool_key(state: ProductState) -> tuple[str, int]:
    return state.category, state.horizon_days


def _category_season_ratios(
    states: Sequence[ProductState], last_years: Sequence[tuple[WindowSums, WindowSums] | None]
) -> dict[tuple[str, int], float]:
    """Return, per category and horizon length, the log ratio of last year's horizon sales to its reference rate."""
    pooled: dict[tuple[str, int], list[float]] = {}
    for state, last_year in zip(states, last_years):
        if last_year is None:
            continue
        horizon, reference = last_year
        sums = pooled.setdefault(_pool_key(state), [0.0, 0.0, 0.0, 0.0])
        sums[0] += horizon.units
        sums[1] += horizon.weight
        sums[2] += reference.units
        sums[3] += reference.weight

    ratios = {}
    for key, (h_units, h_weight, r_units, r_weight) in pooled.items():
        flat = r_units * h_weight / r_weight if r_weight > 0 else 0.0
        ratios[key] = math.log((h_units + 1.0) / (flat + 1.0))
    return ratios
