"""The events of one answer: where it runs, its text as it streams, and the finished answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from retail_assistant.core.routing import Reason, Route
from retail_assistant.core.understanding import Intent

__all__ = ["Answer", "AnswerEvent", "AnswerStarted", "AnswerText"]


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
    """The finished answer: the last event of `Assistant.ask`, and what `Assistant.answer` returns."""

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
