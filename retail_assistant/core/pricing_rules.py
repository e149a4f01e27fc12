"""The shop's pricing rules and the candidate prices they allow.

Shelf prices are stored with VAT, as on the label, and costs without VAT, as on a
supplier's invoice, so every margin is computed on the price without VAT. When the
rules conflict, they rank as follows:

1. never below cost, except to clear stock that expires within the horizon;
2. the maximum change per step;
3. the minimum margin;
4. the price endings.

So a product whose current price is below the minimum margin moves up by the maximum
change, and reaches the margin over several steps. A product priced below cost is the
one case that may move by more than the maximum change, straight up to cost.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from retail_assistant.core.errors import InputError

__all__ = [
    "ENDING_NAMES",
    "PriceBounds",
    "PricingRules",
    "candidate_prices",
    "price_bounds",
    "shown_price_cents",
]

ENDING_NAMES = {".99": 99, ".95": 95, ".49": 49}
"""Price endings a shop may choose, by how they are written in the settings."""

_MAX_HORIZON_DAYS = 14
"""Maximum horizon in days, because the model was trained on horizons of 1 to 14 days."""


@dataclass(frozen=True)
class PricingRules:
    """The shop's pricing rules. Invalid values raise InputError naming the field."""

    min_margin: Decimal = Decimal("0.10")
    """Share of the price without VAT that must stay above cost (0.10 is 10 %)."""
    max_change: Decimal = Decimal("0.15")
    """Largest change of the shelf price in one step, as a share of the current price."""
    endings: tuple[int, ...] = (49, 95, 99)
    """Cent endings the shown price may have (99 is x.99); empty for any cent."""
    display_with_vat: bool = True
    """Whether the shop shows prices with VAT; the endings apply to the shown price."""
    horizon_days: int = 7
    """Days over which expected profit is compared."""
    candidates: int = 21
    """Candidate prices tried per product."""
    allow_clearance: bool = True
    """Whether stock expiring within the horizon may be priced below cost and below the minimum margin."""

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.min_margin < Decimal("0.9"):
            raise InputError(f"invalid min_margin {self.min_margin}; use a share from 0 to 0.9, such as 0.10 for 10 %")
        if not Decimal(0) < self.max_change <= Decimal("0.5"):
            raise InputError(f"invalid max_change {self.max_change}; use a share above 0 and up to 0.5, such as 0.15")
        if any(not 0 <= ending <= 99 for ending in self.endings) or len(set(self.endings)) != len(self.endings):
            raise InputError(f"invalid endings {self.endings}; use distinct cent values from 0 to 99, such as (95, 99)")
        if not 1 <= self.horizon_days <= _MAX_HORIZON_DAYS:
            raise InputError(f"invalid horizon_days {self.horizon_days}; use 1 to {_MAX_HORIZON_DAYS} days")
        if not 3 <= self.candidates <= 101:
            raise InputError(f"invalid candidates {self.candidates}; use 3 to 101 prices per product")

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> PricingRules:
        """Build rules from settings values: shares as numbers or decimal text, endings as
        a list or comma-separated text of ".99", ".95", ".49" (or "none").

        Unknown keys raise InputError, so a typo in the settings file is not ignored.
        """
        known = {"min_margin", "max_change", "endings", "display_with_vat", "horizon_days", "candidates", "allow_clearance"}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(f"unknown pricing setting {unknown[0]!r}; use one of {', '.join(sorted(known))}")

        changes: dict[str, object] = {}
        for key in ("min_margin", "max_change"):
            if key in values:
                changes[key] = _share(key, values[key])
        if "endings" in values:
            changes["endings"] = _endings(values["endings"])
        for key in ("display_with_vat", "allow_clearance"):
            if key in values:
                changes[key] = _flag(key, values[key])
        for key in ("horizon_days", "candidates"):
            if key in values:
                changes[key] = _whole(key, values[key])
        return cls(**changes)  # type: ignore[arg-type]

    def to_mapping(self) -> dict[str, object]:
        """Return the rules as settings values that `from_mapping` reads back."""
        names = {cents: name for name, cents in ENDING_NAMES.items()}
        return {
            "min_margin": str(self.min_margin),
            "max_change": str(self.max_change),
            "endings": [names.get(cents, f".{cents:02d}") for cents in self.endings] or ["none"],
            "display_with_vat": self.display_with_vat,
            "horizon_days": self.horizon_days,
            "candidates": self.candidates,
            "allow_clearance": self.allow_clearance,
        }


@dataclass(frozen=True)
class PriceBounds:
    """The shelf prices (with VAT, in cents) the rules allow for one product in this step."""

    low: int
    high: int
    cost_floor: int
    """Lowest shelf price that does not sell below cost."""
    margin_floor: int
    """Lowest shelf price that keeps the minimum margin."""
    below_margin: bool
    """The current price is below the minimum margin, so prices under `margin_floor` are allowed only up to the maximum change."""
    exceeds_max_change: bool
    """The current price is below cost and the bounds go past the maximum change to reach cost."""


def price_bounds(current_cents: int, cost_cents: int, vat_rate: Decimal, rules: PricingRules, *, clearance: bool) -> PriceBounds:
    """Return the range of shelf prices the rules allow for a product this step."""
    current = Decimal(current_cents)
    gross_cost = Decimal(cost_cents) * (1 + vat_rate / 100)
    cost_floor = int(gross_cost.to_integral_value(ROUND_CEILING))
    margin_floor = int((gross_cost / (1 - rules.min_margin)).to_integral_value(ROUND_CEILING))
    change_low = int((current * (1 - rules.max_change)).to_integral_value(ROUND_CEILING))
    change_high = int((current * (1 + rules.max_change)).to_integral_value(ROUND_FLOOR))
    change_low = max(change_low, 1)

    if clearance and rules.allow_clearance:
        return PriceBounds(change_low, max(change_high, change_low), cost_floor, margin_floor, False, False)

    if change_high < cost_floor:
        return PriceBounds(cost_floor, cost_floor, cost_floor, margin_floor, True, True)
    if change_high < margin_floor:
        return PriceBounds(change_high, change_high, cost_floor, margin_floor, True, False)
    return PriceBounds(max(change_low, margin_floor), change_high, cost_floor, margin_floor, False, False)


def shown_price_cents(shelf_cents: int, vat_rate: Decimal, *, with_vat: bool) -> int:
    """Return the price the shop shows for a shelf price: itself, or without VAT rounded to the cent."""
    if with_vat:
        return shelf_cents
    return int((Decimal(shelf_cents) / (1 + vat_rate / 100)).to_integral_value(ROUND_HALF_UP))


def candidate_prices(current_cents: int, bounds: PriceBounds, vat_rate: Decimal, rules: PricingRules) -> tuple[int, ...]:
    """Return exactly `rules.candidates` shelf prices within `bounds`, ascending, repeating the last if fewer exist.

    The candidates are the prices with an allowed ending (spread evenly when there are
    too many) and the current price whenever it is within bounds, so keeping it is always
    an option. When no price with an allowed ending fits the bounds, evenly spaced cent
    prices are used instead.
    """
    prices = _prices_with_endings(bounds, vat_rate, rules)
    if not prices:
        prices = _evenly_spaced(bounds.low, bounds.high, rules.candidates)
    keep = bounds.low <= current_cents <= bounds.high
    room = rules.candidates - (1 if keep else 0)
    if len(prices) > room:
        prices = [prices[round(i * (len(prices) - 1) / (room - 1))] for i in range(room)] if room > 1 else [prices[0]]
    chosen = sorted(set(prices) | ({current_cents} if keep else set()))
    chosen += [chosen[-1]] * (rules.candidates - len(chosen))
    return tuple(chosen)


def _prices_with_endings(bounds: PriceBounds, vat_rate: Decimal, rules: PricingRules) -> list[int]:
    if not rules.endings:
        return []
    divisor = Decimal(1) if rules.display_with_vat else 1 + vat_rate / 100
    low_shown = math.floor(Decimal(bounds.low) / divisor)
    high_shown = math.ceil(Decimal(bounds.high) / divisor)

    prices = []
    for euros in range(low_shown // 100, high_shown // 100 + 1):
        for ending in sorted(rules.endings):
            shown = euros * 100 + ending
            if shown <= 0:
                continue
            shelf = int((Decimal(shown) * divisor).to_integral_value(ROUND_HALF_UP))
            if bounds.low <= shelf <= bounds.high:
                prices.append(shelf)
    return sorted(set(prices))


def _evenly_spaced(low: int, high: int, count: int) -> list[int]:
    if high <= low:
        return [low]
    return sorted({round(low + i * (high - low) / (count - 1)) for i in range(count)})


def _share(key: str, value: object) -> Decimal:
    try:
        share = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(f"invalid {key} {value!r} in the pricing settings; use a share such as 0.10 for 10 %") from None
    if not share.is_finite():
        raise InputError(f"invalid {key} {value!r} in the pricing settings; use a share such as 0.10 for 10 %")
    return share


def _endings(value: object) -> tuple[int, ...]:
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise InputError(f"invalid endings {value!r} in the pricing settings; use a list such as [\".99\", \".95\"]")
    endings = []
    for item in items:
        text = str(item).strip().lower()
        if text in ("", "none"):
            continue
        if text.startswith("0."):
            text = text[1:]
        if text not in ENDING_NAMES:
            raise InputError(f"invalid price ending {item!r} in the pricing settings; use {', '.join(ENDING_NAMES)} or none")
        endings.append(ENDING_NAMES[text])
    return tuple(endings)


def _flag(key: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise InputError(f"invalid {key} {value!r} in the pricing settings; use true or false")


def _whole(key: str, value: object) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise InputError(f"invalid {key} {value!r} in the pricing settings; use a whole number") from None
