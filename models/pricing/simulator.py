"""A market simulator for small shops, with known demand curves.

Each simulated shop has a type (grocery, bakery, bookshop, hardware store, parapharmacy,
boutique), a weekday profile, closed days, a month-by-month traffic level with daily
noise, and products. Each product has a true demand curve:

    mean units on day d = base * season(d) * weekday(d) * traffic(d)
                          * exp(-b * (effective price / anchor price - 1))
                          * (1 + 0.8 * discount while promoted)
                          * freshness(days to expiry of the oldest stock)

where `b` is the product's price sensitivity (its category's, varied by about 15 %),
the anchor price is what customers expect, and the effective price is the shelf price
less any promotion. Units asked for are a gamma-Poisson draw around that mean, so slow
movers have many days without a sale and some products sell in lumps. Products run out
of stock now and then (a day with no sales, recorded as a stock-out, as the shop
database does). Shelf prices change a few times a year and promotions run for one or
two weeks.

Only numpy's seeded generator draws numbers, so a seed gives the same shop on every
platform with the same numpy version. Training and evaluation use disjoint seeds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

__all__ = ["CATEGORY_SPECS", "SHOP_TYPES", "SimProduct", "SimShop", "simulate_shop"]


@dataclass(frozen=True)
class CategorySpec:
    """Parameters from which a category's products are drawn."""

    elasticity: float
    """Typical `b`: the relative change of demand per relative change of price at the anchor price."""
    price_range: tuple[float, float]
    """Anchor shelf prices in euros, VAT included, drawn log-uniformly."""
    demand_median: float
    """Median base units per open day; products vary about 2.7-fold either way."""
    vat_percent: float
    margin: float
    """Typical share of the price without VAT above cost at the anchor price."""
    shelf_life: tuple[int, int] | None = None
    """Range of shelf lives in days for perishable categories."""
    seasons: tuple[tuple[str, float], ...] = (("flat", 1.0),)


CATEGORY_SPECS: dict[str, CategorySpec] = {
    "fruit": CategorySpec(2.8, (1.5, 6.0), 2.5, 4, 0.30, (4, 12), (("flat", 0.4), ("summer", 0.25), ("winter", 0.15), ("spring", 0.1), ("autumn", 0.1))),
    "vegetables": CategorySpec(2.6, (1.0, 5.0), 2.5, 4, 0.30, (4, 14), (("flat", 0.6), ("summer", 0.25), ("winter", 0.15))),
    "bakery": CategorySpec(1.8, (0.8, 4.5), 5.0, 4, 0.45, (1, 4), (("flat", 0.9), ("xmas", 0.1))),
    "dairy": CategorySpec(2.0, (0.9, 4.0), 3.5, 10, 0.22, (7, 25)),
    "cheese": CategorySpec(2.4, (3.0, 20.0), 1.0, 4, 0.38, (20, 90), (("flat", 0.85), ("xmas", 0.15))),
    "charcuterie": CategorySpec(2.6, (3.0, 25.0), 0.8, 10, 0.36, (15, 120), (("flat", 0.85), ("xmas", 0.15))),
    "canned-fish": CategorySpec(2.5, (2.0, 12.0), 0.7, 10, 0.38),
    "preserves": CategorySpec(2.3, (1.5, 6.0), 0.6, 10, 0.35, None, (("flat", 0.8), ("summer", 0.2))),
    "oils": CategorySpec(3.2, (3.0, 15.0), 0.7, 4, 0.22),
    "pantry": CategorySpec(2.2, (1.0, 4.0), 1.2, 4, 0.30, None, (("flat", 0.8), ("winter", 0.2))),
    "seasonings": CategorySpec(1.5, (1.0, 5.0), 0.4, 10, 0.40),
    "honey": CategorySpec(2.2, (3.0, 9.0), 0.4, 10, 0.38, None, (("flat", 0.8), ("winter", 0.2))),
    "sweets": CategorySpec(2.6, (2.0, 15.0), 0.5, 10, 0.40, None, (("flat", 0.6), ("xmas", 0.4))),
    "breakfast": CategorySpec(2.4, (1.5, 8.0), 1.0, 10, 0.32),
    "snacks": CategorySpec(2.7, (1.5, 6.0), 0.9, 10, 0.38, None, (("flat", 0.7), ("summer", 0.2), ("xmas", 0.1))),
    "wine": CategorySpec(2.6, (4.0, 25.0), 0.6, 21, 0.35, None, (("flat", 0.7), ("xmas", 0.3))),
    "beer-spirits": CategorySpec(2.9, (1.0, 30.0), 0.8, 21, 0.33, None, (("flat", 0.5), ("summer", 0.3), ("xmas", 0.2))),
    "soft-drinks": CategorySpec(3.0, (0.5, 3.0), 3.0, 10, 0.33, None, (("flat", 0.5), ("summer", 0.5))),
    "cleaning": CategorySpec(1.9, (1.5, 8.0), 0.5, 21, 0.38),
    "household": CategorySpec(1.8, (1.5, 10.0), 0.4, 21, 0.40),
    "books": CategorySpec(1.4, (8.0, 30.0), 0.3, 4, 0.30, None, (("flat", 0.7), ("xmas", 0.2), ("school", 0.1))),
    "stationery": CategorySpec(1.7, (0.8, 10.0), 0.6, 21, 0.45, None, (("flat", 0.6), ("school", 0.4))),
    "hardware": CategorySpec(1.6, (2.0, 40.0), 0.3, 21, 0.42, None, (("flat", 0.8), ("spring", 0.2))),
    "parapharmacy": CategorySpec(1.9, (4.0, 25.0), 0.4, 21, 0.35, None, (("flat", 0.7), ("summer", 0.2), ("winter", 0.1))),
    "clothing": CategorySpec(2.1, (15.0, 80.0), 0.2, 21, 0.55, None, (("flat", 0.4), ("summer", 0.3), ("winter", 0.3))),
    "accessories": CategorySpec(2.0, (8.0, 50.0), 0.15, 21, 0.55, None, (("flat", 0.7), ("xmas", 0.3))),
    "other": CategorySpec(2.2, (1.0, 30.0), 0.5, 21, 0.35),
}

_GROCERY = tuple(key for key in CATEGORY_SPECS if key not in {"books", "stationery", "hardware", "parapharmacy", "clothing", "accessories", "other"})

SHOP_TYPES: dict[str, tuple[float, tuple[str, ...]]] = {
    "grocery": (0.5, _GROCERY),
    "bakery": (0.1, ("bakery", "dairy", "sweets", "breakfast", "soft-drinks", "snacks")),
    "bookshop": (0.1, ("books", "stationery", "sweets")),
    "hardware": (0.1, ("hardware", "cleaning", "household")),
    "parapharmacy": (0.1, ("parapharmacy", "household", "cleaning")),
    "boutique": (0.1, ("clothing", "accessories")),
}
"""Shop types: the share of simulated shops of each type and the categories they sell."""

_WEEKDAY_BASE = (0.85, 0.80, 0.90, 1.00, 1.25, 1.55, 0.65)
_OTHER_SHARE = 0.05
_SIGNAGE_LIFT = 0.8


@dataclass(frozen=True)
class SimProduct:
    """A simulated product with its true demand parameters."""

    sku: str
    category: str
    anchor_price_cents: float
    cost_cents: int
    vat_percent: float
    elasticity: float
    base_demand: float
    dispersion: float
    """Gamma shape of the day-to-day demand noise: small values give lumpy sales."""
    season: str
    season_strength: float
    shelf_life: int | None
    delivery_cycle: int
    delivery_phase: int


@dataclass
class SimShop:
    """A simulated shop: its days, its products and their daily prices, stock-outs and sales.

    Day arrays have one column per day from `first_day`, covering the history and
    `future_days` after it. Sales of the future days are drawn but never shown to the model.
    """

    seed: int
    shop_type: str
    first_day: date
    history_days: int
    future_days: int
    weekday_factors: np.ndarray
    open_days: np.ndarray
    traffic: np.ndarray
    products: list[SimProduct]
    regular_price: np.ndarray
    discount: np.ndarray
    stockout: np.ndarray
    days_to_expiry: np.ndarray
    """Days until the oldest stock expires (0 on its last day); -1 for non-perishables."""
    units: np.ndarray
    """Units sold: the demand drawn, or 0 on stock-out days."""

    @property
    def total_days(self) -> int:
        """Days simulated: history and future."""
        return self.history_days + self.future_days

    def mean_demand(self, product: int, days: np.ndarray, price_cents: float | np.ndarray, discount: np.ndarray | float = 0.0,
                    days_to_expiry: np.ndarray | None = None) -> np.ndarray:
        """Return the true expected units of `product` on `days` at a shelf price and discount."""
        spec = self.products[product]
        expiry = self.days_to_expiry[product, days] if days_to_expiry is None else days_to_expiry
        level = (
            spec.base_demand
            * _season_factor(spec.season, spec.season_strength, self.first_day, days)
            * self.weekday_factors[_weekdays(self.first_day, days)]
            * self.open_days[days]
            * self.traffic[days]
            * _freshness(spec.shelf_life, expiry)
        )
        return level * _price_effect(spec, price_cents, discount)


def simulate_shop(seed: int, *, history_days: int, future_days: int = 14, products: int = 150,
                  first_day: date = date(2023, 1, 2)) -> SimShop:
    """Simulate one shop from `seed`: its catalogue and `history_days + future_days` days."""
    rng = np.random.default_rng(seed)
    shop_type = _choose_shop_type(rng)
    total = history_days + future_days
    days = np.arange(total)

    weekday_factors = np.array(_WEEKDAY_BASE) * np.exp(rng.normal(0.0, 0.08, 7))
    if rng.random() < 0.7:
        weekday_factors[6] = 0.0  # closed on Sundays
    open_days = _open_days(rng, first_day, total, weekday_factors)
    traffic = _traffic(rng, first_day, total)

    catalogue = [_draw_product(rng, shop_type, number) for number in range(products)]
    shop = SimShop(
        seed=seed,
        shop_type=shop_type,
        first_day=first_day,
        history_days=history_days,
        future_days=future_days,
        weekday_factors=weekday_factors,
        open_days=open_days,
        traffic=traffic,
        products=catalogue,
        regular_price=np.zeros((products, total)),
        discount=np.zeros((products, total)),
        stockout=np.zeros((products, total), dtype=bool),
        days_to_expiry=np.full((products, total), -1, dtype=np.int64),
        units=np.zeros((products, total)),
    )
    for number, product in enumerate(catalogue):
        shop.regular_price[number] = _price_path(rng, product, history_days, total)
        shop.discount[number] = _promotions(rng, history_days, total)
        shop.stockout[number] = _stockouts(rng, total) & open_days.astype(bool)
        if product.shelf_life is not None:
            shop.days_to_expiry[number] = product.shelf_life - 1 - (days + product.delivery_phase) % product.delivery_cycle
        mean = shop.mean_demand(number, days, shop.regular_price[number], shop.discount[number])
        drawn = _draw_units(rng, mean, product.dispersion)
        shop.units[number] = np.where(shop.stockout[number], 0.0, drawn)
    return shop


def _draw_units(rng: np.random.Generator, mean: np.ndarray, dispersion: float) -> np.ndarray:
    noise = rng.gamma(dispersion, 1.0 / dispersion, size=np.shape(mean))
    return rng.poisson(np.asarray(mean) * noise).astype(float)


def _choose_shop_type(rng: np.random.Generator) -> str:
    names = list(SHOP_TYPES)
    weights = np.array([SHOP_TYPES[name][0] for name in names])
    return names[rng.choice(len(names), p=weights / weights.sum())]


def _draw_product(rng: np.random.Generator, shop_type: str, number: int) -> SimProduct:
    categories = SHOP_TYPES[shop_type][1]
    category = "other" if rng.random() < _OTHER_SHARE else categories[rng.integers(len(categories))]
    spec = CATEGORY_SPECS[category]

    low, high = spec.price_range
    anchor = 100.0 * math.exp(rng.uniform(math.log(low), math.log(high)))
    elasticity = spec.elasticity * math.exp(rng.normal(0.0, 0.15))
    if category == "other":
        elasticity = rng.uniform(1.4, 3.2)
    margin = min(0.7, max(0.08, spec.margin + rng.uniform(-0.05, 0.05)))
    cost = round(anchor / (1 + spec.vat_percent / 100) * (1 - margin))

    names = [name for name, _ in spec.seasons]
    weights = np.array([weight for _, weight in spec.seasons])
    season = names[rng.choice(len(names), p=weights / weights.sum())]

    shelf_life = None
    cycle = phase = 1
    if spec.shelf_life is not None:
        shelf_life = int(rng.integers(spec.shelf_life[0], spec.shelf_life[1] + 1))
        cycle = int(rng.integers(max(1, shelf_life - 3), shelf_life + 1))
        phase = int(rng.integers(cycle))
    return SimProduct(
        sku=f"SIM-{number:04d}",
        category=category,
        anchor_price_cents=anchor,
        cost_cents=max(1, cost),
        vat_percent=spec.vat_percent,
        elasticity=elasticity,
        base_demand=float(min(60.0, max(0.01, spec.demand_median * math.exp(rng.normal(0.0, 1.0))))),
        dispersion=float(rng.uniform(0.6, 5.0)),
        season=season,
        season_strength=float(rng.uniform(0.7, 1.3)),
        shelf_life=shelf_life,
        delivery_cycle=cycle,
        delivery_phase=phase,
    )


def _price_path(rng: np.random.Generator, product: SimProduct, history_days: int, total: int) -> np.ndarray:
    """Draw the regular shelf price of each day: today's habit price, and changes drawn backwards."""
    current = _shelf_cents(product.anchor_price_cents * math.exp(rng.normal(0.0, 0.12)))
    path = np.full(total, float(current))
    price = current
    for day in sorted(rng.integers(30, history_days, size=rng.poisson(1.5)), reverse=True):
        step = float(np.clip(rng.normal(0.0, 0.12), -0.3, 0.3))
        price = _shelf_cents(price / math.exp(step))
        path[:day] = price
    return path


def _shelf_cents(cents: float) -> float:
    return max(5.0, round(cents / 5.0) * 5.0)


def _promotions(rng: np.random.Generator, history_days: int, total: int) -> np.ndarray:
    discount = np.zeros(total)
    for _ in range(rng.poisson(0.8)):
        start = int(rng.integers(0, max(1, history_days - 7)))
        discount[start : start + int(rng.choice((7, 14)))] = rng.choice((0.1, 0.15, 0.2, 0.25, 0.3, 0.4))
    if rng.random() < 0.05:
        start = history_days + int(rng.integers(0, 7))
        discount[start : start + 7] = rng.choice((0.1, 0.2, 0.3))
    return discount


def _stockouts(rng: np.random.Generator, total: int) -> np.ndarray:
    enter = rng.uniform(0.002, 0.02)
    leave = rng.uniform(0.3, 0.7)
    flags = np.zeros(total, dtype=bool)
    out = False
    draws = rng.random(total)
    for day in range(total):
        out = draws[day] < (1 - leave) if out else draws[day] < enter
        flags[day] = out
    return flags


def _open_days(rng: np.random.Generator, first_day: date, total: int, weekday_factors: np.ndarray) -> np.ndarray:
    holidays = {(int(month), int(day)) for month, day in zip(rng.integers(1, 13, 9), rng.integers(1, 29, 9))}
    holidays |= {(1, 1), (12, 25)}
    flags = np.ones(total)
    for index in range(total):
        day = first_day + timedelta(days=index)
        if weekday_factors[day.weekday()] <= 0 or (day.month, day.day) in holidays:
            flags[index] = 0.0
    return flags


def _traffic(rng: np.random.Generator, first_day: date, total: int) -> np.ndarray:
    months = np.exp(rng.normal(0.0, 0.06, 12))
    months[11] *= 1.1
    trend = math.exp(rng.normal(0.0, 0.1))
    month_index = np.array([(first_day + timedelta(days=int(index))).month - 1 for index in range(total)])
    slope = np.linspace(0.0, math.log(trend), total)
    return months[month_index] * np.exp(slope + rng.normal(0.0, 0.08, total))


def _weekdays(first_day: date, days: np.ndarray) -> np.ndarray:
    return (first_day.weekday() + np.asarray(days)) % 7


def _season_factor(season: str, strength: float, first_day: date, days: np.ndarray) -> np.ndarray:
    ordinal = first_day.toordinal() + np.asarray(days)
    day_of_year = (ordinal - date(first_day.year, 1, 1).toordinal()) % 365.25

    def peak(centre: float) -> np.ndarray:
        return (1.0 + np.cos(2.0 * np.pi * (day_of_year - centre) / 365.25)) / 2.0

    if season == "flat":
        return np.ones(np.shape(day_of_year))
    if season == "summer":
        return 1.0 + strength * (1.2 * peak(200) - 0.6)
    if season == "winter":
        return 1.0 + strength * (1.0 * peak(15) - 0.5)
    if season == "spring":
        return 0.4 + strength * 1.6 * peak(125) ** 4
    if season == "autumn":
        return 0.4 + strength * 1.6 * peak(300) ** 4
    if season == "school":
        return 0.7 + strength * 2.0 * peak(250) ** 12
    # "xmas": a peak from late November to Epiphany, low the rest of the year.
    christmas = np.where((day_of_year >= 320) | (day_of_year < 6), 1.0, 0.0)
    build_up = np.clip((day_of_year - 320) / 30.0, 0.0, 1.0)
    return 0.4 + strength * christmas * (1.0 + 4.0 * np.where(day_of_year >= 320, build_up, 0.6))


def _freshness(shelf_life: int | None, days_to_expiry: np.ndarray) -> np.ndarray:
    """Return the demand factor of stock near its expiry: customers pass over it on its last days."""
    expiry = np.asarray(days_to_expiry)
    if shelf_life is None or shelf_life < 4:
        return np.ones(np.shape(expiry))
    return np.where(expiry == 0, 0.8, np.where(expiry == 1, 0.9, 1.0))


def _price_effect(spec: SimProduct, price_cents: float | np.ndarray, discount: np.ndarray | float) -> np.ndarray:
    effective = np.asarray(price_cents) * (1.0 - np.asarray(discount))
    ratio = np.maximum(effective / spec.anchor_price_cents, 0.3)
    return np.exp(-spec.elasticity * (ratio - 1.0)) * (1.0 + _SIGNAGE_LIFT * np.asarray(discount))
