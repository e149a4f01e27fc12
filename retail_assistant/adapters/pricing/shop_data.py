"""Reading the shop database into the snapshot the pricing optimizer works on.

The snapshot covers the 480 days before the end of the shop's sales history: eight
weeks of reference, a year back for the season ratios, and eight more weeks for the
replays that calibrate the model. Regular prices per day follow the documented
`price_changes` rule (the latest change on or before the day, the first change's old
price before it, and the product's price without changes). Promotions come from
`promotions`, stock-outs from `stockouts`, and expiring stock from `batches`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Collection
from datetime import date, timedelta

import sqlite_utils

from retail_assistant.adapters.store.products import ProductRepository
from retail_assistant.core.catalog import Product
from retail_assistant.core.errors import StoreError
from retail_assistant.core.pricing_features import category_key
from retail_assistant.core.pricing_history import ProductHistory, ShopCalendar
from retail_assistant.core.pricing_inputs import ProductRecord, ShopSnapshot, StockBatch, TimedDiscount

__all__ = ["HISTORY_DAYS", "read_snapshot"]

log = logging.getLogger(__name__)

HISTORY_DAYS = 480
"""Days of history read: 364 + 56 for last year's windows, plus 8 weeks of replays, rounded up."""


def read_snapshot(db: sqlite_utils.Database, *, today: date, skus: Collection[str] | None = None) -> ShopSnapshot:
    """Read what pricing needs from the shop database, as of `today`.

    With `skus`, the snapshot contains those products and every other product of their
    categories, because season ratios and calibration pool each category: a product is
    priced the same whether it is asked for alone or with the whole shop. SKUs that do
    not exist are left out; the caller reports them. Raises StoreError when the
    database cannot be read.
    """
    try:
        return _read(db, today=today, skus=skus)
    except sqlite3.Error as error:
        raise StoreError(
            f"cannot read the sales history for pricing from the shop database: {error}; "
            "close other programs using it and try again"
        ) from error


def _read(db: sqlite_utils.Database, *, today: date, skus: Collection[str] | None) -> ShopSnapshot:
    last_sale = db.execute("SELECT max(sold_on) FROM sales WHERE sold_on < ?", [today.isoformat()]).fetchone()[0]
    end = min(today, date.fromisoformat(last_sale) + timedelta(days=1)) if last_sale else today
    first = end - timedelta(days=HISTORY_DAYS)
    window = [first.isoformat(), end.isoformat()]

    totals = [0.0] * HISTORY_DAYS
    for day, milli in db.execute(
        "SELECT sold_on, sum(quantity_milli) FROM sales WHERE sold_on >= ? AND sold_on < ? GROUP BY sold_on", window
    ):
        totals[_index(day, first)] = milli / 1000
    calendar = ShopCalendar.from_daily_totals(first, totals)

    products = _products(db, skus)
    wanted = {product.sku for product, _ in products}
    units = _daily(db, wanted, first, "SELECT sku, sold_on, sum(quantity_milli) FROM sales "
                   "WHERE sold_on >= ? AND sold_on < ? GROUP BY sku, sold_on", window, scale=1 / 1000)
    stockouts = _daily(db, wanted, first, "SELECT sku, day, 1 FROM stockouts WHERE day >= ? AND day < ?", window, scale=1)
    changes = _grouped(db, wanted, "SELECT sku, changed_on, old_price_cents, new_price_cents FROM price_changes "
                       "ORDER BY sku, changed_on, id", [])
    promotions = _grouped(db, wanted, "SELECT sku, starts_on, ends_on, discount_bp FROM promotions WHERE ends_on >= ? "
                          "ORDER BY sku, starts_on", [first.isoformat()])
    batches = _grouped(db, wanted, "SELECT sku, quantity_milli, received_on, expires_on FROM batches "
                       "WHERE quantity_milli > 0 ORDER BY sku, expires_on", [])

    records = []
    for product, category in products:
        product_promotions = tuple(
            TimedDiscount(date.fromisoformat(start), date.fromisoformat(stop), bp / 10_000)
            for start, stop, bp in promotions.get(product.sku, [])
        )
        product_batches = tuple(
            StockBatch(milli / 1000, date.fromisoformat(received), date.fromisoformat(expires) if expires else None)
            for milli, received, expires in batches.get(product.sku, [])
        )
        history = ProductHistory(
            units=units.get(product.sku, [0.0] * HISTORY_DAYS),
            stockout=[bool(flag) for flag in stockouts.get(product.sku, [0.0] * HISTORY_DAYS)],
            regular_price_cents=_regular_prices(product.price.cents, changes.get(product.sku, []), first),
            discount=_discounts(product_promotions, first),
        )
        records.append(
            ProductRecord(
                sku=product.sku,
                name_en=product.name_en,
                name_es=product.name_es,
                unit=product.unit,
                category=category,
                perishable=any(batch.expires_on is not None for batch in product_batches),
                current_price_cents=product.price.cents,
                cost_cents=None if product.cost is None else product.cost.cents,
                vat_rate=product.vat_rate,
                stock_units=max(0.0, product.stock.milli / 1000),
                history=history,
                batches=product_batches,
                promotions=product_promotions,
            )
        )
    log.debug("read %d products and %d days of history for pricing, ending %s", len(records), HISTORY_DAYS, end)
    return ShopSnapshot(today=today, calendar=calendar, products=tuple(records))


def _products(db: sqlite_utils.Database, skus: Collection[str] | None) -> list[tuple[Product, str]]:
    """Return the products to price with their model category keys, in SKU order."""
    keys = {
        sku: category_key(category_id, name)
        for sku, category_id, name in db.execute(
            "SELECT p.sku, p.category_id, c.name_en FROM products p LEFT JOIN categories c ON c.id = p.category_id"
        )
    }
    every = ProductRepository(db).all()
    if skus is None:
        return [(product, keys[product.sku]) for product in every]
    categories = {keys[sku] for sku in skus if sku in keys}
    return [(product, keys[product.sku]) for product in every if keys[product.sku] in categories]


def _daily(db: sqlite_utils.Database, wanted: set[str], first: date, sql: str, params: list[str], *,
           scale: float) -> dict[str, list[float]]:
    series: dict[str, list[float]] = {}
    for sku, day, value in db.execute(sql, params):
        if sku not in wanted:
            continue
        series.setdefault(sku, [0.0] * HISTORY_DAYS)[_index(day, first)] = value * scale
    return series


def _grouped(db: sqlite_utils.Database, wanted: set[str], sql: str, params: list[str]) -> dict[str, list[tuple]]:
    groups: dict[str, list[tuple]] = {}
    for sku, *values in db.execute(sql, params):
        if sku in wanted:
            groups.setdefault(sku, []).append(tuple(values))
    return groups


def _regular_prices(current_cents: int, changes: list[tuple], first: date) -> list[float]:
    """Return the regular price of each day from the product's price changes, ordered by day."""
    if not changes:
        return [float(current_cents)] * HISTORY_DAYS
    prices = []
    position = -1
    for index in range(HISTORY_DAYS):
        day = (first + timedelta(days=index)).isoformat()
        while position + 1 < len(changes) and changes[position + 1][0] <= day:
            position += 1
        prices.append(float(changes[0][1] if position < 0 else changes[position][2]))
    return prices


def _discounts(promotions: tuple[TimedDiscount, ...], first: date) -> list[float]:
    discounts = [0.0] * HISTORY_DAYS
    for promotion in promotions:
        start = max(0, (promotion.starts_on - first).days)
        stop = min(HISTORY_DAYS, (promotion.ends_on - first).days + 1)
        for index in range(start, stop):
            discounts[index] = max(discounts[index], promotion.discount)
    return discounts


def _index(day: str, first: date) -> int:
    return (date.fromisoformat(day) - first).days

