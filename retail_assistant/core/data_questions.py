"""Data questions (stock, price): the products a question names and the computed answer.

The numbers come from the catalogue. The local model may reword a single-product
answer, and the rewording is used only when `check_phrasing` accepts it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from retail_assistant.core.answers import DataAnswer, check_phrasing, not_found_answer, price_answer, stock_answer
from retail_assistant.core.cache import Dependencies
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.catalog import Product
from retail_assistant.core.chat import PHRASING, ChatMessage
from retail_assistant.core.errors import ModelError, PricingError
from retail_assistant.core.matching import ProductIndex
from retail_assistant.core.ports import Catalog, PricingAdvisor, TextGenerator
from retail_assistant.core.routing import Reason
from retail_assistant.core.understanding import PACKAGING_WORDS, Intent, Understanding

__all__ = ["DataQuestions", "DataResult", "looks_like_code", "words_with_digits"]

log = logging.getLogger(__name__)

_PHRASING_SYSTEM = {
    "en": "Rewrite the shop fact as one short, friendly sentence in English. "
    "Copy every number and product name exactly. Add nothing else.",
    "es": "Reescribe el dato de la tienda como una frase breve y amable en español. "
    "Copia exactamente cada número y nombre de producto. No añadas nada más.",
}


@dataclass(frozen=True)
class DataResult:
    """A data answer: its text, why, the products it read and the versions to cache it under."""

    text: str
    reason: Reason
    skus: tuple[str, ...]
    dependencies: Dependencies | None
    """None when the answer must not be cached (no product matched)."""
    details: dict[str, object] = field(default_factory=dict)


class DataQuestions:
    """Answers stock and price questions from the catalogue."""

    def __init__(
        self, catalog: Catalog, generator: TextGenerator, *, reword: bool, pricing: PricingAdvisor | None = None
    ) -> None:
        self._catalog = catalog
        self._pricing = pricing
        self._generator = generator
        self._reword = reword
        self._index_lock = threading.Lock()
        self._index: tuple[str, ProductIndex] | None = None

    def answer(self, understood: Understanding, cancel: CancelToken | None) -> DataResult | None:
        """Return the data answer to `understood`, or None when it names no product and reads as chat."""
        names_version = self._catalog.names_version()
        products, unique, total = self.find_products(understood)
        language = understood.language

        if not products:
            if not understood.explicit and not any(looks_like_code(word) for word in words_with_digits(understood.question)):
                # "How many days to Christmas?" names no product: it is chat, not a data question.
                return None
            text = not_found_answer(understood.product_phrase.split(), [], language)
            return DataResult(text, Reason.NO_PRODUCT, (), None)

        if understood.intent is Intent.PRICING:
            return self._pricing_answer(products, unique, language)

        more = total - len(products)
        if understood.intent is Intent.STOCK:
            data = stock_answer(products, language, more=more)
        else:
            data = price_answer(products, language, more=more)
        skus = tuple(product.sku for product in products)
        dependencies = Dependencies(names_version, {product.sku: product.version for product in products})

        # A data answer never waits for the model: rewording is skipped while it loads.
        if not (self._reword and data.rewordable and self._generator.ready):
            return DataResult(data.text, Reason.SHOP_DATA, skus, dependencies)

        reworded = self._reworded(data, language, cancel)
        if reworded is None:
            return DataResult(data.text, Reason.SHOP_DATA, skus, dependencies)
        if check_phrasing(reworded, data):
            return DataResult(reworded, Reason.SHOP_DATA_REWORDED, skus, dependencies, {"plain_answer": data.text})
        return DataResult(data.text, Reason.SHOP_DATA_REWORDING_REJECTED, skus, dependencies,
                          {"rejected_wording": reworded})

    def _pricing_answer(self, products: list[Product], unique: bool, language: str) -> DataResult:
        skus = tuple(product.sku for product in products)
        if not unique:
            names = ", ".join(product.name(language) for product in products)
            text = (f"Several products match; name one of them: {names}." if language == "en"
                    else f"Coinciden varios productos; nombra uno de ellos: {names}.")
            return DataResult(text, Reason.SHOP_DATA, skus, None)
        if self._pricing is None:
            text = ("The pricing model is not available in this installation." if language == "en"
                    else "El modelo de precios no está disponible en esta instalación.")
            return DataResult(text, Reason.PRICING_UNAVAILABLE, skus, None)
        try:
            advice = self._pricing.advise(products[0], language)
        except PricingError as error:
            log.error("pricing %s failed: %s", products[0].sku, error)
            text = (f"The pricing model failed: {error}" if language == "en"
                    else f"El modelo de precios falló: {error}")
            return DataResult(text, Reason.PRICING_UNAVAILABLE, skus, None)
        # Not cached: a recommendation also reads sales, batches and promotions, which
        # the product's row version does not cover.
        return DataResult(advice.text, Reason.PRICING_MODEL, skus, None)

    def find_products(self, understood: Understanding) -> tuple[list[Product], bool, int]:
        """Return the products the question names (freshly read), whether the match is unique,
        and how many products matched in all (more than are returned when many do).

        A SKU or barcode written in the question wins over any name match.
        """
        for code in words_with_digits(understood.question):
            product = self._catalog.product_by_code(code)
            if product is not None:
                return [product], True, 1

        result = self._product_index().match(
            understood.product_words, optional=PACKAGING_WORDS, context=understood.all_words
        )
        products = [product for sku in result.skus if (product := self._catalog.product(sku)) is not None]
        return products, result.unique, max(result.total, len(products))

    def _reworded(self, data: DataAnswer, language: str, cancel: CancelToken | None) -> str | None:
        messages = [ChatMessage("system", _PHRASING_SYSTEM[language]), ChatMessage("user", data.facts)]
        try:
            return "".join(self._generator.stream(messages, PHRASING, cancel=cancel)).strip()
        except ModelError as error:
            log.warning("cannot reword a data answer, showing the plain wording: %s", error)
            return None

    def _product_index(self) -> ProductIndex:
        version = self._catalog.version()
        with self._index_lock:
            if self._index is None or self._index[0] != version:
                self._index = (version, ProductIndex(self._catalog.products()))
            return self._index[1]


def words_with_digits(question: str) -> list[str]:
    """Return the words of `question` that may be a SKU or a barcode: they contain a digit."""
    words = (word.strip(".,;:!?¿¡()[]\"'") for word in question.split())
    return [word for word in words if len(word) >= 3 and any(char.isdigit() for char in word)]


def looks_like_code(word: str) -> bool:
    """Return whether `word` reads as an identifier ("MIE-001", "8410000000017") rather than a year or amount."""
    has_letter = any(char.isalpha() for char in word)
    return has_letter or len(word) >= 6 or any(char in "-_/" for char in word)
