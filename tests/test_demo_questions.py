"""Every demo product is found by its exact name in both languages, with its exact stock and price."""

from __future__ import annotations

import pytest

from retail_assistant.adapters.store.catalog import SqliteCatalog
from retail_assistant.core.assistant import Assistant
from retail_assistant.core.routing import Route
from retail_assistant.demo import create_demo_shop

from tests.core.fakes import ScriptedGenerator


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "shop.sqlite"
    create_demo_shop(path)
    catalog = SqliteCatalog(path)
    yield catalog
    catalog.close()


@pytest.fixture(scope="module")
def assistant(catalog):
    return Assistant(catalog, ScriptedGenerator(), reword_data_answers=False)


def test_every_english_stock_question(catalog, assistant):
    wrong = []
    for product in catalog.products():
        answer = assistant.answer(f"How many {product.name_en} are in stock?")
        expected = product.stock.format("en")
        if answer.skus != (product.sku,) or expected not in answer.text or answer.route is not Route.LOCAL:
            wrong.append((product.sku, product.name_en, answer.skus, answer.text))
    assert wrong == []


def test_every_spanish_stock_question(catalog, assistant):
    wrong = []
    for product in catalog.products():
        answer = assistant.answer(f"¿Cuántas unidades de {product.name_es} quedan?")
        expected = product.stock.format("es")
        if answer.skus != (product.sku,) or expected not in answer.text or answer.language != "es":
            wrong.append((product.sku, product.name_es, answer.skus, answer.text))
    assert wrong == []


def test_every_spanish_price_question(catalog, assistant):
    wrong = []
    for product in catalog.products():
        answer = assistant.answer(f"¿A cuánto está {product.name_es}?")
        if answer.skus != (product.sku,) or product.price.format("es") not in answer.text:
            wrong.append((product.sku, product.name_es, answer.skus, answer.text))
    assert wrong == []


def test_generic_honey_question_lists_honeys(catalog, assistant):
    answer = assistant.answer("How many jars of honey are left?")
    honeys = {product.sku for product in catalog.products() if "honey" in product.name_en.lower()}
    assert 1 <= len(honeys) <= 8
    assert set(answer.skus) == honeys


def test_lowercase_typo_name_still_matches(catalog, assistant):
    product = next(p for p in catalog.products() if "manchego" in p.name_es.lower())
    typo = product.name_es.lower().replace("manchego", "manchgo")
    answer = assistant.answer(f"¿cuantas unidades de {typo} quedan")
    assert answer.skus == (product.sku,)
