"""Day-by-day simulation of the demo shop's stock and sales.

Each product runs alone through the period with its own seeded random stream, so
adding a product to the catalogue leaves the history of the others unchanged. A day
goes: deliveries arrive, expired batches are written off, customers buy (first
expiry, first out), and on the supplier's order days the owner orders up to the
expected demand until the next delivery.

The owner judges demand by the season as it is on the order day, so stock lags
behind a rising season (turrón in December runs out) and runs high as it falls.
Demand beyond the stock is lost, and a day that opens with no stock is a stock-out
with no sales. Write-offs of expired batches are simulated but not stored, because
the schema has no table for them, so a product's stock is what it received, minus
what it sold, minus what expired.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from retail_assistant.demo.catalogue import CATEGORIES, SUPPLIERS, build_catalogue
from retail_assistant.demo.demand import (
    daily_traffic,
    is_open,
    next_open_day,
    poisson,
    season_factor,
    weekday_factor,
)
from retail_assistant.demo.pricing import PriceBook, PriceChange, Promotion, plan_prices
from retail_assistant.demo.records import Category, ProductSpec, Supplier

__all__ = ["DEMO_SEED", "HISTORY_DAYS", "Batch", "DemoShop", "Ledger", "Sale", "simulate_shop"]

DEMO_SEED = 20240917
"""Seed of every random draw of the demo shop."""

HISTORY_DAYS = 400
"""Days of sales history, ending the day before `today`: a full year plus a month,
so that a year-on-year comparison of the latest month has data on both sides."""

_LATE_DELIVERY_RATE = 0.04
_CASE_SIZE = 6


@dataclass(frozen=True)
class Sale:
    """A row of the sales table: one product's sales on one day."""

    sold_on: date
    sku: str
    quantity_milli: int
    unit_price_cents: int
    promotion_id: int | None


@dataclass(frozen=True)
class Batch:
    """A row of the batches table: stock of one delivery still on the shelf."""

    sku: str
    quantity_milli: int
    received_on: date
    expires_on: date | None


@dataclass(frozen=True)
class Ledger:
    """A product's stock movements over the simulated period, in thousandths of its unit."""

    received_milli: int
    sold_milli: int
    written_off_milli: int
    final_milli: int


@dataclass(frozen=True)
class DemoShop:
    """Everything the writer stores: the catalogue, its history and the final stock."""

    today: date
    first_day: date
    last_day: date
    seed: int
    categories: tuple[Category, ...]
    suppliers: tuple[Supplier, ...]
    products: tuple[ProductSpec, ...]
    prices: PriceBook
    sales: tuple[Sale, ...]
    stockouts: tuple[tuple[str, date], ...]
    batches: tuple[Batch, ...]
    ledgers: dict[str, Ledger]

    @property
    def price_changes(self) -> tuple[PriceChange, ...]:
        """Price changes, ordered by day."""
        return self.prices.changes

    @property
    def promotions(self) -> tuple[Promotion, ...]:
        """Promotions, ordered by start day."""
        return self.prices.promotions


@dataclass
class _Delivery:
    """Remaining stock of one delivery during the simulation."""

    quantity_milli: int
    received_on: date
    expires_on: date | None

    def sellable_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day


@dataclass
class _Stock:
    """Mutable stock of one product during the simulation, with its running totals."""

    deliveries: list[_Delivery] = field(default_factory=list)
    """Deliveries still on the shelf, the first to expire first."""
    orders: list[tuple[date, int]] = field(default_factory=list)
    """Orders on their way: (arrival day, quantity_milli)."""
    received: int = 0
    sold: int = 0
    written_off: int = 0

    def total(self) -> int:
        return sum(delivery.quantity_milli for delivery in self.deliveries)

    def receive(self, quantity: int, day: date, shelf_life_days: int | None) -> None:
        expires_on = None
        if shelf_life_days is not None:
            expires_on = day + timedelta(days=shelf_life_days - 1)
        self.deliveries.append(_Delivery(quantity, day, expires_on))
        self.deliveries.sort(key=lambda delivery: delivery.expires_on or date.max)
        self.received += quantity

    def write_off_expired(self, day: date) -> None:
        unexpired = [delivery for delivery in self.deliveries if delivery.sellable_on(day)]
        self.written_off += self.total() - sum(delivery.quantity_milli for delivery in unexpired)
        self.deliveries = unexpired

    def take(self, quantity: int) -> None:
        """Remove `quantity` from the shelf, first expiry first out."""
        self.sold += quantity
        for delivery in self.deliveries:
            used = min(delivery.quantity_milli, quantity)
            delivery.quantity_milli -= used
            quantity -= used
        self.deliveries = [delivery for delivery in self.deliveries if delivery.quantity_milli > 0]


def simulate_shop(*, today: date, seed: int = DEMO_SEED) -> DemoShop:
    """Simulate `HISTORY_DAYS` days of the demo shop ending the day before `today`."""
    first_day = today - timedelta(days=HISTORY_DAYS)
    last_day = today - timedelta(days=1)
    products = build_catalogue(seed)
    prices = plan_prices(products, first_day=first_day, today=today, seed=seed)
    traffic = daily_traffic(first_day, last_day, seed=seed)
    suppliers = {supplier.id: supplier for supplier in SUPPLIERS}

    sales: list[Sale] = []
    stockouts: list[tuple[str, date]] = []
    batches: list[Batch] = []
    ledgers: dict[str, Ledger] = {}
    for product in products:
        run = _ProductRun(
            product,
            suppliers[product.supplier_id],
            prices.for_product(product.sku),
            traffic,
            rng=random.Random(f"{seed}:{product.sku}:days"),
        )
        run.simulate(first_day, last_day, sales=sales, stockouts=stockouts)
        run.open_morning(today)
        if product.perishable:
            batches.extend(
                Batch(product.sku, delivery.quantity_milli, delivery.received_on,
                      delivery.expires_on)
                for delivery in run.stock.deliveries
            )
        ledgers[product.sku] = Ledger(
            received_milli=run.stock.received,
            sold_milli=run.stock.sold,
            written_off_milli=run.stock.written_off,
            final_milli=run.stock.total(),
        )

    sales.sort(key=lambda sale: (sale.sold_on, sale.sku))
    stockouts.sort(key=lambda row: (row[1], row[0]))
    return DemoShop(
        today=today,
        first_day=first_day,
        last_day=last_day,
        seed=seed,
        categories=CATEGORIES,
        suppliers=SUPPLIERS,
        products=tuple(products),
        prices=prices,
        sales=tuple(sales),
        stockouts=tuple(stockouts),
        batches=tuple(batches),
        ledgers=ledgers,
    )


class _ProductRun:
    """The simulation of one product: its stock, its orders and its customers."""

    def __init__(
        self,
        product: ProductSpec,
        supplier: Supplier,
        prices: PriceBook,
        traffic: dict[date, float],
        *,
        rng: random.Random,
    ) -> None:
        self.product = product
        self.supplier = supplier
        self.prices = prices
        self.traffic = traffic
        self.rng = rng
        self.stock = _Stock()
        # How much extra the owner keeps on the shelf for this product, as a share of
        # the expected demand and in standard deviations of it.
        self.cover_factor = 0.9 + 0.4 * rng.random()
        self.safety_sigmas = 0.5 + 1.5 * rng.random()

    def simulate(
        self,
        first_day: date,
        last_day: date,
        *,
        sales: list[Sale],
        stockouts: list[tuple[str, date]],
    ) -> None:
        """Run every day from `first_day` to `last_day`, appending sales and stock-outs."""
        opening = self._order_quantity(first_day - timedelta(days=1), arrival=first_day)
        self.stock.receive(opening, first_day, self.product.shelf_life_days)

        day = first_day
        while day <= last_day:
            self.open_morning(day)
            if is_open(day):
                self._open_shop(day, sales=sales, stockouts=stockouts)
                if day.weekday() in self.supplier.order_weekdays:
                    self._place_order(day)
            day += timedelta(days=1)

    def open_morning(self, day: date) -> None:
        """Receive the deliveries due on `day` and write off what expired before it."""
        self._receive_deliveries(day)
        self.stock.write_off_expired(day)

    def _receive_deliveries(self, day: date) -> None:
        arrived = [order for order in self.stock.orders if order[0] <= day]
        if not arrived:
            return
        self.stock.orders = [order for order in self.stock.orders if order[0] > day]
        for _, quantity in arrived:
            self.stock.receive(quantity, day, self.product.shelf_life_days)

    def _open_shop(
        self, day: date, *, sales: list[Sale], stockouts: list[tuple[str, date]]
    ) -> None:
        available = self.stock.total()
        if available == 0:
            stockouts.append((self.product.sku, day))
            return

        promotion = self.prices.promotion_on(self.product.sku, day)
        price = self.prices.regular_price(self.product.sku, day)
        expected = (
            self.product.demand
            * season_factor(self.product.season, day)
            * weekday_factor(day)
            * self.traffic[day]
        )
        if promotion is not None:
            expected *= promotion.demand_factor
            price = promotion.price(price)

        sold = min(self._draw_demand(expected), available)
        if sold == 0:
            return
        self.stock.take(sold)
        sales.append(
            Sale(day, self.product.sku, sold, price, None if promotion is None else promotion.id)
        )

    def _draw_demand(self, expected: float) -> int:
        """Draw the quantity customers ask for, in thousandths of the unit."""
        if not self.product.sold_by_weight:
            return 1000 * poisson(self.rng, expected)

        # Weighed goods: a Poisson number of purchases, each around the usual portion,
        # weighed to the nearest 5 grams.
        portion = self.product.portion_kg
        total = 0
        for _ in range(poisson(self.rng, expected / portion)):
            weight_kg = portion * (0.5 + self.rng.random())
            total += 5 * max(1, round(weight_kg * 200))
        return total

    def _place_order(self, day: date) -> None:
        arrival = next_open_day(day + timedelta(days=self.supplier.lead_time_days))
        if self.rng.random() < _LATE_DELIVERY_RATE:
            arrival = next_open_day(arrival + timedelta(days=2 + self.rng.randrange(5)))
        quantity = self._order_quantity(day, arrival=arrival)
        if quantity > 0:
            self.stock.orders.append((arrival, quantity))

    def _order_quantity(self, day: date, *, arrival: date) -> int:
        """Return the quantity to order on `day`, in thousandths, rounded up to whole packs."""
        product = self.product
        rate = product.demand * season_factor(product.season, day)

        # The order must last until the delivery of the next order arrives.
        next_order = day + timedelta(days=1)
        while next_order.weekday() not in self.supplier.order_weekdays or not is_open(next_order):
            next_order += timedelta(days=1)
        cover_end = next_open_day(next_order + timedelta(days=self.supplier.lead_time_days))
        expected = self._expected_between(day + timedelta(days=1), cover_end, rate)
        target = expected * self.cover_factor + self.safety_sigmas * math.sqrt(expected)

        # A perishable order is only worth what can sell before it expires.
        if product.shelf_life_days is not None:
            expires = arrival + timedelta(days=product.shelf_life_days)
            target = min(target, 1.1 * self._expected_between(arrival, expires, rate))

        position = sum(quantity for _, quantity in self.stock.orders)
        position += sum(
            delivery.quantity_milli
            for delivery in self.stock.deliveries
            if delivery.sellable_on(arrival)
        )
        shortfall = math.ceil(target * 1000) - position
        if shortfall <= 0:
            return 0
        step = self._order_step()
        return math.ceil(shortfall / step) * step

    def _order_step(self) -> int:
        """Return the multiple an order comes in: whole kilograms or units, or cases of
        `_CASE_SIZE` for shelf-stable goods that sell at least one a day."""
        product = self.product
        if product.sold_by_weight or product.perishable or product.demand < 1.0:
            return 1000
        return 1000 * _CASE_SIZE

    @staticmethod
    def _expected_between(start: date, end: date, rate: float) -> float:
        """Return the expected demand on the open days from `start` up to, not including, `end`."""
        total = 0.0
        day = start
        while day < end:
            total += rate * weekday_factor(day)
            day += timedelta(days=1)
        return total
