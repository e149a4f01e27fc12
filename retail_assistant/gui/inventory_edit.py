"""Reading what a person types into an inventory cell: exact numbers, checked codes, translated errors.

Numbers go through the importer's reading of "12,50 €" and "1.234,5", so a cell
accepts what a file would. A number that is ambiguous on its own ("1.250") is read
with the decimal mark of the window's language: a comma in Spanish, a point in
English. Amounts must be whole cents and quantities whole thousandths, so nothing
typed is ever rounded. Each error is a translated sentence that names the value
and says what to type instead. The messages are literal strings in `translate` calls
under the context "InventoryEdit", so that pyside6-lupdate finds them.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from retail_assistant.adapters.importing.amounts import NumberSyntaxError, read_number, split_number
from retail_assistant.adapters.importing.cells import MAX_AMOUNT
from retail_assistant.adapters.importing.fields import MAX_NAME_CHARS
from retail_assistant.adapters.importing.identifiers import (
    MAX_IDENTIFIER_CHARS,
    gtin_check_digit_error,
    is_scientific,
)
from retail_assistant.adapters.importing.text_guard import guard_text

__all__ = ["KINDS", "EditRejected", "parse_cell"]

KINDS = ("name", "barcode", "stock", "price", "cost", "vat")
"""The kinds of editable cell."""

class EditRejected(ValueError):
    """Raised for text that cannot be stored; the message is translated and shown to the user."""


def parse_cell(kind: str, text: str, *, language: str) -> object:
    """Return the database value for `text` typed into a cell of `kind` (see KINDS).

    Names are text, barcodes text or None, stock integer thousandths, price and cost
    integer cents (cost may be None), VAT integer basis points. Raises EditRejected.
    """
    text = text.strip()
    if kind == "name":
        return _name(text)
    if kind == "barcode":
        return _barcode(text)
    if kind == "stock":
        return _scaled(text, 3, language=language, money=False)
    if kind == "price":
        if not text:
            raise EditRejected(QCoreApplication.translate("InventoryEdit", "A product needs a price; type one, like 12.50."))
        return _scaled(text, 2, language=language, money=True)
    if kind == "cost":
        return None if not text else _scaled(text, 2, language=language, money=True)
    if kind == "vat":
        return _vat(text, language=language)
    raise ValueError(f"unknown kind of cell {kind!r}; use one of {', '.join(KINDS)}")


def _name(text: str) -> str:
    if not text:
        raise EditRejected(QCoreApplication.translate("InventoryEdit", "A product needs a name."))
    if len(text) > MAX_NAME_CHARS:
        raise EditRejected(
            QCoreApplication.translate("InventoryEdit", "The name is {length} characters long; the limit is {limit}.").format(
                length=len(text), limit=MAX_NAME_CHARS
            )
        )
    # Chat-template markers are defused here too, because names go into prompts.
    safe, _ = guard_text(text, column="name")
    return safe


def _barcode(text: str) -> str | None:
    if not text:
        return None
    if is_scientific(text):
        raise EditRejected(
            QCoreApplication.translate(
                "InventoryEdit", "{value} is in scientific notation and has lost digits; type the whole code."
            ).format(value=text)
        )
    if len(text) > MAX_IDENTIFIER_CHARS or "\n" in text:
        raise EditRejected(
            QCoreApplication.translate("InventoryEdit", "A barcode has at most {limit} characters on one line.").format(
                limit=MAX_IDENTIFIER_CHARS
            )
        )
    problem = gtin_check_digit_error(text)
    if problem is not None:
        name, expected = problem
        raise EditRejected(
            QCoreApplication.translate(
                "InventoryEdit",
                "The check digit of the {name} {value} should be {expected}; check the code on the label.",
            ).format(name=name, value=text, expected=expected)
        )
    return text


def _scaled(text: str, places: int, *, language: str, money: bool) -> int:
    example = "12,50" if language == "es" else "12.50"
    value = _number(text, language=language, money=money, example=example)
    if money and value < 0:
        raise EditRejected(
            QCoreApplication.translate("InventoryEdit", "{value}: an amount cannot be negative.").format(value=text)
        )
    if abs(value) > MAX_AMOUNT:
        raise EditRejected(
            QCoreApplication.translate("InventoryEdit", "{value} is too large; check the number.").format(value=text)
        )
    scaled = value.scaleb(places)
    if scaled != scaled.to_integral_value():
        if money:
            message = QCoreApplication.translate("InventoryEdit", "{value}: round the amount to whole cents.")
        else:
            message = QCoreApplication.translate("InventoryEdit", "{value}: use at most three decimals.")
        raise EditRejected(message.format(value=text))
    return int(scaled)


def _vat(text: str, *, language: str) -> int:
    if not text:
        raise EditRejected(QCoreApplication.translate("InventoryEdit", "Type a VAT rate in percent, like 21."))
    value = _number(text.rstrip("% ").strip(), language=language, money=False, example="21")
    if value < 0 or value > 100:
        raise EditRejected(
            QCoreApplication.translate("InventoryEdit", "{value}: a VAT rate is between 0 and 100 %.").format(value=text)
        )
    basis_points = value.scaleb(2)
    if basis_points != basis_points.to_integral_value():
        raise EditRejected(
            QCoreApplication.translate("InventoryEdit", "{value}: use at most two decimals.").format(value=text)
        )
    return int(basis_points)


def _number(text: str, *, language: str, money: bool, example: str) -> Decimal:
    invalid = QCoreApplication.translate("InventoryEdit", "{value} is not a number; type it like {example}.")
    try:
        number = split_number(text)
    except NumberSyntaxError:
        raise EditRejected(invalid.format(value=text, example=example)) from None
    if number.currency not in (None, "EUR") or (number.currency is not None and not money):
        raise EditRejected(
            QCoreApplication.translate("InventoryEdit", "{value}: type the number without a currency other than €.").format(
                value=text
            )
        )
    try:
        value = read_number(number.body, None)
    except NumberSyntaxError:
        # "1.250" alone may be either; the window's language decides.
        try:
            value = read_number(number.body, "," if language == "es" else ".")
        except NumberSyntaxError:
            raise EditRejected(invalid.format(value=text, example=example)) from None
    return -value if number.negative else value
