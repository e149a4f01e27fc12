"""Finding the numbers in a text written in English or Spanish, for answer checking.

"1.234,56" is Spanish for 1234.56, "1,234.56" the English for the same, and "1,5" is
one and a half in Spanish. A lone separator is ambiguous ("1,234" may be 1234 or
1.234), so each number found comes with every value it can mean, and a checker
accepts it when any of them is a value the app computed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["number_readings"]

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")


def number_readings(text: str) -> list[frozenset[Decimal]]:
    """Return, for each number in `text`, the set of values it can be read as."""
    return [_readings(match.group()) for match in _NUMBER.finditer(text)]


def _readings(raw: str) -> frozenset[Decimal]:
    # A no-break space only ever groups thousands ("1\u00a0234,5"). Plain spaces are
    # not joined: "12 500 g jars" is two numbers.
    compact = raw.replace("\u00a0", "").replace("\u202f", "")
    candidates: set[str] = set()
    separators = [char for char in compact if char in ".,"]
    if not separators:
        candidates.add(compact)
    elif len(set(separators)) == 2:
        decimal_mark = compact[max(compact.rfind("."), compact.rfind(","))]
        thousands = "," if decimal_mark == "." else "."
        candidates.add(compact.replace(thousands, "").replace(decimal_mark, "."))
    else:
        mark = separators[0]
        candidates.add(compact.replace(mark, ""))  # the mark groups thousands
        if len(separators) == 1:
            candidates.add(compact.replace(mark, "."))  # the mark is the decimal point

    values: set[Decimal] = set()
    for candidate in candidates:
        try:
            values.add(Decimal(candidate).normalize())
        except InvalidOperation:
            continue
    return frozenset(values)
