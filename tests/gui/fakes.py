"""Fake ask functions with the same events as `Assistant.ask`, for tests that need no model."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence

from retail_assistant.core.assistant import Answer, AnswerEvent, AnswerStarted, AnswerText
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.routing import Reason, Route
from retail_assistant.core.understanding import Intent


def started() -> AnswerStarted:
    """Return the first event of a local chat answer."""
    return AnswerStarted(Route.LOCAL, Reason.GENERAL_CHAT, Intent.CHAT, "en")


def finished(question: str, text: str, *, stopped: bool = False) -> Answer:
    """Return the last event of a local chat answer."""
    return Answer(question, text, Route.LOCAL, Reason.GENERAL_CHAT, Intent.CHAT, "en", stopped=stopped)


class ScriptedAsk:
    """Answers every question with `pieces`, recording the questions, their forced routes and how many ran at once."""

    def __init__(self, pieces: Sequence[str] = ("Hello", " there"), *, delay: float = 0.0,
                 errors: dict[str, Exception] | None = None) -> None:
        self.pieces = list(pieces)
        self.delay = delay
        self.errors = errors or {}
        self.questions: list[str] = []
        self.routes: list[Route | None] = []
        self.max_running = 0
        self._running = 0
        self._lock = threading.Lock()

    def __call__(self, question: str, *, route: Route | None = None,
                 cancel: CancelToken | None = None) -> Iterator[AnswerEvent]:
        with self._lock:
            self.questions.append(question)
            self.routes.append(route)
            self._running += 1
            self.max_running = max(self.max_running, self._running)
        try:
            if question in self.errors:
                raise self.errors[question]
            yield started()
            sent: list[str] = []
            for piece in self.pieces:
                if cancel is not None and cancel.cancelled:
                    break
                time.sleep(self.delay)
                sent.append(piece)
                yield AnswerText(piece)
            yield finished(question, "".join(sent), stopped=cancel is not None and cancel.cancelled)
        finally:
            with self._lock:
                self._running -= 1


class EndlessAsk:
    """Streams "word " pieces until cancelled, then finishes as stopped."""

    def __call__(self, question: str, *, route: Route | None = None,
                 cancel: CancelToken | None = None) -> Iterator[AnswerEvent]:
        assert cancel is not None
        yield started()
        sent: list[str] = []
        while not cancel.cancelled:
            time.sleep(0.005)
            sent.append("word ")
            yield AnswerText("word ")
        yield finished(question, "".join(sent), stopped=True)
