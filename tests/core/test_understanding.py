import pytest

from retail_assistant.core.understanding import Intent, detect_language, understand


@pytest.mark.parametrize(
    ("question", "intent", "language"),
    [
        ("How many jars of honey are left?", Intent.STOCK, "en"),
        ("¿Cuántas unidades de miel quedan?", Intent.STOCK, "es"),
        ("What does the Manchego cost?", Intent.PRICE, "en"),
        ("¿A cuánto está el manchego?", Intent.PRICE, "es"),
        ("How much is the olive oil?", Intent.PRICE, "en"),
        ("How much honey is left?", Intent.STOCK, "en"),
        ("cuantas latas de atun hay", Intent.STOCK, "es"),
        ("Write a short welcome message for our customers", Intent.WRITING, "en"),
        ("What is the capital of Spain?", Intent.CHAT, "en"),
        ("Escribe un saludo para los clientes", Intent.WRITING, "es"),
    ],
)
def test_intent_and_language(question, intent, language):
    understood = understand(question)
    assert understood.intent is intent
    assert understood.language == language


def test_product_words_drop_grammar():
    assert understand("How many jars of honey are left?").product_words == ("jar", "honey")
    assert understand("¿A cuánto está el manchego?").product_words == ("manchego",)


def test_loose_wording_is_not_explicit():
    assert understand("How many days until Christmas?").explicit is False
    assert understand("How many jars of honey are in stock?").explicit is True


def test_language_defaults_to_english():
    assert detect_language("Manchego?") == "en"


@pytest.mark.parametrize(
    "question",
    [
        "Do we still have whole Serrano ham leg?",
        "Are we out of whole serrano ham leg?",
        "Is the chorizo sold out?",
        "¿Está agotado el chorizo?",
        "¿Todavía tenemos chorizo?",
    ],
)
def test_availability_wording_is_stock(question):
    understood = understand(question)
    assert understood.intent is Intent.STOCK
    assert understood.explicit


def test_writing_request_is_writing():
    understood = understand("Write a sign saying we are out of bread")
    assert understood.intent is Intent.WRITING


def test_cost_question_is_business_data():
    assert understand("Write an e-mail to our supplier about the cost of olive oil").mentions_business_data
    assert not understand("Write a label for the olive oil").mentions_business_data


def test_availability_words_are_not_product_words():
    assert understand("Are we out of chorizo?").product_words == ("chorizo",)


@pytest.mark.parametrize(
    "question",
    ["What should I charge for the Manchego?", "¿A qué precio pongo el manchego?", "What price should I set for honey?"],
)
def test_pricing_wording_is_pricing(question):
    understood = understand(question)
    assert understood.intent is Intent.PRICING
    assert "manchego" in understood.product_words or "honey" in understood.product_words
