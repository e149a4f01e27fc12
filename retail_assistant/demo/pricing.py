"""Price history of the demo shop: shelf-price endings, price changes and promotions.

The catalogue price is today's price. Price changes are drawn backwards from it, so
the last change of a product always lands on its catalogue price. A promotion takes
a share off the regular price of the day, rounded half up to the cent, and raises
demand while it runs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from retail_assistant.demo.records import ProductSpec

__all__ = ["PriceBook", "PriceChange", "Promotion", "plan_prices", "shelf_price"]

_T = TypeVar("_T")

_PRICE_CHANGE_PRODUCTS = 40
_PAST_PROMOTIONS = 48
_CURRENT_PROMOTIONS = 4
_UPCOMING_PROMOTIONS = 3
_DISCOUNTS_BP = (1000, 1500, 2000, 2500, 3000)
_CLEARANCE_DISCOUNT_BP = 4000
_MIN_PROMOTED_PRICE_CENTS = 100
_ENDINGS = (0, 25, 45, 49, 50, 75, 95, 99)


@dataclass(frozen=True)
class PriceChange:
    """A row of the price_changes table."""

    id: int
    sku: str
    changed_on: date
    old_price_cents: int
    new_price_cents: int
    reason: str


@dataclass(frozen=True)
class Promotion:
    """A row of the promotions table, running from `starts_on` to `ends_on` inclusive."""

    id: int
    sku: str
    starts_on: date
    ends_on: date
    discount_bp: int

    def price(self, regular_cents: int) -> int:
        """Return the promoted price of a regular price, rounded half up to the cent."""
        return (regular_cents * (10_000 - self.discount_bp) + 5_000) // 10_000

    @property
    def demand_factor(self) -> float:
        """Demand multiplier while the promotion runs: 20 % off sells 1.6 times as much."""
        return 1.0 + 3.0 * self.discount_bp / 10_000


@dataclass(frozen=True)
class PriceBook:
    """Every price change and promotion, with the price a product sold at on a given day."""

    changes: tuple[PriceChange, ...]
    promotions: tuple[Promotion, ...]
    current_prices: dict[str, int]

    def regular_price(self, sku: str, day: date) -> int:
        """Return the shelf price of `sku` on `day`, before any promotion."""
        price = self.current_prices[sku]
        for change in reversed(self.changes):
            if change.sku == sku and change.changed_on > day:
                price = change.old_price_cents
        return price

    def promotion_on(self, sku: str, day: date) -> Promotion | None:
        """Return the promotion of `sku` running on `day`, if any."""
        for promotion in self.promotions:
            if promotion.sku == sku and promotion.starts_on <= day <= promotion.ends_on:
                return promotion
        return None

    def for_product(self, sku: str) -> PriceBook:
        """Return a price book restricted to one product, for fast daily look-ups."""
        return PriceBook(
            changes=tuple(change for change in self.changes if change.sku == sku),
            promotions=tuple(promotion for promotion in self.promotions if promotion.sku == sku),
            current_prices={sku: self.current_prices[sku]},
        )


def shelf_price(cents: int) -> int:
    """Round a computed price to one a shop would print: x.49, x.95, x.99 and the like.

    Prices under one euro round to the nearest 5 cents instead.
    """
    if cents < 100:
        return max(5, (cents + 2) // 5 * 5)
    euros = cents // 100
    candidates = [
        whole * 100 + ending
        for whole in (euros - 1, euros, euros + 1)
        for ending in _ENDINGS
        if whole * 100 + ending >= 100
    ]
    return min(candidates, key=lambda candidate: (abs(candidate - cents), candidate))


def plan_prices(
    products: Sequence[ProductSpec], *, first_day: date, today: date, seed: int
) -> PriceBook:
    """Draw the price changes and promotions of the simulated period from `seed`.

    Promotions run in the past, around `today` and in the days after it. Christmas
    sweets also get a clearance promotion after Epiphany, as Spanish shops do.
    """
    rng = random.Random(f"{seed}:pricing")
    last_day = today - timedelta(days=1)
    changes = _plan_changes(rng, products, first_day=first_day, last_day=last_day)
    promotions = _plan_promotions(rng, products, first_day=first_day, today=today)
    return PriceBook(
        changes=tuple(changes),
        promotions=tuple(promotions),
        current_prices={product.sku: product.price_cents for product in products},
    )


def _plan_changes(
    rng: random.Random, products: Sequence[ProductSpec], *, first_day: date, last_day: date
) -> list[PriceChange]:
    drafts: list[tuple[date, str, int, int, str]] = []
    span = (last_day - first_day).days
    for product in _choose(rng, products, _PRICE_CHANGE_PRODUCTS):
        count = 2 if rng.random() < 0.25 else 1
        # Days of the changes, the latest first, at least a month apart.
        days = sorted(
            (first_day + timedelta(days=30 + rng.randrange(span - 40)) for _ in range(count)),
            reverse=True,
        )
        if count == 2 and (days[0] - days[1]).days < 30:
            days = days[:1]

        new_price = product.price_cents
        for day in days:
            # Olive oil prices fell as harvests recovered, while most other costs rose.
            falling = product.category_id == "oils" and product.vat_bp == 400
            step = 0.05 + 0.08 * rng.random()
            factor = 1.0 - step if falling else 1.0 + step
            old_price = shelf_price(round(new_price / factor))
            if old_price == new_price:
                old_price = new_price + 10 if falling else new_price - 10
            reason = "supplier cost decrease" if falling else "supplier cost increase"
            if not falling and rng.random() < 0.15:
                reason = "matched a nearby competitor"
            drafts.append((day, product.sku, old_price, new_price, reason))
            new_price = old_price

    drafts.sort()
    return [
        PriceChange(number, sku, changed_on, old_price, new_price, reason)
        for number, (changed_on, sku, old_price, new_price, reason) in enumerate(drafts, start=1)
    ]


def _plan_promotions(
    rng: random.Random, products: Sequence[ProductSpec], *, first_day: date, today: date
) -> list[Promotion]:
    eligible = [
        product for product in products if product.price_cents >= _MIN_PROMOTED_PRICE_CENTS
    ]
    drafts: list[tuple[date, str, date, int]] = []

    def add(sku: str, starts_on: date, days: int, discount_bp: int) -> None:
        ends_on = starts_on + timedelta(days=days - 1)
        for other_start, other_sku, other_end, _ in drafts:
            if other_sku == sku and starts_on <= other_end and other_start <= ends_on:
                return
        drafts.append((starts_on, sku, ends_on, discount_bp))

    span = (today - first_day).days
    for product in _choose(rng, eligible, _PAST_PROMOTIONS):
        starts_on = first_day + timedelta(days=7 + rng.randrange(span - 21))
        add(product.sku, starts_on, rng.choice((7, 14)), rng.choice(_DISCOUNTS_BP))
    for product in _choose(rng, eligible, _CURRENT_PROMOTIONS):
        starts_on = today - timedelta(days=rng.randrange(7))
        add(product.sku, starts_on, 14, rng.choice(_DISCOUNTS_BP))
    for product in _choose(rng, eligible, _UPCOMING_PROMOTIONS):
        starts_on = today + timedelta(days=3 + rng.randrange(8))
        add(product.sku, starts_on, 7, rng.choice(_DISCOUNTS_BP))

    for year in range(first_day.year, today.year + 1):
        starts_on = date(year, 1, 7)
        if not first_day <= starts_on < today:
            continue
        for product in eligible:
            if product.season == "xmas" and product.category_id == "sweets":
                add(product.sku, starts_on, 14, _CLEARANCE_DISCOUNT_BP)

    drafts.sort()
    return [
        Promotion(number, sku, starts_on, ends_on, discount_bp)
        for number, (starts_on, sku, ends_on, discount_bp) in enumerate(drafts, start=1)
    ]


def _choose(rng: random.Random, items: Sequence[_T], count: int) -> list[_T]:
    """Pick `count` distinct items in a seeded order (a partial Fisher-Yates shuffle)."""
    pool = list(items)
    count = min(count, len(pool))
    for index in range(count):
        other = index + rng.randrange(len(pool) - index)
        pool[index], pool[other] = pool[other], pool[index]
    return pool[:count]
