"""Pricing rules: bounds, candidates, endings, VAT display and the settings they are read from."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest

from retail_assistant.core.errors import InputError
from retail_assistant.core.pricing_rules import PricingRules, candidate_prices, price_bounds, shown_price_cents

# (current shelf cents, cost cents without VAT, VAT percent): ordinary margins, a thin one,
# one below the minimum margin, one below cost, a cheap item and a dear one.
PRODUCTS = [
    (695, 410, Decimal(10)),
    (299, 230, Decimal(4)),
    (500, 395, Decimal(21)),
    (450, 430, Decimal(10)),
    (89, 40, Decimal(21)),
    (4299, 2500, Decimal(21)),
    (120, 50, Decimal(4)),
]

RULE_SETS = [
    PricingRules(),
    PricingRules(min_margin=Decimal("0.25"), max_change=Decimal("0.05")),
    PricingRules(endings=(99,)),
    PricingRules(endings=(95,), display_with_vat=False),
    PricingRules(endings=(), max_change=Decimal("0.30")),
    PricingRules(endings=(49,), min_margin=Decimal(0)),
]


def net(shelf_cents: int, vat: Decimal) -> Decimal:
    return Decimal(shelf_cents) / (1 + vat / 100)


@pytest.mark.parametrize("rules", RULE_SETS)
@pytest.mark.parametrize("current, cost, vat", PRODUCTS)
def test_candidates_keep_every_rule(rules, current, cost, vat):
    bounds = price_bounds(current, cost, vat, rules, clearance=False)
    candidates = candidate_prices(current, bounds, vat, rules)

    assert len(candidates) == rules.candidates
    assert list(candidates) == sorted(candidates)
    for price in candidates:
        assert bounds.low <= price <= bounds.high
        assert net(price, vat) >= cost, "never below cost outside clearance"
        if not bounds.exceeds_max_change:
            assert abs(price - current) <= current * rules.max_change, "maximum change per step"
        if not bounds.below_margin:
            assert net(price, vat) - cost >= net(price, vat) * rules.min_margin, "minimum margin"


@pytest.mark.parametrize("rules", RULE_SETS)
@pytest.mark.parametrize("current, cost, vat", PRODUCTS)
def test_clearance_may_go_below_cost_within_max_change(rules, current, cost, vat):
    bounds = price_bounds(current, cost, vat, rules, clearance=True)
    candidates = candidate_prices(current, bounds, vat, rules)

    assert bounds.low == max(1, math.ceil(current * (1 - rules.max_change)))
    for price in candidates:
        assert abs(price - current) <= current * rules.max_change


def test_clearance_reaches_below_cost():
    rules = PricingRules(max_change=Decimal("0.30"), endings=())
    bounds = price_bounds(500, 380, Decimal(10), rules, clearance=True)

    assert net(bounds.low, Decimal(10)) < 380


def test_clearance_needs_allow_clearance():
    rules = PricingRules(allow_clearance=False)
    bounds = price_bounds(500, 380, Decimal(10), rules, clearance=True)

    assert net(bounds.low, Decimal(10)) >= 380


@pytest.mark.parametrize("rules", [rule for rule in RULE_SETS if rule.endings])
def test_prices_end_as_shop_displays(rules):
    current, cost, vat = 695, 300, Decimal(21)
    bounds = price_bounds(current, cost, vat, rules, clearance=False)
    candidates = set(candidate_prices(current, bounds, vat, rules)) - {current}

    assert candidates
    for price in candidates:
        shown = shown_price_cents(price, vat, with_vat=rules.display_with_vat)
        assert shown % 100 in rules.endings


def test_current_price_is_always_a_candidate_when_allowed():
    rules = PricingRules(endings=(99,))
    bounds = price_bounds(695, 410, Decimal(10), rules, clearance=False)

    assert 695 in candidate_prices(695, bounds, Decimal(10), rules)


def test_price_below_margin_rises_by_max_change():
    rules = PricingRules(min_margin=Decimal("0.30"), max_change=Decimal("0.10"))
    bounds = price_bounds(500, 395, Decimal(21), rules, clearance=False)

    assert bounds.below_margin
    assert bounds.low == bounds.high == 550


def test_price_below_cost_rises_to_cost():
    rules = PricingRules(max_change=Decimal("0.05"))
    bounds = price_bounds(400, 430, Decimal(10), rules, clearance=False)

    assert bounds.exceeds_max_change
    assert bounds.low == bounds.high == 473
    assert net(bounds.low, Decimal(10)) >= 430


def test_shown_price_without_vat_rounds_to_cent():
    assert shown_price_cents(604, Decimal(21), with_vat=False) == 499
    assert shown_price_cents(604, Decimal(21), with_vat=True) == 604


def test_shown_net_price_keeps_its_ending():
    # A net price with an ending, stored with VAT and rounded to the cent, shows the same net price.
    for vat in (Decimal(4), Decimal(10), Decimal(21)):
        for net_cents in (99, 499, 1299, 4995):
            shelf = int((Decimal(net_cents) * (1 + vat / 100)).to_integral_value(ROUND_HALF_UP))
            assert shown_price_cents(shelf, vat, with_vat=False) == net_cents


@pytest.mark.parametrize(
    "values, field",
    [
        ({"min_margin": "0.95"}, "min_margin"),
        ({"max_change": "0"}, "max_change"),
        ({"max_change": "abc"}, "max_change"),
        ({"endings": [".98"]}, "ending"),
        ({"horizon_days": 30}, "horizon_days"),
        ({"candidates": "many"}, "candidates"),
        ({"display_with_vat": "maybe"}, "display_with_vat"),
        ({"max_chnage": "0.1"}, "max_chnage"),
    ],
)
def test_invalid_setting_names_the_field(values, field):
    with pytest.raises(InputError, match=field):
        PricingRules.from_mapping(values)


def test_settings_round_trip():
    rules = PricingRules(min_margin=Decimal("0.12"), endings=(95, 99), display_with_vat=False, horizon_days=5)

    assert PricingRules.from_mapping(rules.to_mapping()) == rules


def test_settings_read_text_endings():
    rules = PricingRules.from_mapping({"endings": "0.99, .49", "min_margin": 0.2})

    assert rules.endings == (99, 49)
    assert rules.min_margin == Decimal("0.2")


def test_no_endings_setting():
    assert PricingRules.from_mapping({"endings": "none"}).endings == ()
