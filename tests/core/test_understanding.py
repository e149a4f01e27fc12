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
        ("Write a short welcome message for our customers", Intent.CHAT, "en"),
        ("Escribe un saludo para los clientes", Intent.CHAT, "es"),
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
