"""Parsing the cells of a column: money, quantities, tax rates, yes/no flags and names.

Amounts go from the cell's text straight to Decimal, never through float, so "12,50 €"
becomes exactly 1250 cents. Each numeric column gets a NumberCells with the format
detected for it (see amounts.py). A cell that cannot be read raises RowRejected with
a reason that names the column and the value. A file repeats the same few prices
and quantities many times, so each distinct text is parsed once per column.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from retail_assistant.adapters.importing.amounts import NumberFormat, NumberSyntaxError, read_number, split_number
from retail_assistant.adapters.importing.records import RowRejected

__all__ = ["MAX_AMOUNT", "NumberCells", "normalised_id", "parse_flag", "percent_to_basis_points"]

MAX_AMOUNT = Decimal(10) ** 9
"""The largest price, cost or stock a row may carry (a billion units): anything above is a typo."""

_TRUE = frozenset({"y", "yes", "true", "1", "s", "si", "sí", "verdadero"})
_FALSE = frozenset({"n", "no", "false", "0", "falso"})
_PERCENT = re.compile(r"\s*%\s*$")


class NumberCells:
    """Reads the cells of one numeric column with the number format detected for it."""

    def __init__(
        self, label: str, number_format: NumberFormat, *, currency: str | None = None, currency_owner: str = ""
    ) -> None:
        """Read the cells of the column `label` written in `number_format`.

        Amounts in another currency than `currency` are rejected; `currency_owner` names
        whose currency it is in the message ("the shop's prices").
        """
        self.label = label
        self.number_format = number_format
        self._currency = currency
        self._currency_owner = currency_owner
        self._cache: dict[tuple[str, str, bool], int | str] = {}

    def cents(self, text: str, *, typed: bool = False) -> int | None:
        """Parse an amount of money ("12,50 €") into integer cents; None for an empty cell.

        Raises RowRejected for text that is not a number, a negative amount, another
        currency than the shop's, or a fraction of a cent.
        """
        return self._cached("cents", text, typed)

    def signed_cents(self, text: str, *, typed: bool = False) -> int | None:
        """Parse an amount of money that may be negative (a refund) into integer cents."""
        return self._cached("signed_cents", text, typed)

    def milli(self, text: str, *, typed: bool = False) -> int | None:
        """Parse a quantity in whole units ("12", "2,5", "-3") into thousandths; None for an empty cell.

        Negative quantities are returned as they are: Shopify and Square export negative
        stock for products sold beyond what was counted, and the callers flag it.
        """
        return self._cached("milli", text, typed)

    def basis_points(self, text: str, *, typed: bool = False) -> int | None:
        """Parse a tax rate in percent ("21", "10,5 %") into basis points; None for an empty cell."""
        return self._cached("basis_points", text, typed)

    def _cached(self, kind: str, text: str, typed: bool) -> int | None:
        text = text.strip()
        if not text:
            return None
        key = (kind, text, typed)
        found = self._cache.get(key)
        if found is None:
            try:
                found = self._convert(kind, text, typed)
            except RowRejected as rejection:
                found = str(rejection)
            self._cache[key] = found
        if isinstance(found, str):
            raise RowRejected(found)
        return found

    def _convert(self, kind: str, text: str, typed: bool) -> int:
        if kind == "basis_points":
            return self._percent(text, typed)

        money = kind in ("cents", "signed_cents")
        value = self._decimal(text, typed=typed, money=money)
        if kind == "cents" and value < 0:
            raise RowRejected(f"invalid {self.label} {text!r}: an amount cannot be negative")
        if abs(value) > MAX_AMOUNT:
            noun = "amount" if money else "quantity"
            raise RowRejected(f"invalid {self.label} {text!r}: the {noun} is too large; check the cell")

        if money:
            cents = value.scaleb(2)
            if cents != cents.to_integral_value():
                raise RowRejected(f"invalid {self.label} {text!r}: round the amount to whole cents")
            return int(cents)
        milli = value.scaleb(3)
        if milli != milli.to_integral_value():
            raise RowRejected(f"invalid {self.label} {text!r}: use at most three decimals")
        return int(milli)

    def _percent(self, text: str, typed: bool) -> int:
        value = self._decimal(_PERCENT.sub("", text), typed=typed, money=False, shown=text)
        if value < 0 or value > 100:
            raise RowRejected(f"invalid {self.label} {text!r}: a tax rate is between 0 and 100 %")
        if 0 < value < 1 and "%" not in text:
            raise RowRejected(
                f"invalid {self.label} {text!r}: this looks like a fraction; write the rate in percent, like 21"
            )
        return percent_to_basis_points(value)

    def _decimal(self, text: str, *, typed: bool, money: bool, shown: str | None = None) -> Decimal:
        shown = text if shown is None else shown
        try:
            number = split_number(text)
            if typed:
                value = read_number(number.body, ".")
            else:
                value = read_number(number.body, self.number_format.decimal_mark)
        except NumberSyntaxError as error:
            example = "12,50" if self.number_format.decimal_mark == "," else "12.50"
            reason = str(error)
            if reason == "it is not a number":
                reason += f"; write it like {example}"
            raise RowRejected(f"invalid {self.label} {shown!r}: {reason}") from None

        if number.currency is not None and not money:
            raise RowRejected(
                f"invalid {self.label} {shown!r}: a quantity has no currency; check the column mapping"
            )
        if number.currency is not None and self._currency and number.currency != self._currency:
            raise RowRejected(
                f"invalid {self.label} {shown!r}: the amount is in {number.currency} but "
                f"{self._currency_owner} are in {self._currency}; convert it, or remove the currency symbol"
            )
        return -value if number.negative else value


def percent_to_basis_points(percent: Decimal) -> int:
    """Convert a tax rate in percent (21, 6.625) into basis points, rounding half up."""
    # NOTE: the products table stores whole basis points, so a rate such as 6.625 %
    # is stored as 663 (6.63 %), which is off by half a basis point.
    return int(percent.scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_flag(text: str, *, column: str) -> bool | None:
    """Parse a yes/no cell (Y, N, TRUE, FALSE, yes, no, sí, 1, 0); None for an empty cell.

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
