"""Understanding a question: its language, its intent and the product words it contains.

Keyword rules in English and Spanish recognise the data intents (stock, price, the
price to set) and writing tasks. Everything else is chat. Keyword rules are enough
here because the catalogue match, not the wording, carries the hard part, and they
run in microseconds with no model.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from retail_assistant.core.text import fold, tokens

__all__ = ["Intent", "Understanding", "detect_language", "understand", "PACKAGING_WORDS"]


class Intent(enum.Enum):
    """What a question asks for."""

    STOCK = "stock"
    PRICE = "price"
    PRICING = "pricing"
    """The price to set, which the pricing model recommends."""
    WRITING = "writing"
    CHAT = "chat"


@dataclass(frozen=True)
class Understanding:
    """A question's language, intent and the stemmed words that may name a product."""

    question: str
    language: str
    intent: Intent
    product_words: tuple[str, ...]
    explicit: bool
    """Whether the intent wording is unambiguous ("in stock", "precio") rather than loose ("how many")."""
    all_words: frozenset[str] = frozenset()
    """Every stemmed word of the question, grammar words included."""
    product_phrase: str = ""
    """The product words as the user wrote them, for messages ("latas de atún" gives "atún")."""
    mentions_business_data: bool = False
    """Whether the question names costs, margins or suppliers, which the shop may keep local."""


_SPANISH_HINTS = frozenset(
    "que cuanto cuanta cuantos cuantas quedan queda hay tenemos esta estan cuesta cuestan vale valen "
    "precio precios de del el la los las unidades existencias por favor dime cual tienes y un una "
    "es son para con sin".split()
)
_ENGLISH_HINTS = frozenset(
    "how many much what does do is are the of left in stock price cost costs we have there "
    "please tell me which a an and for with without".split()
)

# Phrases are matched on folded text with word boundaries. Strong phrases settle the
# intent alone; weak ones ("how many", "hay") also open ordinary chat questions.
_STOCK_STRONG = (
    "in stock", "left", "remaining", "stock", "still have", "out of", "sold out", "run out", "ran out",
    "quedan", "queda", "existencias", "inventario", "agotado", "agotada", "agotados", "agotadas",
    "se acabo", "se acabaron", "todavia tenemos", "aun tenemos",
)
_STOCK_WEAK = (
    "how many", "how much", "do we have", "have we got", "is there", "are there",
    "cuantos", "cuantas", "cuanto", "cuanta", "hay", "tenemos",
)
# A request to write something is a writing task even when it mentions stock ("write
# a sign saying we are out of bread").
_WRITING_WORDS = (
    "description", "label", "post", "email", "e mail", "letter", "message to", "translate", "translation",
    "descripcion", "etiqueta", "publicacion", "correo", "carta", "mensaje para", "traduce", "traduccion",
)
_BUSINESS_WORDS = (
    "cost", "costs", "margin", "margins", "supplier", "suppliers", "purchase price", "wholesale",
    "coste", "costes", "margen", "margenes", "proveedor", "proveedores", "precio de compra", "mayorista",
)
_WRITING_STARTS = (
    "write", "draft", "compose", "translate", "create", "make", "generate", "suggest",
    "escribe", "escribir", "redacta", "redactar", "traduce", "traducir", "crea", "haz", "genera", "sugiere",
)
_PRICE_STRONG = (
    "price", "prices", "cost", "costs", "charge", "precio", "precios", "cuesta", "cuestan",
    "a cuanto", "vale", "valen", "pvp",
)
_PRICING_PHRASES = (
    "should i charge", "should we charge", "what price should", "which price should", "price should i set",
    "recommend a price", "recommended price", "suggest a price", "new price for",
    "precio pongo", "precio le pongo", "precio ponemos", "a cuanto pongo", "a cuanto lo pongo",
    "precio recomendado", "que precio deberia", "que precio debo", "recomienda un precio",
)
_PRICE_WEAK = ("how much is", "how much are", "how much does", "cuanto es", "cuanto son")

# Words that carry the question's grammar, not the product's name.
_STOPWORDS = frozenset(
    tokens(
        "how many much what which does do did is are was the a an of in on at to for from "
        "left remaining stock stocks price prices cost costs charge we you i our there have has "
        "got any some please tell me sell selling sold currently now today still unit units "
        "que cuanto cuanta cuantos cuantas quedan queda hay tenemos tengo esta estan cuesta "
        "cuestan vale valen precio precios de del el la los las lo al a en un una unos unas "
        "existencias inventario nos me por favor dime cual cuales ahora hoy todavia aun pvp "
        "unidad unidades es son se out sold run ran agotado agotada agotados agotadas acabo acabaron "
        "aun todavia should charge set recommend recommended suggest new pongo ponemos deberia debo recomienda "
        "recomendado"
    )
)

PACKAGING_WORDS = frozenset(
    tokens(
        "jar jars can cans tin tins bottle bottles pack packs packet packets box boxes bag bags "
        "piece pieces kilo kilos kg gram grams litre litres liter liters "
        "tarro tarros lata latas bote botes botella botellas paquete paquetes caja cajas bolsa "
        "bolsas pieza piezas gramo gramos litro litros"
    )
)
"""Words that name a package, not a product: optional when matching names."""

_TRAILING_PUNCTUATION = re.compile(r"[\s?!.,;:¿¡]+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def detect_language(question: str) -> str:
    """Return "es" or "en" for `question`, by its punctuation and common words."""
    if "¿" in question or "¡" in question or "ñ" in question.lower():
        return "es"
    words = fold(question).split()
    words = [_TRAILING_PUNCTUATION.sub("", word) for word in words]
    spanish = sum(word in _SPANISH_HINTS for word in words)
    english = sum(word in _ENGLISH_HINTS for word in words)
    return "es" if spanish > english else "en"


def understand(question: str) -> Understanding:
    """Return the language, intent and product words of `question`."""
    language = detect_language(question)
    folded = " " + " ".join(_NON_WORD.sub(" ", fold(question)).split()) + " "

    words = tokens(question)
    product_words = tuple(word for word in words if word not in _STOPWORDS)
    phrase = _product_phrase(question)
    first_word = folded.split()[0] if folded.strip() else ""
    business = _contains_any(folded, _BUSINESS_WORDS)
    if first_word in _WRITING_STARTS or _contains_any(folded, _WRITING_WORDS):
        return Understanding(question, language, Intent.WRITING, product_words, False, frozenset(words), phrase,
                             business)

    if _contains_any(folded, _PRICING_PHRASES):
        return Understanding(question, language, Intent.PRICING, product_words, True, frozenset(words), phrase,
                             business)

    stock_strong = _contains_any(folded, _STOCK_STRONG)
    price_strong = _contains_any(folded, _PRICE_STRONG)
    if stock_strong and not price_strong:
        intent, explicit = Intent.STOCK, True
    elif price_strong:
        intent, explicit = Intent.PRICE, True
    elif _contains_any(folded, _PRICE_WEAK):
        intent, explicit = Intent.PRICE, False
    elif _contains_any(folded, _STOCK_WEAK):
        intent, explicit = Intent.STOCK, False
    else:
        intent, explicit = Intent.CHAT, False

    return Understanding(question, language, intent, product_words, explicit, frozenset(words), phrase, business)


def _product_phrase(question: str) -> str:
    kept = []
    for raw in question.split():
        word = raw.strip(".,;:!?¿¡()[]\"'")
        stems = tokens(word)
        if stems and not all(stem in _STOPWORDS or stem in PACKAGING_WORDS for stem in stems):
            kept.append(word)
    return " ".join(kept)


def _contains_any(folded: str, phrases: tuple[str, ...]) -> bool:
    return any(f" {phrase} " in folded for phrase in phrases)

