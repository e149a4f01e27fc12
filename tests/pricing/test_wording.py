"""Recommendation wording in English and Spanish: every reason, the answer, the JSON form."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from retail_assistant.core.answers import check_phrasing
from retail_assistant.core.money import Money
from retail_assistant.core.pricing import Driver, DriverCode, Recommendation
from retail_assistant.core.pricing_wording import (
    explanation,
    format_change,
    format_day,
    format_money,
    pricing_answer,
    recommendation_dict,
)


def recommendation(*drivers: Driver, new: int = 749, clearance: bool = False, expires_on: date | None = None) -> Recommendation:
    return Recommendation(
        sku="QUE-001",
        name_en="Aged Manchego cheese wedge 250 g",
        name_es="Cuña de queso manchego curado 250 g",
        unit="pack",
        current_price=Money(695),
        new_price=Money(new),
        cost=Money(410),
        vat_rate=Decimal(4),
        horizon_days=7,
        expected_units_current=18.6,
        expected_units_new=16.1,
        expected_profit_current=Money(3727),
        expected_profit_new=Money(4048),
        clearance=clearance,
        expires_on=expires_on,
        weekly_units=18.0,
        calibration=1.2,
        drivers=drivers,
    )


DRIVERS = [
    Driver(DriverCode.NO_COST),
    Driver(DriverCode.NO_PRICE),
    Driver(DriverCode.BELOW_COST_RAISED),
    Driver(DriverCode.MIN_MARGIN, percent=Decimal(10)),
    Driver(DriverCode.EXPIRING, units=Decimal(3), day=date(2025, 6, 6)),
    Driver(DriverCode.BELOW_COST_CLEARANCE),
    Driver(DriverCode.RAISE, percent=Decimal(-14)),
    Driver(DriverCode.RAISE, percent=Decimal(0)),
    Driver(DriverCode.LOWER, percent=Decimal(25)),
    Driver(DriverCode.KEEP),
    Driver(DriverCode.MAX_CHANGE, percent=Decimal(15)),
    Driver(DriverCode.SEASON_UP, percent=Decimal(40)),
    Driver(DriverCode.SEASON_DOWN, percent=Decimal(30)),
    Driver(DriverCode.PROMOTION, percent=Decimal(20)),
    Driver(DriverCode.SLOW_MOVER, units=Decimal("0.4")),
    Driver(DriverCode.NO_HISTORY),
    Driver(DriverCode.CALIBRATED, percent=Decimal(20)),
]


@pytest.mark.parametrize("driver", DRIVERS, ids=lambda driver: driver.code.value)
def test_every_reason_has_both_languages(driver):
    english = explanation(recommendation(driver), "en")
    spanish = explanation(recommendation(driver), "es")

    assert english.endswith(".")
    assert spanish.endswith(".")
    assert english != spanish
    if driver.percent:
        assert str(abs(driver.percent)) in english
        assert str(abs(driver.percent)) in spanish


def test_answer_states_prices_units_and_profit():
    answer = pricing_answer(recommendation(Driver(DriverCode.RAISE, percent=Decimal(-14))), "en")

    assert answer.text.startswith("Aged Manchego cheese wedge 250 g: I recommend €7.49 instead of €6.95")
    assert "16.1 packs" in answer.text
    assert "€40.48" in answer.text
    assert "Pricing tab" in answer.text
    assert check_phrasing(answer.text, answer)


def test_spanish_answer_uses_spanish_numbers():
    answer = pricing_answer(recommendation(Driver(DriverCode.RAISE, percent=Decimal(-14))), "es")

    assert answer.text.startswith("Cuña de queso manchego curado 250 g: te recomiendo 7,49 € en lugar de 6,95 €")
    assert "16,1 paquetes" in answer.text
    assert "+7,8 %" in answer.text


def test_clearance_answer_names_the_day():
    answer = pricing_answer(
        recommendation(Driver(DriverCode.EXPIRING, units=Decimal(3), day=date(2025, 6, 6)), new=599, clearance=True,
                       expires_on=date(2025, 6, 6)),
        "es",
    )

    assert "precio de liquidación 5,99 €" in answer.text
    assert "hasta el viernes 6 de junio" in answer.text


def test_kept_price_answer_has_no_apply_hint():
    answer = pricing_answer(recommendation(Driver(DriverCode.KEEP), new=695), "en")

    assert "keep the price at €6.95" in answer.text
    assert "Pricing tab" not in answer.text


def test_json_form_is_plain_values():
    entry = recommendation_dict(recommendation(Driver(DriverCode.KEEP)))

    assert json.loads(json.dumps(entry)) == entry
    assert entry["new_price"] == "7.49"
    assert entry["change_percent"] == "7.8"
    assert entry["drivers"] == ["keep"]


def test_formats():
    assert format_day(date(2025, 6, 6), "en") == "Friday 6 June"
    assert format_day(date(2025, 6, 6), "es") == "viernes 6 de junio"
    assert format_money(Money(-273), "en") == "−€2.73"
    assert format_money(Money(-273), "es") == "−2,73 €"
    assert format_money(None, "en") == "—"
    assert format_change(Decimal("-0.077"), "es") == "−7,7 %"
