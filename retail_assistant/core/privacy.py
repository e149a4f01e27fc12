"""Masking personal data before anything leaves the machine, and putting it back after.

E-mail addresses, phone numbers, IBANs, card numbers and Spanish national ID numbers
(DNI, NIE) are replaced by numbered placeholders such as [EMAIL_1] before a cloud
call; the reply's placeholders are replaced by the original values as it streams in.
Candidates are validated with python-stdnum (IBAN checksum, Luhn, DNI/NIE letter), so
an order number that merely looks long is not masked.

NOTE: customer names are not detected: a name is only masked when it is part of an
e-mail address. Text that names a customer in prose leaves the machine as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from stdnum import iban, luhn
from stdnum.es import dni, nie

__all__ = ["Masked", "PlaceholderRestorer", "mask_personal_data"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
_NATIONAL_ID = re.compile(r"\b[XYZ]?\d{7,8}[ -]?[A-Z]\b", re.IGNORECASE)
# A phone number is not a piece of a longer run of digit groups (a card number).
_PHONE = re.compile(r"(?<![\w+])(?<!\d )(?<!\d-)(?:\+|00)?\d[\d ().-]{7,16}\d(?!\w)(?![ -]\d)")
_PLACEHOLDER = re.compile(r"\[(EMAIL|IBAN|CARD|ID|PHONE)_\d+\]")


@dataclass(frozen=True)
class Masked:
    """A text with its personal data replaced, and the values behind each placeholder."""

    text: str
    values: dict[str, str] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """Whether any personal data was masked."""
        return bool(self.values)

    def kinds(self) -> list[str]:
        """Return the kinds of data masked ("EMAIL", "PHONE", ...), without repeats."""
        return sorted({placeholder[1:].split("_")[0] for placeholder in self.values})


def mask_personal_data(text: str, *, start: dict[str, str] | None = None) -> Masked:
    """Return `text` with personal data replaced by placeholders; `start` continues a numbering."""
    values: dict[str, str] = dict(start or {})
    by_value = {value: placeholder for placeholder, value in values.items()}

    def replace(kind: str, valid):
        def substitute(match: re.Match[str]) -> str:
            original = match.group(0)
            if _PLACEHOLDER.fullmatch(original) or not valid(original):
                return original
            if original in by_value:
                return by_value[original]
            number = sum(1 for placeholder in values if placeholder.startswith(f"[{kind}_")) + 1
            placeholder = f"[{kind}_{number}]"
            values[placeholder] = original
            by_value[original] = placeholder
            return placeholder

        return substitute

    # Order matters: an IBAN or a card contains digit runs a phone pattern would also take.
    text = _EMAIL.sub(replace("EMAIL", lambda value: True), text)
    text = _IBAN.sub(replace("IBAN", lambda value: iban.is_valid(value)), text)
    text = _CARD.sub(replace("CARD", lambda value: luhn.is_valid(re.sub(r"\D", "", value))), text)
    text = _NATIONAL_ID.sub(replace("ID", lambda value: dni.is_valid(value) or nie.is_valid(value)), text)
    text = _PHONE.sub(replace("PHONE", _looks_like_phone), text)
    return Masked(text, values)


def _looks_like_phone(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    # Nine digits is a Spanish number; international numbers have 8 to 15 digits.
    # Prices and quantities ("1.234,56") have separators a phone number never uses.
    if "," in value or re.search(r"\d\.\d{1,2}$", value):
        return False
    return 8 <= len(digits) <= 15


class PlaceholderRestorer:
    """Puts masked values back into a streamed reply, holding back a placeholder split across pieces."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values
        self._pending = ""

    def feed(self, text: str) -> str:
        """Return the part of `text` that is safe to show, with placeholders restored."""
        self._pending += text
        cut = self._pending.rfind("[")
        if cut >= 0 and "]" not in self._pending[cut:] and len(self._pending) - cut <= 12:
            ready, self._pending = self._pending[:cut], self._pending[cut:]
        else:
            ready, self._pending = self._pending, ""
        return self._restore(ready)

    def finish(self) -> str:
        """Return what is left at the end of the reply."""
        rest, self._pending = self._pending, ""
        return self._restore(rest)

    def restore_all(self, pieces: Iterator[str]) -> Iterator[str]:
        """Yield `pieces` with placeholders restored."""
        for piece in pieces:
            shown = self.feed(piece)
            if shown:
                yield shown
        tail = self.finish()
        if tail:
            yield tail

    def _restore(self, text: str) -> str:
        return _PLACEHOLDER.sub(lambda match: self._values.get(match.group(0), match.group(0)), text)
