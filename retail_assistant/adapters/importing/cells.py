"""Parsing the cells of an export: money, quantities, tax rates, yes/no flags and names.

Amounts go from the cell's text straight to Decimal, never through float, so "12.50"
becomes exactly 1250 cents. A cell that cannot be read raises RowRejected with a
reason that names the column and the value.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from retail_assistant.adapters.importing.records import RowRejected
from retail_assistant.core.money import parse_decimal

__all__ = ["normalised_id", "parse_cents", "parse_flag", "parse_milli", "percent_to_basis_points"]

MAX_AMOUNT = Decimal(10) ** 9
"""The largest price, cost or stock a row may carry (a billion units): anything above is a typo."""

_TRUE = frozenset({"y", "yes", "true", "1"})
_FALSE = frozenset({"n", "no", "false", "0"})


def parse_cents(text: str, *, column: str) -> int | None:
    """Parse an amount in currency units ("12.50") into integer cents; None for an empty cell.

    Raises RowRejected for text that is not a number, a negative amount or a fraction of a cent.
    """
    if not text:
        return None

    value = _parse_number(text, column=column, example="12.50")
    if value < 0:
        raise RowRejected(f"invalid {column} {text!r}: an amount cannot be negative")
    if value > MAX_AMOUNT:
        raise RowRejected(f"invalid {column} {text!r}: the amount is too large; check the cell")

    cents = value.scaleb(2)
    if cents != cents.to_integral_value():
        raise RowRejected(f"invalid {column} {text!r}: round the amount to whole cents")
    return int(cents)


def parse_milli(text: str, *, column: str) -> int | None:
    """Parse a stock quantity in whole units ("12", "2.5") into thousandths; None for an empty cell.

    Raises RowRejected for text that is not a number, a negative quantity or a
    fraction finer than a thousandth.
    """
    if not text:
        return None

    value = _parse_number(text, column=column, example="12")
    if value < 0:
        raise RowRejected(f"invalid {column} {text!r}: stock cannot be negative; count it and export again")
    if value > MAX_AMOUNT:
        raise RowRejected(f"invalid {column} {text!r}: the quantity is too large; check the cell")

    milli = value.scaleb(3)
    if milli != milli.to_integral_value():
        raise RowRejected(f"invalid {column} {text!r}: use at most three decimals")
    return int(milli)


def percent_to_basis_points(percent: Decimal) -> int:
    """Convert a tax rate in percent (21, 6.625) into basis points, rounding half up."""
    # NOTE: the products table stores whole basis points, so a rate such as 6.625 %
    # is stored as 663 (6.63 %), which is off by half a basis point.
    return int(percent.scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_flag(text: str, *, column: str) -> bool | None:
    """Parse a yes/no cell (Y, N, TRUE, FALSE, yes, no, 1, 0); None for an empty cell.

    Raises RowRejected for any other text.
    """
    if not text:
        return None

    folded = text.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise RowRejected(f"invalid {column} {text!r}: use Y or N (or TRUE or FALSE)")


def normalised_id(name: str) -> str:
    """Return a stable identifier for a category or supplier name: "Quesería La Antigua" -> "queseria-la-antigua"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    slug = re.sub(r"[^0-9a-z]+", "-", without_accents).strip("-")
    if slug:
        return slug

    # A name with no Latin letters or digits keeps its own letters.
    return "-".join(name.casefold().split())


def _parse_number(text: str, *, column: str, example: str) -> Decimal:
    try:
        return parse_decimal(text)
    except ValueError:
        raise RowRejected(
            f"invalid {column} {text!r}: write a plain number with a point, like {example}"
        ) from None
