"""The record of one cloud call, kept for the cloud log the shop owner reads.

A record contains what the call cost and how it ended, never the text sent or received. When
the provider reports no usage (llama-cpp-python's server never does), the token counts are
estimated from the text length and marked as estimated, so a budget still sees the call.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from retail_assistant.adapters.cloud.protocol import Usage
from retail_assistant.core.chat import ChatMessage

__all__ = ["CallOutcome", "CallRecord", "estimate_usage"]

# About four characters per token for English and Spanish text with the usual BPE vocabularies,
# plus a few tokens of role markup per message. A rough estimate, used only when no usage came.
_CHARACTERS_PER_TOKEN = 4
_TOKENS_PER_MESSAGE = 4


class CallOutcome(enum.Enum):
    """The end state of a cloud call."""

    COMPLETED = "completed"
    CANCELLED = "cancelled"
    """The user pressed Stop, or the caller stopped reading the stream."""
    INTERRUPTED = "interrupted"
    """The reply stopped after some text arrived; the caller kept that text."""
    FAILED = "failed"
    REJECTED = "rejected"
    """Not sent: the cloud is not configured or its circuit breaker is open."""


@dataclass(frozen=True)
class CallRecord:
    """One cloud call as the cloud log stores it.

    `latency` is the whole call in seconds, retries included; `first_text_latency` the time to
    the first piece of text. `cost_micros` is in millionths of the price's `currency`, None when
    no price is known for the model. `error` is the message of the error raised, if any.
    """

    endpoint: str
    model: str
    outcome: CallOutcome
    status: int | None
    latency: float
    attempts: int
    first_text_latency: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    usage_estimated: bool = False
    cost_micros: int | None = None
    currency: str | None = None
    finish_reason: str | None = None
    error_type: str | None = None
    error: str | None = None


def estimate_usage(messages: Sequence[ChatMessage], reply: str) -> Usage:
    """Estimate the token counts of a call from the length of its text."""
    prompt_characters = sum(len(message.content) for message in messages)
    prompt = math.ceil(prompt_characters / _CHARACTERS_PER_TOKEN) + _TOKENS_PER_MESSAGE * len(messages)
    completion = math.ceil(len(reply) / _CHARACTERS_PER_TOKEN)
    return Usage(prompt_tokens=prompt, completion_tokens=completion, estimated=True)
