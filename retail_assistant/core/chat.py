"""Chat messages and generation options, independent of any model runtime."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ChatMessage", "GenerationOptions", "PHRASING", "CHAT"]


@dataclass(frozen=True)
class ChatMessage:
    """One message of a conversation: role is "system", "user" or "assistant"."""

    role: str
    content: str


@dataclass(frozen=True)
class GenerationOptions:
    """Sampling settings for one reply; temperature 0 means greedy decoding."""

    max_tokens: int = 256
    temperature: float = 0.7
    top_k: int = 40
    top_p: float = 0.9
    repeat_penalty: float = 1.1
    seed: int = 1234


PHRASING = GenerationOptions(max_tokens=60, temperature=0.0, repeat_penalty=1.0)
"""Options for rewording a computed answer: greedy, short, repeatable."""

CHAT = GenerationOptions(temperature=0.3)
"""Options for open chat. A low temperature keeps the small default model on topic: at 0.7
SmolLM2-135M wandered into invented names and addresses in our trials."""
