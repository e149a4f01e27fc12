"""Fakes and fixtures for the cloud parts of the window: a keyring in memory, a probed gateway, routed answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence

import keyring
import keyring.backend
import keyring.errors
import pytest
from PySide6.QtCore import QTimer

from retail_assistant.adapters.cloud_gateway import OnlineState
from retail_assistant.core.assistant import Answer, AnswerEvent, AnswerStarted, AnswerText
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.routing import CloudState, Policy, Reason, Route
from retail_assistant.core.understanding import Intent


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps passwords in a dict, so no test touches the system's keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(f"no password for {username}")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A MemoryKeyring installed as the keyring library's backend for one test, then the previous one again."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class FakeProbedCloud:
    """A cloud gateway whose probe takes `delay` seconds and finds it `reachable`; records the probing threads."""

    model = "fake-cloud-model"
    endpoint = "http://127.0.0.1:9/v1"

    def __init__(self, *, reachable: bool = True, reason: str = "the fake answered", delay: float = 0.0,
                 configured: bool = True) -> None:
        self.reachable = reachable
        self.reason = reason
        self.delay = delay
        self.configured = configured
        self.online = OnlineState(time.monotonic)
        self.check_threads: list[int] = []

    @property
    def checks(self) -> int:
        """How many probes ran."""
        return len(self.check_threads)

    def check(self) -> bool:
        self.check_threads.append(threading.get_ident())
        time.sleep(self.delay)
        self.online.set(self.reachable, self.reason)
        return self.reachable

    def state(self) -> CloudState:
        return CloudState(configured=self.configured, reachable=self.reachable, policy=Policy.AUTOMATIC)


def answer(question: str, text: str, route: Route, reason: Reason, **details: object) -> Answer:
    """Return a finished writing answer with `details`."""
    return Answer(question, text, route, reason, Intent.WRITING, "en", details=dict(details))


class RoutedAsk:
    """Answers each question with the Answer scripted for it, streamed in two pieces; records questions and routes."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.questions: list[str] = []
        self.routes: list[Route | None] = []

    def __call__(self, question: str, *, route: Route | None = None,
                 cancel: CancelToken | None = None) -> Iterator[AnswerEvent]:
        self.questions.append(question)
        self.routes.append(route)
        final = self.answers[question]
        yield AnswerStarted(final.route, final.reason, final.intent, final.language)
        half = len(final.text) // 2
        for piece in (final.text[:half], final.text[half:]):
            yield AnswerText(piece)
        yield final


class TickCounter:
    """Counts the ticks of a GUI-thread timer and the longest gap between two, to show the window kept running."""

    def __init__(self, interval_ms: int = 20) -> None:
        self.times: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self._timer.start()

    @property
    def ticks(self) -> int:
        return len(self.times)

    def longest_gap(self) -> float:
        """Return the longest time in seconds between two ticks."""
        gaps: Sequence[float] = [later - earlier for earlier, later in zip(self.times, self.times[1:])]
        return max(gaps, default=0.0)

    def stop(self) -> None:
        self._timer.stop()
