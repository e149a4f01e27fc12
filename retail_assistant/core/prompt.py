"""Fitting a conversation into the model's context window.

The prompt and the reply share `n_ctx` tokens, so the prompt gets `n_ctx - max_tokens`.
When it is over, the oldest turns go first (the system message and the latest user
message always stay), then the latest user message is cut in the middle, keeping its
start and its end, where questions usually put their point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retail_assistant.core.chat import ChatMessage
from retail_assistant.core.errors import InputError

__all__ = ["fit_messages"]

_ELLIPSIS = " … "


def fit_messages(
    messages: Sequence[ChatMessage],
    *,
    count_tokens: Callable[[Sequence[ChatMessage]], int],
    budget: int,
) -> list[ChatMessage]:
    """Return `messages` trimmed so that `count_tokens` of them is at most `budget`.

    Raises InputError when even the system message alone does not fit.
    """
    kept = list(messages)
    if count_tokens(kept) <= budget:
        return kept

    # Drop the oldest turns between the system message and the latest message.
    first = 1 if kept and kept[0].role == "system" else 0
    while len(kept) - first > 1 and count_tokens(kept) > budget:
        del kept[first]
    if count_tokens(kept) <= budget:
        return kept

    last = kept[-1]
    head = kept[:-1]
    if count_tokens([*head, ChatMessage(last.role, "")]) > budget:
        raise InputError(
            f"the instructions alone need more than {budget} tokens of context; "
            "raise n_ctx in the settings or choose a model with a larger context"
        )

    # Binary search on how many characters of the latest message fit.
    low, high = 0, len(last.content)
    while low < high:
        middle = (low + high + 1) // 2
        if count_tokens([*head, ChatMessage(last.role, _shorten(last.content, middle))]) <= budget:
            low = middle
        else:
            high = middle - 1
    return [*head, ChatMessage(last.role, _shorten(last.content, low))]


def _shorten(text: str, keep: int) -> str:
    if keep >= len(text):
        return text
    if keep <= len(_ELLIPSIS):
        return text[:keep]
    side = (keep - len(_ELLIPSIS)) // 2
    return text[:side] + _ELLIPSIS + text[len(text) - side:]
