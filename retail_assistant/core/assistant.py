"""The assistant: from a question to an answer that says where it ran and why.

Data questions (stock, price) are answered from the catalogue; the local model may
reword such an answer, and the rewording is shown only when `check_phrasing` accepts
it. Every other question goes to the local model as chat. `ask` yields events so that
a window can show the route first and then the text as it streams.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from retail_assistant.core.answers import DataAnswer, check_phrasing, not_found_answer, price_answer, stock_answer
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.catalog import Product
from retail_assistant.core.chat import CHAT, PHRASING, ChatMessage
from retail_assistant.core.errors import InputError, ModelError
from retail_assistant.core.matching import ProductIndex
from retail_assistant.core.ports import Catalog, TextGenerator
from retail_assistant.core.routing import Reason, Route
from retail_assistant.core.understanding import PACKAGING_WORDS, Intent, Understanding, understand

__all__ = ["Answer", "AnswerEvent", "AnswerStarted", "AnswerText", "Assistant", "MAX_QUESTION_CHARS"]

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 4000
"""Longer questions are rejected: they are pasted documents, not questions."""

_CHAT_SYSTEM = {
    "en": "You are the helpful assistant of a small shop. Answer briefly and politely in English. "
    "You cannot see the shop's stock, prices or sales.",
    "es": "Eres el asistente de una pequeña tienda. Responde en español, de forma breve y amable. "
    "No ves las existencias, los precios ni las ventas de la tienda.",
}
_PHRASING_SYSTEM = {
    "en": "Rewrite the shop fact as one short, friendly sentence in English. "
    "Copy every number and product name exactly. Add nothing else.",
    "es": "Reescribe el dato de la tienda como una frase breve y amable en español. "
    "Copia exactamente cada número y nombre de producto. No añadas nada más.",
}


@dataclass(frozen=True)
class AnswerStarted:
    """The first event of an answer: where it runs and why."""

    route: Route
    reason: Reason
    intent: Intent
    language: str


@dataclass(frozen=True)
class AnswerText:
    """A piece of the answer's text, in order."""

    text: str


@dataclass(frozen=True)
class Answer:
    """The finished answer: the last event of `ask`, and what `answer` returns."""

    question: str
    text: str
    route: Route
    reason: Reason
    intent: Intent
    language: str
    skus: tuple[str, ...] = ()
    stopped: bool = False
    seconds: float = 0.0
    details: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """Return the answer as plain JSON-ready values."""
        return {
            "question": self.question,
            "answer": self.text,
            "route": self.route.value,
            "reason": self.reason.text(self.language),
            "reason_code": self.reason.value,
            "intent": self.intent.value,
            "language": self.language,
            "skus": list(self.skus),
            "stopped": self.stopped,
            "seconds": round(self.seconds, 3),
            **self.details,
        }


AnswerEvent = AnswerStarted | AnswerText | Answer


class Assistant:
    """Answers questions about one shop from its catalogue and a local model."""

    def __init__(
        self,
        catalog: Catalog,
        generator: TextGenerator,
        *,
        reword_data_answers: bool = True,
        chat_max_tokens: int = CHAT.max_tokens,
    ) -> None:
        self._catalog = catalog
        self._generator = generator
        self._reword = reword_data_answers
        self._chat_options = replace(CHAT, max_tokens=chat_max_tokens)
        self._index_lock = threading.Lock()
        self._index: tuple[str, ProductIndex] | None = None

    def answer(self, question: str, *, cancel: CancelToken | None = None) -> Answer:
        """Return the finished answer to `question`."""
        for event in self.ask(question, cancel=cancel):
            if isinstance(event, Answer):
                return event
        raise AssertionError("ask() ended without an Answer")

    def ask(self, question: str, *, cancel: CancelToken | None = None) -> Iterator[AnswerEvent]:
        """Yield AnswerStarted, then AnswerText pieces, then the finished Answer.

        Raises InputError for an empty or oversized question.
        """
        text = question.strip()
        if not text:
            raise InputError("the question is empty; type a question such as \"How many jars of honey are left?\"")
        if not any(char.isalnum() for char in text):
            raise InputError(
                f"the question {text!r} has no words; type a question such as \"How many jars of honey are left?\""
            )
        if len(text) > MAX_QUESTION_CHARS:
            raise InputError(
                f"the question has {len(text)} characters, more than {MAX_QUESTION_CHARS}; shorten it"
            )

        started = time.perf_counter()
        understood = understand(text)
        if understood.intent is Intent.CHAT:
            events = self._chat(understood, cancel)
        else:
            events = self._data(understood, cancel)

        for event in events:
            if isinstance(event, Answer):
                event = _with_time(event, time.perf_counter() - started)
                log.info("answered %s question via %s (%s) in %.3f s", event.intent.value,
                         event.route.value, event.reason.value, event.seconds)
            yield event

    def find_products(self, understood: Understanding) -> tuple[list[Product], bool, int]:
        """Return the products the question names (freshly read), whether the match is unique,
        and how many products matched in all (more than are returned when many do).

        A SKU or barcode written in the question wins over any name match.
        """
        for code in _codes(understood.question):
            product = self._catalog.product_by_code(code)
            if product is not None:
                return [product], True, 1

        result = self._product_index().match(
            understood.product_words, optional=PACKAGING_WORDS, context=understood.all_words
        )
        products = [product for sku in result.skus if (product := self._catalog.product(sku)) is not None]
        return products, result.unique, max(result.total, len(products))

    def _data(self, understood: Understanding, cancel: CancelToken | None) -> Iterator[AnswerEvent]:
        products, unique, total = self.find_products(understood)
        language = understood.language

        if not products:
            if not understood.explicit and not any(_looks_like_code(code) for code in _codes(understood.question)):
                # "How many days to Christmas?" names no product: it is chat, not a data question.
                yield from self._chat(understood, cancel)
                return
            yield from self._final(understood, not_found_answer(understood.product_phrase.split(), [], language),
                                   Reason.NO_PRODUCT)
            return

        more = total - len(products)
        if understood.intent is Intent.STOCK:
            data = stock_answer(products, language, more=more)
        else:
            data = price_answer(products, language, more=more)
        skus = tuple(product.sku for product in products)

        # A data answer never waits for the model: rewording is skipped while it loads.
        if not (self._reword and data.rewordable and self._generator.ready):
            yield from self._final(understood, data.text, Reason.SHOP_DATA, skus)
            return

        reworded = self._reworded(data, language, cancel)
        if reworded is None:
            yield from self._final(understood, data.text, Reason.SHOP_DATA, skus)
            return
        if check_phrasing(reworded, data):
            yield from self._final(understood, reworded, Reason.SHOP_DATA_REWORDED, skus,
                                   details={"plain_answer": data.text})
            return
        yield from self._final(understood, data.text, Reason.SHOP_DATA_REWORDING_REJECTED, skus,
                               details={"rejected_wording": reworded})

    def _reworded(self, data: DataAnswer, language: str, cancel: CancelToken | None) -> str | None:
        messages = [ChatMessage("system", _PHRASING_SYSTEM[language]), ChatMessage("user", data.facts)]
        try:
            return "".join(self._generator.stream(messages, PHRASING, cancel=cancel)).strip()
        except ModelError as error:
            log.warning("cannot reword a data answer, showing the plain wording: %s", error)
            return None

    def _chat(self, understood: Understanding, cancel: CancelToken | None) -> Iterator[AnswerEvent]:
        language = understood.language
        messages = [ChatMessage("system", _CHAT_SYSTEM[language]), ChatMessage("user", understood.question)]
        yield AnswerStarted(Route.LOCAL, Reason.GENERAL_CHAT, Intent.CHAT, language)

        pieces: list[str] = []
        try:
            for piece in self._generator.stream(messages, self._chat_options, cancel=cancel):
                pieces.append(piece)
                yield AnswerText(piece)
        except ModelError as error:
            message = _model_unavailable_text(error, language)
            yield AnswerText(message)
            yield Answer(understood.question, message, Route.LOCAL, Reason.MODEL_UNAVAILABLE, Intent.CHAT, language)
            return

        stopped = cancel is not None and cancel.cancelled
        yield Answer(understood.question, "".join(pieces).strip(), Route.LOCAL, Reason.GENERAL_CHAT,
                     Intent.CHAT, language, stopped=stopped)

    def _final(
        self,
        understood: Understanding,
        text: str,
        reason: Reason,
        skus: tuple[str, ...] = (),
        *,
        details: dict[str, object] | None = None,
    ) -> Iterator[AnswerEvent]:
        language = understood.language
        yield AnswerStarted(Route.LOCAL, reason, understood.intent, language)
        yield AnswerText(text)
        yield Answer(understood.question, text, Route.LOCAL, reason, understood.intent, language, skus,
                     details=details or {})

    def _product_index(self) -> ProductIndex:
        version = self._catalog.version()
        with self._index_lock:
            if self._index is None or self._index[0] != version:
                self._index = (version, ProductIndex(self._catalog.products()))
            return self._index[1]


def _codes(question: str) -> list[str]:
    """Return the words of `question` that may be a SKU or a barcode: they contain a digit."""
    words = (word.strip(".,;:!?¿¡()[]\"'") for word in question.split())
    return [word for word in words if len(word) >= 3 and any(char.isdigit() for char in word)]


def _looks_like_code(word: str) -> bool:
    """Return whether `word` reads as an identifier ("MIE-001", "8410000000017") rather than a year or amount."""
    has_letter = any(char.isalpha() for char in word)
    return has_letter or len(word) >= 6 or any(char in "-_/" for char in word)


def _model_unavailable_text(error: ModelError, language: str) -> str:
    if language == "es":
        return f"El modelo local no está disponible: {error}. Las preguntas de existencias y precios siguen funcionando."
    return f"The local model is not available: {error}. Stock and price questions still work."


def _with_time(answer: Answer, seconds: float) -> Answer:
    return replace(answer, seconds=seconds)
