"""Reading the dates of a column: ISO 8601, day first as in Spain, or month first as in the US.

"2024-03-14" (ISO, optionally with a time and an offset, as Shopify writes
"2024-03-14 18:22:05 +0100") is unambiguous. "14/03/2024" can only be day first and
"03/14/2024" only month first, but "03/04/2024" can be either. So the order is
decided per column: a cell whose first number is above 12 shows day first, one
whose second number is above 12 shows month first. A column whose cells show
neither is flagged and its ambiguous cells rejected, unless the user states the
order. A time after the date is accepted and dropped, because sales are stored by day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["DAY_FIRST", "ISO", "MONTH_FIRST", "DateEvidence", "DateFormat", "DateSyntaxError", "read_date"]

ISO = "iso"
DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"

_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:[AaPp][Mm]))?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC))?)?"
_ISO_DATE = re.compile(rf"^\s*(?P<year>\d{{4}})[-/](?P<month>\d{{1,2}})[-/](?P<day>\d{{1,2}}){_TIME}\s*$")
_NUMERIC_DATE = re.compile(rf"^\s*(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}}){_TIME}\s*$")


class DateSyntaxError(ValueError):
    """Raised when a cell is not a date in the column's order; the message is the reason."""


@dataclass(frozen=True)
class DateFormat:
    """The order of day and month in one column's dates."""

    order: str | None = None
    """DAY_FIRST, MONTH_FIRST, ISO, or None when the column does not show it."""

    source: str = ""
    """'column', 'option', or '' when undecided."""

    problem: str = ""

    def describe(self) -> str:
        """Describe the order in a few words: 'day first (31/12/2024)'."""
        return {
            ISO: "ISO dates (2024-12-31)",
            DAY_FIRST: "day first (31/12/2024)",
            MONTH_FIRST: "month first (12/31/2024)",
        }.get(self.order or "", "")


class DateEvidence:
    """What the cells of one column show about the order of day and month."""

    def __init__(self) -> None:
        self.iso = 0
        self.day_first = 0
        self.month_first = 0
        self.ambiguous = 0
        self.ambiguous_example = ""

    def add(self, text: str, count: int = 1) -> None:
        """Count the evidence of `count` cells holding `text`; empty and unreadable cells count for nothing."""
        if _ISO_DATE.match(text):
            self.iso += count
            return
        match = _NUMERIC_DATE.match(text)
        if match is None:
            return
        first, second = int(match["first"]), int(match["second"])
        if first > 12 >= second:
            self.day_first += count
        elif second > 12 >= first:
            self.month_first += count
        elif first <= 12 and second <= 12 and first != second:
            self.ambiguous += count
            self.ambiguous_example = self.ambiguous_example or text.strip()

    def decide(self, *, option: str | None = None) -> DateFormat:
        """Decide the column's order from its evidence or an explicit `option`."""
        if option is not None:
            return DateFormat(option, "option")
        if self.day_first and self.month_first:
            return DateFormat(
                None,
                "",
                f"{self.day_first} cells write the day first and {self.month_first} the month first; "
                "state the order of this column",
            )
        if self.day_first:
            return DateFormat(DAY_FIRST, "column")
        if self.month_first:
            return DateFormat(MONTH_FIRST, "column")
        if self.ambiguous:
            return DateFormat(
                None,
                "",
                f"{self.ambiguous_example!r} may be day first or month first, and no cell shows which; "
                "state the order of this column",
            )
        return DateFormat(ISO if self.iso else None, "column" if self.iso else "")


def read_date(text: str, order: str | None) -> date:
    """Return the date written in `text`, given the column's order (None: undecided).

    Raises DateSyntaxError naming the problem.
    """
    match = _ISO_DATE.match(text)
    if match is not None:
        return _date(int(match["year"]), int(match["month"]), int(match["day"]))

    match = _NUMERIC_DATE.match(text)
    if match is None:
        raise DateSyntaxError("it is not a date; write it as 2024-03-14 or 14/03/2024")
    first, second = int(match["first"]), int(match["second"])
    year = int(match["year"])
    if len(match["year"]) == 2:
        # Two-digit years are this century's: a shop's sales are recent.
        year += 2000

    if first == second:
        return _date(year, first, second)
    # A column of ISO dates has no order for the odd cell written another way.
    undecided = order not in (DAY_FIRST, MONTH_FIRST)
    if order == DAY_FIRST or (undecided and first > 12):
        if order == DAY_FIRST and second > 12:
            raise DateSyntaxError("the column writes the day first, so the month cannot be above 12")
        return _date(year, second, first)
    if order == MONTH_FIRST or (undecided and second > 12):
        if order == MONTH_FIRST and first > 12:
            raise DateSyntaxError("the column writes the month first, so the month cannot be above 12")
        return _date(year, first, second)
    raise DateSyntaxError("it may be day first or month first; state the order of this column")


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateSyntaxError("there is no such day in the calendar") from None
