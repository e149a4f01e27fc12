"""Exact money and quantities.

Money is integer cents and stock is integer thousandths of the product's unit, so
sums and comparisons are exact; binary floats never hold either.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["Money", "Quantity", "format_decimal", "parse_decimal"]

_CENT = Decimal("0.01")
_MILLI = Decimal("0.001")


def parse_decimal(text: str) -> Decimal:
    """Parse a plain decimal written with a point ("12.5") into a Decimal.

    Raises ValueError naming the text when it is not a finite number.
    """
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None

    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value


def format_decimal(value: Decimal, *, places: int, language: str) -> str:
    """Format a Decimal with a fixed number of places, a comma in Spanish and a point in English."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):f}"
    if language == "es":
        return text.replace(".", ",")
    return text


@dataclass(frozen=True, order=True)
class Money:
    """An amount of money in integer cents of one currency (the shop's, euros by default)."""

    cents: int

    @classmethod
    def from_decimal(cls, value: Decimal | str) -> Money:
        """Build from a decimal amount in currency units, rounding half up to the cent."""
        amount = parse_decimal(value) if isinstance(value, str) else value
        return cls(int(amount.quantize(_CENT, rounding=ROUND_HALF_UP) * 100))

    @property
    def amount(self) -> Decimal:
        """The amount in currency units, exact to the cent."""
        return Decimal(self.cents).scaleb(-2)

    def format(self, language: str) -> str:
        """Format as shop staff read it: "€12.50" in English, "12,50 €" in Spanish."""
        number = format_decimal(self.amount, places=2, language=language)
        if language == "es":
            return f"{number} €"
        return f"€{number}"


@dataclass(frozen=True, order=True)
class Quantity:
    """A stock or sales quantity in integer thousandths of the product's unit."""

    milli: int

    @classmethod
    def from_decimal(cls, value: Decimal | str | int) -> Quantity:
        """Build from a quantity in whole units, rounding half up to the thousandth."""
        amount = parse_decimal(value) if isinstance(value, str) else Decimal(value)
        return cls(int(amount.quantize(_MILLI, rounding=ROUND_HALF_UP) * 1000))

    @property
    def amount(self) -> Decimal:
        """The quantity in whole units, with trailing zeros removed (2.5, not 2.500)."""
        value = Decimal(self.milli).scaleb(-3)
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()

    def format(self, language: str) -> str:
        """Format without needless decimals: "12", "2.5" in English, "2,5" in Spanish."""
        text = f"{self.amount:f}"
        if language == "es":
            return text.replace(".", ",")
        return text
