"""Reading numbers as a spreadsheet of any locale writes them: "1.234,56 €", "$1,234.56", "12,5".

The decimal mark is decided per column, from the evidence of all its cells:

- a cell with both marks ("1.234,56") or one mark not followed by exactly three digits
  ("12,5", "0,250", "1234.5") shows which mark is the decimal one;
- a cell with one mark followed by three digits ("1,234", "1.250") is ambiguous on its
  own: a thousands separator or a decimal mark;
- a cell with no mark ("12") says nothing.

The column takes the mark its cells show (the majority when they disagree; the cells
that disagree are then rejected). A column whose cells are all ambiguous takes the mark
that the file's other columns show, because one program wrote them all; failing that,
the mark its format always uses (Shopify and Square write a point), or the mark given
by the user. Otherwise it stays undecided, is flagged, and its ambiguous cells are
rejected rather than guessed.

Babel parses numbers for one known locale, but here the locale is what has to be
found, so the evidence rules are written here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

__all__ = [
    "CURRENCY_CODES",
    "NumberEvidence",
    "NumberFormat",
    "NumberSyntaxError",
    "SplitNumber",
    "read_number",
    "split_number",
]

CURRENCY_CODES = {"€": "EUR", "$": "USD", "us$": "USD", "£": "GBP", "eur": "EUR", "usd": "USD", "gbp": "GBP"}
"""Currency symbols and codes accepted before or after an amount, by ISO 4217 code."""

_CURRENCY = r"€|US\$|\$|£|EUR|USD|GBP"
_NUMBER = re.compile(
    rf"""^\s*
    (?P<open>\()?\s*
    (?P<sign>[-+\u2212])?\s*
    (?P<before>{_CURRENCY})?\s*
    (?P<sign2>[-+\u2212])?\s*
    (?P<body>\d(?:[\d.,'\u00a0\u202f ]*\d)?(?:[eE][-+]?\d+)?)
    \s*(?P<after>{_CURRENCY})?\s*
    (?P<trailing>-)?\s*
    (?P<close>\))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_EXPONENT = re.compile(r"^\d+(?:[.,]\d+)?[eE][-+]?\d+$")
_GROUP_SPACES = re.compile(r"(?<=\d)[ '\u00a0\u202f](?=\d{3}(?:\D|$))")

# What one cell shows about its column's decimal mark.
POINT = "."
COMMA = ","
_AMBIGUOUS = "ambiguous"
_NONE = "none"


class NumberSyntaxError(ValueError):
    """Raised when a cell is not a number in any locale; the message is the reason."""


@dataclass(frozen=True)
class SplitNumber:
    """A cell split into its sign, currency and digits with separators."""

    negative: bool
    currency: str | None
    """The ISO 4217 code of the symbol written, or None."""

    body: str
    """The digits with their separators, spaces removed ("1.234,56")."""


@dataclass(frozen=True)
class NumberFormat:
    """How the cells of one column write numbers."""

    decimal_mark: str | None = None
    """"." or ","; None when the column does not show it, so each cell must be unambiguous."""

    source: str = ""
    """Where the mark comes from: 'column', 'file', 'format', 'option', or '' when undecided."""

    currency: str | None = None
    """The ISO 4217 code most of the column's cells write, or None."""

    problem: str = ""
    """Why the column is flagged, or ''."""

    def describe(self) -> str:
        """Describe the format in a few words: 'decimal comma, €'."""
        parts: list[str] = []
        if self.decimal_mark == COMMA:
            parts.append("decimal comma")
        elif self.decimal_mark == POINT:
            parts.append("decimal point")
        if self.source == "file":
            parts.append("as in the file's other columns")
        if self.currency is not None:
            parts.append(self.currency)
        return ", ".join(parts)


@dataclass
class NumberEvidence:
    """What the cells of one column show about its number format, gathered one cell at a time."""

    point: int = 0
    comma: int = 0
    ambiguous: int = 0
    plain: int = 0
    invalid: int = 0
    ambiguous_example: str = ""
    currencies: Counter[str] = field(default_factory=Counter)

    def add(self, text: str, count: int = 1) -> None:
        """Count the evidence of `count` cells holding `text`; empty cells count for nothing."""
        if not text.strip():
            return
        try:
            number = split_number(text)
            shown = _decimal_mark_shown(number.body)
        except NumberSyntaxError:
            self.invalid += count
            return
        if number.currency is not None:
            self.currencies[number.currency] += count

        if shown == POINT:
            self.point += count
        elif shown == COMMA:
            self.comma += count
        elif shown == _AMBIGUOUS:
            self.ambiguous += count
            self.ambiguous_example = self.ambiguous_example or text.strip()
        else:
            self.plain += count

    @property
    def shown_mark(self) -> str | None:
        """The decimal mark the column's own cells show unanimously, or None."""
        if self.point and not self.comma:
            return POINT
        if self.comma and not self.point:
            return COMMA
        return None

    def decide(self, *, option: str | None = None, file_mark: str | None = None, prior: str | None = None) -> NumberFormat:
        """Decide the column's format from its evidence, an explicit `option`, the file's mark and the format's `prior`."""
        currency, currency_problem = self._currency()
        if option is not None:
            return NumberFormat(option, "option", currency, currency_problem)

        if self.point or self.comma:
            if self.point == self.comma:
                return NumberFormat(
                    None,
                    "",
                    currency,
                    _join(f"{self.point} cells write decimals with a point and {self.comma} with a comma", currency_problem),
                )
            mark = POINT if self.point > self.comma else COMMA
            return NumberFormat(mark, "column", currency, currency_problem)

        if not self.ambiguous:
            return NumberFormat(None, "", currency, currency_problem)
        if file_mark is not None:
            return NumberFormat(file_mark, "file", currency, currency_problem)
        if prior is not None:
            return NumberFormat(prior, "format", currency, currency_problem)
        return NumberFormat(
            None,
            "",
            currency,
            _join(
                f"{self.ambiguous_example!r} may use a thousands separator or a decimal mark, and no cell "
                "shows which; state the decimal mark of this column",
                currency_problem,
            ),
        )

    def _currency(self) -> tuple[str | None, str]:
        if not self.currencies:
            return None, ""
        ranked = self.currencies.most_common()
        if len(ranked) == 1:
            return ranked[0][0], ""
        names = " and ".join(code for code, _ in ranked)
        return ranked[0][0], f"the cells mix the currencies {names}"


def split_number(text: str) -> SplitNumber:
    """Split a cell into sign, currency and body; raise NumberSyntaxError when it is not a number."""
    match = _NUMBER.match(text)
    if match is None:
        raise NumberSyntaxError("it is not a number")
    if bool(match["open"]) != bool(match["close"]):
        raise NumberSyntaxError("its brackets do not match")
    if match["before"] and match["after"]:
        raise NumberSyntaxError("it has two currency symbols")

    signs = [sign for sign in (match["sign"], match["sign2"], match["trailing"]) if sign]
    if len(signs) > 1:
        raise NumberSyntaxError("it has two signs")
    # Accounting formats write a negative amount in brackets: (12.50).
    negative = bool(match["open"]) or (bool(signs) and signs[0] in "-\u2212")
    symbol = (match["before"] or match["after"] or "").casefold()
    body = _GROUP_SPACES.sub("", match["body"])
    if any(char in body for char in " '\u00a0\u202f"):
        raise NumberSyntaxError("it has spaces that do not separate groups of three digits")
    return SplitNumber(negative=negative, currency=CURRENCY_CODES.get(symbol), body=body)


def read_number(body: str, decimal_mark: str | None) -> Decimal:
    """Return the value of `body` ("1.234,56") given the column's decimal mark (None: undecided).

    Raises NumberSyntaxError naming the problem when the body is ambiguous, disagrees
    with `decimal_mark`, or groups its thousands wrongly.
    """
    if _EXPONENT.match(body):
        return _decimal(body.replace(",", "."))

    shown = _decimal_mark_shown(body)
    if shown == _NONE:
        return _decimal(body)
    if shown in (POINT, COMMA):
        if decimal_mark is not None and shown != decimal_mark:
            raise NumberSyntaxError(_disagreement(decimal_mark))
        return _decimal(_plain(body, shown))
    if decimal_mark is None:
        raise NumberSyntaxError(
            "it may use a thousands separator or a decimal mark, and no other cell of the column "
            "shows which; state the decimal mark of this column"
        )
    return _decimal(_plain(body, decimal_mark))


def _disagreement(decimal_mark: str) -> str:
    if decimal_mark == POINT:
        return "the column writes decimals with a point, like 12.50; write this cell the same way"
    return "the column writes decimals with a comma, like 12,50; write this cell the same way"


def _decimal_mark_shown(body: str) -> str:
    """Return POINT or COMMA when `body` shows its decimal mark, _AMBIGUOUS, or _NONE without marks.

    Raises NumberSyntaxError for separators that no locale writes ("1,2,3", "1.2.3,4.5").
    """
    if _EXPONENT.match(body):
        return _NONE
    points, commas = body.count("."), body.count(",")
    if not points and not commas:
        return _NONE

    if points and commas:
        decimal = POINT if body.rfind(".") > body.rfind(",") else COMMA
        thousands = COMMA if decimal == POINT else POINT
        whole, _, fraction = body.rpartition(decimal)
        if thousands in fraction or decimal in whole or not _grouped(whole, thousands):
            raise NumberSyntaxError("its thousands separators are misplaced")
        return decimal

    mark = POINT if points else COMMA
    other = COMMA if mark == POINT else POINT
    if body.count(mark) > 1:
        # Only a thousands separator repeats, so the decimal mark is the other one.
        if not _grouped(body, mark):
            raise NumberSyntaxError("its thousands separators are misplaced")
        return other

    whole, _, fraction = body.partition(mark)
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
        return _AMBIGUOUS
    return mark


def _grouped(whole: str, separator: str) -> bool:
    groups = whole.split(separator)
    if len(groups) == 1:
        return True
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _plain(body: str, decimal_mark: str) -> str:
    thousands = COMMA if decimal_mark == POINT else POINT
    whole, _, fraction = body.rpartition(decimal_mark) if decimal_mark in body else (body, "", "")
    if decimal_mark in whole or not _grouped(whole, thousands):
        raise NumberSyntaxError("its thousands separators are misplaced")
    digits = whole.replace(thousands, "")
    return f"{digits}.{fraction}" if fraction else digits


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise NumberSyntaxError("it is not a number") from None
    if not value.is_finite():
        raise NumberSyntaxError("it is not a finite number")
    return value


def _join(first: str, second: str) -> str:
    return "; ".join(part for part in (first, second) if part)
