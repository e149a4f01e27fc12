from decimal import Decimal

from retail_assistant.core.numbers import number_readings


def test_spanish_and_english_prices_read_the_same():
    assert Decimal("12.50") in number_readings("12,50 €")[0]
    assert Decimal("12.50") in number_readings("€12.50")[0]


def test_both_separators_are_unambiguous():
    assert number_readings("1.234,56") == [frozenset({Decimal("1234.56")})]
    assert number_readings("1,234.56") == [frozenset({Decimal("1234.56")})]


def test_lone_separator_has_two_readings():
    assert number_readings("1,5") == [frozenset({Decimal("1.5"), Decimal("15")})]


def test_spaced_numbers_stay_apart():
    assert number_readings("12 500 g") == [frozenset({Decimal(12)}), frozenset({Decimal(500)})]
