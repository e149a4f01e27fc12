from decimal import Decimal

import pytest

from retail_assistant.core.money import Money, Quantity, format_decimal, parse_decimal


def test_money_formats_by_language():
    assert Money(1250).format("en") == "€12.50"
    assert Money(1250).format("es") == "12,50 €"


def test_money_from_decimal_rounds_half_up():
    assert Money.from_decimal("2.345").cents == 235
    assert Money.from_decimal(Decimal("0.1") + Decimal("0.2")).cents == 30


def test_quantity_drops_needless_decimals():
    assert Quantity(12000).format("en") == "12"
    assert Quantity(2500).format("es") == "2,5"
    assert Quantity.from_decimal("0.125").milli == 125


def test_parse_decimal_rejects_text():
    with pytest.raises(ValueError, match="'abc'"):
        parse_decimal("abc")
    with pytest.raises(ValueError, match="finite"):
        parse_decimal("NaN")


def test_format_decimal_uses_comma_in_spanish():
    assert format_decimal(Decimal("4"), places=1, language="es") == "4,0"
