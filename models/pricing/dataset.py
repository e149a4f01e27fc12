"""Model rows from simulated shops, built with the same code the app runs on a real shop.

A simulated shop becomes a `ShopCalendar` and `ProductHistory`s, and the features come
from `retail_assistant.core.pricing_history.build_contexts` and
`retail_assistant.core.pricing_features.feature_row`, exactly as the pricing service
computes them from the shop database. Each training row is one product on one day with
one candidate price held over a horizon. Its target is the simulator's expected demand
over that horizon at that price, divided by the exposure (the product's reference rate
times the horizon's weight). The row's weight is that exposure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from simulator import SimShop

from retail_assistant.core.pricing_features import REFERENCE_DAYS, DemandContext, exposure, feature_row
from retail_assistant.core.pricing_history import LAST_YEAR_DAYS, ProductHistory, ProductState, ShopCalendar, build_contexts

__all__ = ["Rows", "calendar_at", "histories", "horizon_discount", "make_rows", "state_at"]

_HORIZONS = (1, 2, 3, 4, 5, 6, 7, 14)
_HORIZON_WEIGHTS = (0.07, 0.07, 0.08, 0.07, 0.07, 0.07, 0.45, 0.12)
_KEEP_PRICE_SHARE = 0.25
_PRICE_SPREAD = 0.45
_PROMOTION_SHARE = 0.08


@dataclass
class Rows:
    """Feature rows with their targets (demand multipliers) and weights (exposures)."""

    features: np.ndarray
    targets: np.ndarray
    weights: np.ndarray
    categories: list[str]
    true_elasticity: np.ndarray
    """The product's local price sensitivity at the row's price: b * price / anchor price."""


def histories(shop: SimShop) -> list[ProductHistory]:
    """Return every product's history over all simulated days (the calendar limits what is read)."""
    return [
        ProductHistory(
            units=shop.units[number].tolist(),
            stockout=shop.stockout[number].tolist(),
            regular_price_cents=shop.regular_price[number].tolist(),
            discount=shop.discount[number].tolist(),
        )
        for number in range(len(shop.products))
    ]


def calendar_at(shop: SimShop, anchor: int) -> ShopCalendar:
    """Return the calendar a shop database would give on day `anchor`: the days before it."""
    totals = shop.units[:, :anchor].sum(axis=0)
    return ShopCalendar.from_daily_totals(shop.first_day, totals.tolist())


def horizon_discount(shop: SimShop, calendar: ShopCalendar, product: int, anchor: int, horizon_days: int) -> float:
    """Return the promotion discount over the horizon, weighted by weekday weight, as the service computes it."""
    weights = [calendar.weekday_weight(anchor + offset) for offset in range(horizon_days)]
    total = sum(weights)
    if total <= 0:
        return 0.0
    discounts = shop.discount[product, anchor : anchor + horizon_days]
    return float(sum(weight * discount for weight, discount in zip(weights, discounts)) / total)


def state_at(shop: SimShop, product: int, anchor: int, horizon_days: int, discount: float,
             days_to_expiry: int | None = None) -> ProductState:
    """Return the product's state on day `anchor`, as the service would read it."""
    spec = shop.products[product]
    expiry = days_to_expiry
    if expiry is None and spec.shelf_life is not None:
        expiry = int(shop.days_to_expiry[product, anchor])
    return ProductState(
        current_price_cents=int(shop.regular_price[product, anchor - 1]),
        category=spec.category,
        perishable=spec.shelf_life is not None,
        shelf_life_days=None if spec.shelf_life is None else float(spec.shelf_life),
        days_to_expiry=expiry,
        horizon_days=horizon_days,
        horizon_discount=discount,
    )


def make_rows(shops: list[SimShop], *, anchors_per_shop: int, prices_per_context: int, seed: int) -> Rows:
    """Build training or validation rows from `shops`, drawing anchors, horizons and prices from `seed`."""
    rng = np.random.default_rng(seed)
    features: list[list[float]] = []
    targets: list[float] = []
    weights: list[float] = []
    categories: list[str] = []
    elasticities: list[float] = []

    for shop in shops:
        product_histories = histories(shop)
        for anchor in _anchors(rng, shop, anchors_per_shop):
            calendar = calendar_at(shop, anchor)
            samples = []
            states = []
            for number in range(len(shop.products)):
                horizon = int(rng.choice(_HORIZONS, p=_HORIZON_WEIGHTS))
                discount_days = shop.discount[number, anchor : anchor + horizon].copy()
                if rng.random() < _PROMOTION_SHARE:
                    discount_days[:] = rng.choice((0.1, 0.2, 0.3))
                weights_days = np.array([calendar.weekday_weight(anchor + offset) for offset in range(horizon)])
                discount = float((weights_days * discount_days).sum() / weights_days.sum()) if weights_days.sum() > 0 else 0.0
                samples.append((horizon, discount_days))
                states.append(state_at(shop, number, anchor, horizon, discount))

            contexts = build_contexts(product_histories, states, calendar, anchor=anchor)
            for number, (context, (horizon, discount_days)) in enumerate(zip(contexts, samples)):
                for _ in range(prices_per_context):
                    price = _candidate_price(rng, context)
                    row, target, weight = _row(shop, number, anchor, horizon, discount_days, context, price)
                    if weight <= 0:
                        continue  # the shop is closed on every day of the horizon
                    features.append(row)
                    targets.append(target)
                    weights.append(weight)
                    categories.append(context.category)
                    spec = shop.products[number]
                    elasticities.append(spec.elasticity * price / spec.anchor_price_cents)

    return Rows(
        features=np.asarray(features, dtype=np.float32),
        targets=np.asarray(targets),
        weights=np.asarray(weights),
        categories=categories,
        true_elasticity=np.asarray(elasticities),
    )


def _anchors(rng: np.random.Generator, shop: SimShop, count: int) -> list[int]:
    """Draw decision days: most with a year of history behind them, some without."""
    late_start = LAST_YEAR_DAYS + REFERENCE_DAYS + 1
    last = shop.history_days - 14
    anchors = []
    for _ in range(count):
        if rng.random() < 0.8 and late_start < last:
            anchors.append(int(rng.integers(late_start, last)))
        else:
            anchors.append(int(rng.integers(REFERENCE_DAYS // 2, min(late_start, last))))
    return sorted(set(anchors))


def _candidate_price(rng: np.random.Generator, context: DemandContext) -> float:
    if rng.random() < _KEEP_PRICE_SHARE:
        return float(context.current_price_cents)
    return float(round(context.current_price_cents * np.exp(rng.uniform(-_PRICE_SPREAD, _PRICE_SPREAD))))


def _row(shop: SimShop, product: int, anchor: int, horizon: int, discount_days: np.ndarray,
         context: DemandContext, price: float) -> tuple[list[float], float, float]:
    days = np.arange(anchor, anchor + horizon)
    demand = float(shop.mean_demand(product, days, price, discount_days).sum())
    weight = exposure(context)
    return feature_row(context, price), demand / weight if weight > 0 else 0.0, weight
