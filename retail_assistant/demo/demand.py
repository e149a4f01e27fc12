"""The demo shop's calendar and demand curves: opening days, weekday and seasonal factors.

The expected quantity of a product sold on a day is its base demand times the
weekday factor, its seasonal factor, the shop's month factor and a shop-wide noise
factor for that day. The quantity customers ask for is a Poisson draw around it, so
slow movers have many days without a sale.

Only `random.Random` draws are used, so the same seed gives the same demand on every
platform.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, timedelta

__all__ = [
    "SEASONS",
    "daily_traffic",
    "is_open",
    "next_open_day",
    "poisson",
    "season_factor",
    "weekday_factor",
]

# Monday to Sunday. Sunday is 0 because the shop is closed then, except in December
# (see `is_open`).
_WEEKDAY_FACTORS = (0.85, 0.80, 0.90, 1.00, 1.25, 1.55, 0.0)
_DECEMBER_SUNDAY_FACTOR = 0.7

# Spanish national holidays on fixed dates. Easter and regional holidays move or
# vary by region, so the demo shop ignores them.
_HOLIDAYS = frozenset({(1, 1), (1, 6), (5, 1), (8, 15), (10, 12), (11, 1), (12, 6), (12, 8),
                       (12, 25)})

# Whole-shop month factors: quieter in August, when many customers are away, and
# busier in December.
_MONTH_FACTORS = (0.95, 0.95, 1.0, 1.0, 1.0, 1.0, 0.95, 0.8, 1.0, 1.0, 1.0, 1.15)


def is_open(day: date) -> bool:
    """Return whether the shop opens on `day`: Monday to Saturday, and December Sundays
    before Christmas, except on national holidays."""
    if (day.month, day.day) in _HOLIDAYS:
        return False
    if day.weekday() != 6:
        return True
    return day.month == 12 and day.day < 25


def next_open_day(day: date) -> date:
    """Return `day` itself when the shop opens then, else the next day it opens."""
    while not is_open(day):
        day += timedelta(days=1)
    return day


def weekday_factor(day: date) -> float:
    """Return the demand factor of the day of the week, with Saturday the busiest."""
    if day.weekday() == 6:
        return _DECEMBER_SUNDAY_FACTOR if is_open(day) else 0.0
    return _WEEKDAY_FACTORS[day.weekday()]


def _peak(day: date, peak_day_of_year: int) -> float:
    """Return a smooth bump that is 1.0 on `peak_day_of_year` and 0.0 half a year away."""
    offset = day.timetuple().tm_yday - peak_day_of_year
    return (1.0 + math.cos(2.0 * math.pi * offset / 365.25)) / 2.0


def _flat(day: date) -> float:
    return 1.0


def _summer(day: date) -> float:
    # Gazpacho ingredients, melons, cold drinks: peak in late July.
    return 0.45 + 1.1 * _peak(day, 205)


def _winter(day: date) -> float:
    # Citrus, pulses for stews, stock: peak in mid-January.
    return 0.5 + 0.9 * _peak(day, 15)


def _spring(day: date) -> float:
    # Strawberries, cherries, asparagus: a narrow peak in early May.
    return 0.2 + 1.8 * _peak(day, 125) ** 4


def _autumn(day: date) -> float:
    # Chestnuts, persimmons, grapes: a narrow peak in late October.
    return 0.2 + 1.8 * _peak(day, 300) ** 4


def _christmas(day: date) -> float:
    # Turrón, cava, whole hams, Roscón de Reyes: the season runs from mid-November
    # to Epiphany on 6 January, and peaks in the week before Christmas.
    month, day_of_month = day.month, day.day
    if month == 12 and day_of_month <= 14:
        return 4.0
    if month == 12 and day_of_month <= 24:
        return 8.0
    if month == 12:
        return 4.0
    if month == 1 and day_of_month <= 6:
        return 3.0
    if month == 11 and day_of_month >= 15:
        return 1.5
    return 0.12


SEASONS: dict[str, Callable[[date], float]] = {
    "flat": _flat,
    "summer": _summer,
    "winter": _winter,
    "spring": _spring,
    "autumn": _autumn,
    "xmas": _christmas,
}
"""Seasonal profiles by name: each maps a day to a demand factor around 1.0."""


def season_factor(season: str, day: date) -> float:
    """Return the demand factor of the seasonal profile `season` on `day`."""
    return SEASONS[season](day)


def daily_traffic(first_day: date, last_day: date, *, seed: int) -> dict[date, float]:
    """Draw the whole-shop demand factor of each day: month factor times noise.

    The noise (about ±8 %) stands for weather, local events and chance, and is shared by
    every product on that day. Closed days get 0.0.
    """
    rng = random.Random(f"{seed}:traffic")
    traffic: dict[date, float] = {}
    day = first_day
    while day <= last_day:
        noise = math.exp(rng.gauss(0.0, 0.08))
        traffic[day] = _MONTH_FACTORS[day.month - 1] * noise if is_open(day) else 0.0
        day += timedelta(days=1)
    return traffic


def poisson(rng: random.Random, mean: float) -> int:
    """Draw a Poisson-distributed count with the given mean.

    The standard library has no Poisson sampler. Knuth's product method is exact and
    fast for the small means of one product's daily sales. Above a mean of 30 a rounded
    normal draw replaces it, because there the two distributions nearly coincide.
    """
    if mean <= 0.0:
        return 0
    if mean > 30.0:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))

    limit = math.exp(-mean)
    count = 0
    product = rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
