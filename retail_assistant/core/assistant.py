"""The assistant: from a question to an answer that states where it ran and why.

One question takes this route. It is understood locally. Data questions (stock, price)
are answered from the catalogue and never leave the machine. Other questions are
routed by `routing.decide` to the cloud or the local model, weighing the task, the
privacy of the text, the shop's policy, the budget and whether the cloud is
reachable. Before any model runs, the cache is asked for a still-valid answer. Text
sent to the cloud has its personal data masked, and the masked values are put back
into the reply as it streams. When the cloud fails before any text, the local model
answers instead and says so; a writing task is also queued for the cloud when the
line is down. `ask` yields events so that a window can show the route first and then
the text as it streams.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from retail_assistant.core.answer_events import Answer, AnswerEvent, AnswerStarted, AnswerText
from retail_assistant.core.cache import AnswerCache, Dependencies, cache_key
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import CHAT, ChatMessage, GenerationOptions
from retail_assistant.core.data_questions import DataQuestions
from retail_assistant.core.errors import (
    CloudConnectionLost,
    CloudError,
    CloudStreamInterrupted,
    CloudTimeout,
    CloudUnavailable,
    InputError,
    ModelError,
)
from retail_assistant.core.ports import Catalog, CloudGateway, PricingAdvisor, TaskQueue, TextGenerator
from retail_assistant.core.privacy import Masked, PlaceholderRestorer, mask_personal_data
from retail_assistant.core.routing import (
    CloudState,
    Privacy,
    Reason,
    Route,
    RouteDecision,
    RouteRequest,
    TaskKind,
    decide,
)
from retail_assistant.core.understanding import Intent, Understanding, understand

__all__ = [
    "MAX_QUESTION_CHARS",
    "Answer",
    "AnswerEvent",
    "AnswerStarted",
    "AnswerText",
    "Assistant",
]

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 4000
"""Longer questions are rejected: they are pasted documents, not questions."""

DATA_ANSWER_TTL = 24 * 3600.0
"""Seconds a data answer may be reused; its data versions usually expire it sooner."""

CLOUD_ANSWER_TTL = 7 * 24 * 3600.0
LOCAL_ANSWER_TTL = 24 * 3600.0

_LOCAL_MODEL = "local-model"
_DATA_MODEL = "shop-data"
_NO_CLOUD = CloudState(configured=False, reachable=False)
_OFFLINE_ERRORS = (CloudConnectionLost, CloudUnavailable, CloudTimeout)

_SYSTEM = {
    "en": "You are the helpful assistant of a small shop. Answer briefly and politely in English. "
    "You cannot see the shop's stock, prices or sales.",
    "es": "Eres el asistente de una pequeña tienda. Responde en español, de forma breve y amable. "
    "No ves las existencias, los precios ni las ventas de la tienda.",
}


class Assistant:
    """Answers questions about one shop from its catalogue, the local model and the cloud."""

    def __init__(
        self,
        catalog: Catalog,
        generator: TextGenerator,
        *,
        cloud: CloudGateway | None = None,
        cache: AnswerCache | None = None,
        queue: TaskQueue | None = None,
        pricing: PricingAdvisor | None = None,
        reword_data_answers: bool = True,
        chat_max_tokens: int = CHAT.max_tokens,
    ) -> None:
        self._generator = generator
        self._cloud = cloud
        self._cache = cache
        self._queue = queue
        self._data = DataQuestions(catalog, generator, reword=reword_data_answers, pricing=pricing)
        self._chat_options = replace(CHAT, max_tokens=chat_max_tokens)

    def answer(self, question: str, *, route: Route | None = None, cancel: CancelToken | None = None) -> Answer:
        """Return the finished answer to `question`."""
        for event in self.ask(question, route=route, cancel=cancel):
            if isinstance(event, Answer):
                return event
        raise AssertionError("ask() ended without an Answer")

    def ask(
        self, question: str, *, route: Route | None = None, cancel: CancelToken | None = None
    ) -> Iterator[AnswerEvent]:
        """Yield AnswerStarted, then AnswerText pieces, then the finished Answer.

        `route` forces local or cloud for this question (data questions stay local).
        Raises InputError for an empty or oversized question, or a forced cloud route
        when no cloud is set up.
        """
        text = question.strip()
        _check_question(text)

        started = time.perf_counter()
        first_text: float | None = None
        understood = understand(text)
        for event in self._events(understood, route, cancel):
            if isinstance(event, AnswerText) and first_text is None:
                first_text = time.perf_counter() - started
            if isinstance(event, Answer):
                # Time to the first text is what a person waits for; the whole answer's
                # time also depends on its length and the machine's load.
                details = {**event.details, "first_text_seconds": round(first_text or 0.0, 3)}
                event = replace(event, seconds=time.perf_counter() - started, details=details)
                log.info("answered %s question via %s (%s) in %.3f s", event.intent.value,
                         event.route.value, event.reason.value, event.seconds)
            yield event

    def _events(self, understood: Understanding, forced: Route | None, cancel: CancelToken | None) -> Iterator[AnswerEvent]:
        if understood.intent in (Intent.STOCK, Intent.PRICE, Intent.PRICING):
            data_events = self._data_events(understood, forced, cancel)
            if data_events is not None:
                yield from data_events
                return
            understood = replace(understood, intent=Intent.CHAT)
        yield from self._generated(understood, forced, cancel)

    # -- data questions --------------------------------------------------------------------

    def _data_events(
        self, understood: Understanding, forced: Route | None, cancel: CancelToken | None
    ) -> list[AnswerEvent] | None:
        key = cache_key(understood.question, language=understood.language, route=Route.LOCAL.value, model=_DATA_MODEL)
        if forced is None:
            cached = self._cached(key)
            if cached is not None:
                return self._replay(understood, cached)

        result = self._data.answer(understood, cancel)
        if result is None:
            return None
        reason = Reason.DATA_STAYS_LOCAL if forced is Route.CLOUD else result.reason
        events = _final(understood, result.text, Route.LOCAL, reason, result.skus, result.details)
        if result.dependencies is not None:
            self._store(key, understood, Route.LOCAL, _DATA_MODEL, events[-1], result.dependencies, DATA_ANSWER_TTL)
        return events

    # -- chat and writing ------------------------------------------------------------------

    def _generated(
        self, understood: Understanding, forced: Route | None, cancel: CancelToken | None
    ) -> Iterator[AnswerEvent]:
        masked = mask_personal_data(understood.question)
        cloud = self._cloud_state(forced)
        if forced is Route.CLOUD and not cloud.configured:
            raise InputError(
                "no cloud service is set up, so --route cloud cannot be used; set RETAIL_ASSISTANT_CLOUD_URL "
                "(and RETAIL_ASSISTANT_CLOUD_MODEL) or the cloud settings, or use --route local"
            )
        kind = TaskKind.WRITING if understood.intent is Intent.WRITING else TaskKind.CHAT
        decision = decide(RouteRequest(kind, _privacy(understood, masked), forced), cloud)

        if forced is None:
            for route, model in self._cache_candidates(decision, cloud):
                key = cache_key(understood.question, language=understood.language, route=route.value, model=model)
                cached = self._cached(key)
                if cached is not None:
                    yield from self._replay(understood, cached)
                    return

        if decision.route is Route.CLOUD and self._cloud is not None:
            yield from self._cloud_answer(understood, masked, decision, cancel)
        else:
            yield from self._local_answer(understood, decision, cancel)

    def _cloud_answer(
        self, understood: Understanding, masked: Masked, decision: RouteDecision, cancel: CancelToken | None
    ) -> Iterator[AnswerEvent]:
        assert self._cloud is not None
        language = understood.language
        messages = [ChatMessage("system", _SYSTEM[language]), ChatMessage("user", masked.text)]
        restorer = PlaceholderRestorer(masked.values)
        details: dict[str, object] = {"model": self._cloud.model}
        if masked.found:
            details["masked"] = masked.kinds()
        if decision.budget_warning:
            details["budget_warning"] = True

        pieces: list[str] = []
        stream = restorer.restore_all(
            self._cloud.stream(messages, self._chat_options, cancel=cancel, reason=decision.reason.value)
        )
        try:
            for piece in stream:
                if not pieces:
                    yield AnswerStarted(Route.CLOUD, decision.reason, understood.intent, language)
                pieces.append(piece)
                yield AnswerText(piece)
        except CloudStreamInterrupted as error:
            # Text was shown: keep it, say it is cut, and never restart it silently.
            partial = "".join(pieces) or getattr(error, "partial_text", "")
            yield Answer(understood.question, partial, Route.CLOUD, Reason.CLOUD_INTERRUPTED, understood.intent, language,
                         details={**details, "interrupted": True, "error": str(error),
                                  "retry": "ask again to retry the whole answer"})
            return
        except CloudError as error:
            if pieces:
                yield Answer(understood.question, "".join(pieces), Route.CLOUD, Reason.CLOUD_INTERRUPTED, understood.intent,
                             language, details={**details, "interrupted": True, "error": str(error)})
                return
            log.warning("cloud call failed before any text, answering locally: %s", error)
            offline = isinstance(error, _OFFLINE_ERRORS)
            fallback = RouteDecision(Route.LOCAL, Reason.CLOUD_UNREACHABLE if offline else Reason.CLOUD_FAILED,
                                     queue_for_cloud=offline)
            yield from self._local_answer(understood, fallback, cancel, extra={"cloud_error": str(error)})
            return

        stopped = cancel is not None and cancel.cancelled
        answer = Answer(understood.question, "".join(pieces).strip(), Route.CLOUD, decision.reason, understood.intent,
                        language, stopped=stopped, details=details)
        if not pieces:
            yield AnswerStarted(Route.CLOUD, decision.reason, understood.intent, language)
        if not stopped and answer.text:
            key = cache_key(understood.question, language=language, route=Route.CLOUD.value, model=self._cloud.model)
            self._store(key, understood, Route.CLOUD, self._cloud.model, answer, Dependencies(), CLOUD_ANSWER_TTL)
        yield answer

    def _local_answer(
        self,
        understood: Understanding,
        decision: RouteDecision,
        cancel: CancelToken | None,
        *,
        extra: dict[str, object] | None = None,
    ) -> Iterator[AnswerEvent]:
        language = understood.language
        reason = decision.reason
        if reason is Reason.SHORT_CHAT_LOCAL or (reason is Reason.CLOUD_NOT_CONFIGURED and understood.intent is Intent.CHAT):
            reason = Reason.GENERAL_CHAT
        messages = [ChatMessage("system", _SYSTEM[language]), ChatMessage("user", understood.question)]
        yield AnswerStarted(Route.LOCAL, reason, understood.intent, language)

        pieces: list[str] = []
        try:
            for piece in self._generator.stream(messages, self._chat_options, cancel=cancel):
                pieces.append(piece)
                yield AnswerText(piece)
        except ModelError as error:
            message = _model_unavailable_text(error, language)
            yield AnswerText(message)
            yield Answer(understood.question, message, Route.LOCAL, Reason.MODEL_UNAVAILABLE, understood.intent,
                         language, details=dict(extra or {}))
            return

        text = "".join(pieces).strip()
        stopped = cancel is not None and cancel.cancelled
        details: dict[str, object] = dict(extra or {})
        if decision.queue_for_cloud:
            details["provisional"] = True
            if self._queue is not None and not stopped:
                details["queued_task"] = self._queue.enqueue(
                    understood.question, language=language, reason=reason.value, provisional_answer=text
                )
        answer = Answer(understood.question, text, Route.LOCAL, reason, understood.intent, language,
                        stopped=stopped, details=details)
        if not stopped and text and not decision.queue_for_cloud and reason is not Reason.CLOUD_FAILED:
            key = cache_key(understood.question, language=language, route=Route.LOCAL.value, model=_LOCAL_MODEL)
            self._store(key, understood, Route.LOCAL, _LOCAL_MODEL, answer, Dependencies(), LOCAL_ANSWER_TTL)
        yield answer

    # -- cache and cloud state -------------------------------------------------------------

    def _cloud_state(self, forced: Route | None) -> CloudState:
        if self._cloud is None or forced is Route.LOCAL:
            return _NO_CLOUD if self._cloud is None else CloudState(configured=True, reachable=False)
        return self._cloud.state()

    def _cache_candidates(self, decision: RouteDecision, cloud: CloudState) -> list[tuple[Route, str]]:
        candidates: list[tuple[Route, str]] = []
        # A cloud answer already on this machine is served even offline: nothing is sent.
        if self._cloud is not None and cloud.configured:
            candidates.append((Route.CLOUD, self._cloud.model))
        if decision.route is Route.LOCAL:
            candidates.append((Route.LOCAL, _LOCAL_MODEL))
        return candidates

    def _cached(self, key: str) -> dict[str, Any] | None:
        if self._cache is None:
            return None
        return self._cache.get(key)

    def _replay(self, understood: Understanding, cached: dict[str, Any]) -> list[AnswerEvent]:
        details = {"cached_route": cached.get("route"), "cached_reason": cached.get("reason_code")}
        for name in ("model", "masked"):
            if name in cached:
                details[name] = cached[name]
        return _final(understood, str(cached.get("answer", "")), Route.CACHE, Reason.CACHED,
                      tuple(cached.get("skus", [])), details)

    def _store(
        self,
        key: str,
        understood: Understanding,
        route: Route,
        model: str,
        answer: AnswerEvent,
        dependencies: Dependencies,
        ttl: float,
    ) -> None:
        if self._cache is None or not isinstance(answer, Answer):
            return
        self._cache.put(key, question=understood.question, route=route.value, model=model,
                        answer=answer.to_dict(), dependencies=dependencies, ttl_seconds=ttl)


def _check_question(text: str) -> None:
    if not text:
        raise InputError("the question is empty; type a question such as \"How many jars of honey are left?\"")
    if not any(char.isalnum() for char in text):
        raise InputError(
            f"the question {text!r} has no words; type a question such as \"How many jars of honey are left?\""
        )
    if len(text) > MAX_QUESTION_CHARS:
        raise InputError(f"the question has {len(text)} characters, more than {MAX_QUESTION_CHARS}; shorten it")


def _privacy(understood: Understanding, masked: Masked) -> Privacy:
    if understood.mentions_business_data:
        return Privacy.BUSINESS
    if masked.found:
        return Privacy.PERSONAL
    return Privacy.PUBLIC


def _final(
    understood: Understanding,
    text: str,
    route: Route,
    reason: Reason,
    skus: tuple[str, ...] = (),
    details: dict[str, object] | None = None,
) -> list[AnswerEvent]:
    language = understood.language
    return [
        AnswerStarted(route, reason, understood.intent, language),
        AnswerText(text),
        Answer(understood.question, text, route, reason, understood.intent, language, skus, details=details or {}),
    ]


def _model_unavailable_text(error: ModelError, language: str) -> str:
    if language == "es":
        return f"El modelo local no está disponible: {error}. Las preguntas de existencias y precios siguen funcionando."
    return f"The local model is not available: {error}. Stock and price questions still work."
