import pytest

from retail_assistant.core.assistant import Answer, AnswerStarted, AnswerText, Assistant
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.errors import InputError
from retail_assistant.core.routing import Reason, Route
from retail_assistant.core.understanding import Intent

from tests.core.fakes import FakeCatalog, ScriptedGenerator, product

HONEY = product("H1", "Rosemary honey 500 g", "Miel de romero 500 g", stock="37", price="6.95", unit="jar")
CHEESE = product("M1", "Cured Manchego cheese 250 g", "Queso manchego curado 250 g", stock="5", price="8.95")


def make_assistant(generator=None, **options):
    return Assistant(FakeCatalog([HONEY, CHEESE]), generator or ScriptedGenerator(), **options)


def test_stock_question_uses_catalogue_number():
    answer = make_assistant(ScriptedGenerator(["We have 99 jars."])).answer("How many jars of honey are left?")
    assert answer.text == "There are 37 jars of Rosemary honey 500 g in stock."
    assert answer.route is Route.LOCAL
    assert answer.reason is Reason.SHOP_DATA_REWORDING_REJECTED
    assert answer.details["rejected_wording"] == "We have 99 jars."


def test_checked_rewording_is_shown():
    generator = ScriptedGenerator(["Good news: 37 jars of ", "Rosemary honey 500 g remain."])
    answer = make_assistant(generator).answer("How many jars of honey are left?")
    assert answer.text == "Good news: 37 jars of Rosemary honey 500 g remain."
    assert answer.reason is Reason.SHOP_DATA_REWORDED


def test_spanish_price_question_in_spanish():
    answer = make_assistant(reword_data_answers=False).answer("¿A cuánto está el manchego?")
    assert answer.text.startswith("Queso manchego curado 250 g cuesta 8,95 €")
    assert answer.language == "es"
    assert answer.intent is Intent.PRICE


def test_model_failure_keeps_data_answers():
    answer = make_assistant(ScriptedGenerator(fail=True)).answer("How many jars of honey are left?")
    assert "37" in answer.text
    assert answer.route is Route.LOCAL
    assert answer.reason is Reason.SHOP_DATA


def test_loading_model_is_not_awaited():
    generator = ScriptedGenerator(["37 jars of Rosemary honey 500 g."], ready=False)
    answer = make_assistant(generator).answer("How many jars of honey are left?")
    assert answer.reason is Reason.SHOP_DATA
    assert generator.requests == []


def test_chat_is_marked_as_chat():
    events = list(make_assistant().ask("What is a good greeting for customers?"))
    assert isinstance(events[0], AnswerStarted)
    assert events[0].reason is Reason.GENERAL_CHAT
    assert [event.text for event in events if isinstance(event, AnswerText)] == ["Hello", " there"]
    assert isinstance(events[-1], Answer)
    assert events[-1].text == "Hello there"


def test_chat_without_model_explains():
    answer = make_assistant(ScriptedGenerator(fail=True)).answer("Write a greeting")
    assert answer.reason is Reason.MODEL_UNAVAILABLE
    assert "/nowhere/model.gguf" in answer.text


def test_unknown_product_says_so():
    answer = make_assistant().answer("How many unicorns are in stock?")
    assert answer.reason is Reason.NO_PRODUCT
    assert "unicorn" in answer.text


def test_loose_question_without_product_is_chat():
    answer = make_assistant().answer("How many days until Christmas?")
    assert answer.intent is Intent.CHAT


def test_stopped_chat_is_marked():
    token = CancelToken()
    token.cancel()
    answer = make_assistant().answer("Write a greeting", cancel=token)
    assert answer.stopped


def test_empty_question_is_input_error():
    with pytest.raises(InputError, match="empty"):
        make_assistant().answer("   ")


def test_answer_dict_has_contract_keys():
    data = make_assistant(reword_data_answers=False).answer("How many jars of honey are left?").to_dict()
    assert data["route"] == "local"
    assert data["answer"] == "There are 37 jars of Rosemary honey 500 g in stock."
    assert data["reason"].startswith("data question")


def test_sku_in_question_finds_product():
    coded = product("MIE-001", "Heather honey 250 g", "Miel de brezo 250 g", stock="11")
    assistant = Assistant(FakeCatalog([HONEY, coded]), ScriptedGenerator(), reword_data_answers=False)
    answer = assistant.answer("how many units of mie-001?")
    assert answer.skus == ("MIE-001",)
    assert "11" in answer.text


def test_barcode_in_question_finds_product():
    coded = product("B1", "Anchovies 50 g", "Anchoas 50 g", stock="7")
    coded = type(coded)(**{**coded.__dict__, "barcode": "08410000000017"})
    assistant = Assistant(FakeCatalog([HONEY, coded]), ScriptedGenerator(), reword_data_answers=False)
    answer = assistant.answer("How many 08410000000017 are left?")
    assert answer.skus == ("B1",)
    assert "7" in answer.text


def test_punctuation_only_is_input_error():
    with pytest.raises(InputError, match="no words"):
        make_assistant().answer("?!¿¡...,;")


def test_unknown_code_is_not_chat():
    answer = make_assistant().answer("how many 8410000000000")
    assert answer.reason is Reason.NO_PRODUCT
    assert "8410000000000" in answer.text


def test_not_found_quotes_user_words():
    answer = make_assistant().answer("¿Cuántas latas de unicornio quedan?")
    assert "\"unicornio\"" in answer.text


def test_chat_uses_max_tokens_setting():
    generator = ScriptedGenerator()
    make_assistant(generator, chat_max_tokens=5).answer("Write a greeting")
    assert generator.options[-1].max_tokens == 5
