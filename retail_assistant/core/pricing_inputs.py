"""From a snapshot of the shop to the items the optimizer prices.

A snapshot contains what the pricing service reads from the shop database (and what the
evaluation reads from a simulated shop): the calendar, and per product its catalogue
values, daily history, batches and promotions. `pricing_items` decides each product's
horizon (the rules' horizon, or the days until its next batch expires when that comes
sooner, which opens a clearance window), builds the demand contexts, and replays the
last eight weeks for calibration.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from retail_assistant.core.pricing import PricingItem
from retail_assistant.core.pricing_history import ProductHistory, ProductState, ShopCalendar, backtests, build_contexts
from retail_assistant.core.pricing_rules import PricingRules

__all__ = ["BACKTEST_WEEKS", "ProductRecord", "ShopSnapshot", "StockBatch", "TimedDiscount", "pricing_items"]

BACKTEST_WEEKS = 8
"""Past weeks replayed to calibrate the model to the shop."""


@dataclass(frozen=True)
class StockBatch:
    """Stock of one delivery still on hand."""

    quantity_units: float
    received_on: date
    expires_on: date | None


@dataclass(frozen=True)
class TimedDiscount:
    """A promotion: a share taken off the regular price from `starts_on` to `ends_on`, inclusive."""

    starts_on: date
    ends_on: date
    discount: float


@dataclass(frozen=True)
class ProductRecord:
    """One product as the snapshot contains it."""

    sku: str
    name_en: str
    name_es: str
    unit: str
    category: str
    """The model's category key (see `pricing_features.category_key`)."""
    perishable: bool
    current_price_cents: int
    cost_cents: int | None
    vat_rate: Decimal
    stock_units: float
    history: ProductHistory
    batches: tuple[StockBatch, ...] = ()
    promotions: tuple[TimedDiscount, ...] = ()


@dataclass(frozen=True)
class ShopSnapshot:
    """The shop's calendar and products on `today`.

    The history ends where the calendar ends: the day after the shop's last sale, which
    is `today` for a shop that sold yesterday, and earlier after a closed day or for
    sales imported a few days ago. The reference windows end with the history; the
    horizon, last year's windows and expiry dates are counted from `today`.
    """

    today: date
    calendar: ShopCalendar
    products: tuple[ProductRecord, ...]


def pricing_items(snapshot: ShopSnapshot, rules: PricingRules) -> list[PricingItem]:
    """Return one PricingItem per product of the snapshot, in order."""
    calendar = snapshot.calendar
    anchor = calendar.days
    windows = [_stock_window(record, snapshot.today, rules) for record in snapshot.products]

    states = [
        ProductState(
            current_price_cents=record.current_price_cents,
            category=record.category,
            perishable=record.perishable,
            shelf_life_days=_shelf_life(record.batches),
            days_to_expiry=window.days_to_expiry,
            horizon_days=window.horizon_days,
            horizon_discount=_horizon_discount(record.promotions, snapshot.today, window.horizon_days, calendar),
        )
        for record, window in zip(snapshot.products, windows)
    ]
    histories = [record.history for record in snapshot.products]
    offset = max(0, (snapshot.today - calendar.end_day).days)
    contexts = build_contexts(histories, states, calendar, anchor=anchor, horizon_offset=offset)
    anchors = [anchor - 7 * week for week in range(1, BACKTEST_WEEKS + 1)]
    replays = backtests(histories, states, calendar, anchors=anchors, horizon_days=7)

    return [
        PricingItem(
            sku=record.sku,
            name_en=record.name_en,
            name_es=record.name_es,
            unit=record.unit,
            current_price_cents=record.current_price_cents,
            cost_cents=record.cost_cents,
            vat_rate=record.vat_rate,
            context=context,
            stock_units=record.stock_units,
            expiring_units=window.expiring_units,
            expires_on=window.expires_on,
            backtests=tuple(replay),
        )
        for record, window, context, replay in zip(snapshot.products, windows, contexts, replays)
    ]


@dataclass(frozen=True)
class _StockWindow:
    horizon_days: int
    days_to_expiry: int | None
    expiring_units: float
    expires_on: date | None


def _stock_window(record: ProductRecord, today: date, rules: PricingRules) -> _StockWindow:
    """Return the product's horizon, and the stock that expires within it when that is sooner."""
    sellable = [
        batch for batch in record.batches
        if batch.quantity_units > 0 and batch.expires_on is not None and batch.expires_on >= today
    ]
    if not sellable:
        return _StockWindow(rules.horizon_days, None, 0.0, None)

    first_expiry = min(batch.expires_on for batch in sellable if batch.expires_on is not None)
    days_to_expiry = (first_expiry - today).days
    if not rules.allow_clearance or days_to_expiry + 1 > rules.horizon_days:
        return _StockWindow(rules.horizon_days, days_to_expiry, 0.0, None)

    expiring = sum(batch.quantity_units for batch in sellable if batch.expires_on is not None and batch.expires_on <= first_expiry)
    return _StockWindow(days_to_expiry + 1, days_to_expiry, expiring, first_expiry)


def _shelf_life(batches: Sequence[StockBatch]) -> float | None:
    """Return the median days a delivery can be sold, counting its arrival day, or None without dated batches."""
    lives = [(batch.expires_on - batch.received_on).days + 1 for batch in batches if batch.expires_on is not None]
    return float(statistics.median(lives)) if lives else None


def _horizon_discount(
    promotions: Sequence[TimedDiscount], today: date, horizon_days: int, calendar: ShopCalendar
) -> float:
    """Return the promotion discount over the horizon's days, weighted by their weekday weight."""
    if not promotions:
        return 0.0
    total_weight = discounted = 0.0
    for offset in range(horizon_days):
        day = today + timedelta(days=offset)
        weight = calendar.weekday_weights[day.weekday()]
        total_weight += weight
        discount = max((promotion.discount for promotion in promotions if promotion.starts_on <= day <= promotion.ends_on), default=0.0)
        discounted += weight * discount
    return discounted / total_weight if total_weight > 0 else 0.0
