"""Checking identifiers (SKUs and barcodes), which are stored as text exactly as given.

Excel shows a long number in scientific notation ("8.41E+12") and saves a CSV with
that text, so the code's last digits are gone for good: such a cell is rejected with
the fix, never converted. Barcodes made of 8, 12, 13 or 14 digits are EAN-8, UPC-A,
EAN-13 or GTIN-14, whose last digit is a check digit computed with python-stdnum's
`ean.calc_check_digit`, the GS1 mod-10 sum that all four share.
Other barcodes (in-store codes, Code 128 with letters) are kept without a check.
"""

from __future__ import annotations

import re

from stdnum import ean

from retail_assistant.adapters.importing.records import RowRejected

__all__ = ["MAX_IDENTIFIER_CHARS", "check_barcode", "check_identifier", "gtin_check_digit_error", "is_scientific"]

MAX_IDENTIFIER_CHARS = 100
"""The longest SKU or barcode accepted; a longer cell is a description in the wrong column."""

# Excel always writes one digit before the point and a signed exponent: 8.41E+12, 8,41E+12.
_SCIENTIFIC = re.compile(r"^-?\d(?:[.,]\d+)?E[+-]\d{1,3}$", re.IGNORECASE)
_GTIN_NAMES = {8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}


def is_scientific(text: str) -> bool:
    """Return True when `text` is a number as Excel writes it in scientific notation ("8.41E+12")."""
    return _SCIENTIFIC.match(text) is not None


def gtin_check_digit_error(digits: str) -> tuple[str, str] | None:
    """Return (GTIN name, expected check digit) when `digits` is a GTIN with a wrong check digit, else None.

    Codes of other lengths than 8, 12, 13 and 14 digits are not GTINs and return None.
    """
    name = _GTIN_NAMES.get(len(digits))
    if name is None or not digits.isdigit():
        return None
    expected = ean.calc_check_digit(digits[:-1])
    return None if expected == digits[-1] else (name, expected)


def check_identifier(text: str, *, column: str) -> str:
    """Return the SKU or barcode `text` unchanged after checking it is not damaged.

    Raises RowRejected for scientific notation, line breaks and overlong cells.
    """
    if is_scientific(text):
        raise RowRejected(
            f"invalid {column} {text!r}: Excel turned the code into scientific notation and dropped "
            "its last digits; format the column as Text in Excel (or export the file again from "
            "your point of sale without opening it in Excel) and import it again"
        )
    if "\n" in text or "\r" in text:
        raise RowRejected(f"invalid {column} {text[:40]!r}: a code cannot contain a line break; check the column mapping")
    if len(text) > MAX_IDENTIFIER_CHARS:
        raise RowRejected(
            f"invalid {column} {text[:40]!r}...: it is {len(text)} characters long, more than the "
            f"{MAX_IDENTIFIER_CHARS} a code may have; check the column mapping"
        )
    return text


def check_barcode(text: str, *, column: str) -> tuple[str, str]:
    """Return the barcode `text` unchanged and a warning ('' if none) after validating its check digit.

    Raises RowRejected for a damaged cell or a GTIN whose check digit is wrong.
    """
    code = check_identifier(text, column=column)
    # Most barcodes are plain digits, so stdnum's separator cleaning runs only for the others.
    digits = code if code.isdigit() else ean.compact(code)
    if not digits.isdigit():
        return code, ""

    problem = gtin_check_digit_error(digits)
    if problem is not None:
        name, expected = problem
        raise RowRejected(
            f"invalid {column} {text!r}: the check digit of this {name} should be {expected}, "
            f"not {digits[-1]}; check the code on the label"
        )
    if len(digits) in _GTIN_NAMES:
        return code, ""

    if len(digits) in (7, 11) and ean.is_valid("0" + digits):
        return code, (
            f"the {column} {text!r} has {len(digits)} digits; if it lost a leading zero it is "
            f"0{digits}, the {_GTIN_NAMES[len(digits) + 1]} that scanners read"
        )
    return code, ""
