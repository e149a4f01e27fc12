"""The `price` command's function: JSON, tables, answers and exit statuses."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from retail_assistant import pricing_service
from retail_assistant.core.pricing_rules import PricingRules
from retail_assistant.pricing_cli import run_price
from retail_assistant.settings import load_settings

from tests.pricing.conftest import DEMO_DAY


@pytest.fixture
def settings(shop: Path, monkeypatch: pytest.MonkeyPatch):
    for name in ("RETAIL_ASSISTANT_HOME", "RETAIL_ASSISTANT_LANGUAGE", "RETAIL_ASSISTANT_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return load_settings(home=shop.parent, overrides={"language": "en"})


def run(settings, skus=(), all_products=False, as_json=False):
    out, err = io.StringIO(), io.StringIO()
    status = run_price(settings, list(skus), all_products, as_json, today=DEMO_DAY, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_all_json_covers_every_product_within_rules(settings):
    status, out, err = run(settings, all_products=True, as_json=True)

    assert status == 0, err
    listed = json.loads(out)
    assert len(listed) == 344
    max_change = PricingRules().max_change
    for entry in listed:
        current, new, cost = Decimal(entry["current_price"]), Decimal(entry["new_price"]), Decimal(entry["cost"])
        net = new / (1 + Decimal(entry["vat_percent"]) / 100)
        assert entry["clearance"] or net >= cost, entry["sku"]
        assert abs(new / current - 1) <= max_change, entry["sku"]
        assert entry["explanation_en"] and entry["explanation_es"]


def test_no_arguments_is_bad_input(settings):
    status, out, err = run(settings)

    assert status == 2
    assert out == ""
    assert "--all" in err


def test_skus_and_all_together_is_bad_input(settings):
    status, _, err = run(settings, skus=["QUE-001"], all_products=True)

    assert status == 2
    assert "not both" in err


def test_unknown_sku_is_bad_input(settings):
    status, out, err = run(settings, skus=["NOPE-9"])

    assert status == 2
    assert out == ""
    assert "NOPE-9" in err


def test_one_sku_prints_full_answer(settings):
    status, out, _ = run(settings, skus=["QUE-001"])

    assert status == 0
    assert "QUE-001" not in out
    assert "VAT included" in out
    assert "Why:" in out


def test_all_prints_table_with_summary(settings):
    status, out, _ = run(settings, all_products=True)

    assert status == 0
    assert out.splitlines()[0].startswith("SKU")
    assert "of 344 prices would change" in out


def test_missing_shop_is_bad_input(tmp_path):
    settings = load_settings(home=tmp_path / "empty", overrides={"language": "en"})

    status, _, err = run(settings, all_products=True)

    assert status == 2
    assert "retail-assistant demo" in err


def test_missing_model_is_failure(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(pricing_service, "default_model_path", lambda: tmp_path / "gone.onnx")

    status, _, err = run(settings, all_products=True)

    assert status == 1
    assert "gone.onnx" in err
