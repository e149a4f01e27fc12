"""The interfaces the domain needs from the outside: a catalogue and a text generator.

Adapters implement them (SQLite, llama.cpp); tests may implement them with fakes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from retail_assistant.core.answers import DataAnswer
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.catalog import Product
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.routing import CloudState

__all__ = ["Catalog", "CloudGateway", "PricingAdvisor", "TaskQueue", "TextGenerator"]


class Catalog(Protocol):
    """Read access to the shop's products, safe to call from the thread that asks."""

    def products(self) -> Sequence[Product]:
        """Return every product."""
        ...

    def product(self, sku: str) -> Product | None:
        """Return the product with this SKU as it is now, or None."""
        ...

    def product_by_code(self, code: str) -> Product | None:
        """Return the product whose SKU (ignoring case) or barcode is exactly `code`, or None."""
        ...

    def version(self) -> str:
        """Return a token that changes whenever a product's name is added, removed or changed."""
        ...

    def names_version(self) -> int:
        """Return the version of the product names (the same change as `version`, as a number)."""
        ...


class TextGenerator(Protocol):
    """A language model that streams a reply to a conversation."""

    @property
    def ready(self) -> bool:
        """Whether a request would start at once, rather than wait for the model to load."""
        ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Yield the reply's text pieces until the end, the token limit or Stop."""
        ...


class CloudGateway(Protocol):
    """The cloud model as the assistant uses it: its state for routing, and streaming.

    The adapter behind it logs each call, keeps the circuit breaker and the budget.
    """

    @property
    def model(self) -> str:
        """The cloud model's name, part of the cache key of its answers."""
        ...

    def state(self) -> CloudState:
        """Return the cloud's state for routing; may probe the endpoint (briefly) when unknown."""
        ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
        reason: str,
    ) -> Iterator[str]:
        """Yield the cloud's reply to `messages` (already masked). Raises CloudError."""
        ...


class TaskQueue(Protocol):
    """Writing tasks waiting for the cloud, durable across restarts."""

    def enqueue(self, question: str, *, language: str, reason: str, provisional_answer: str | None) -> int:
        """Add a task and return its id."""
        ...


class PricingAdvisor(Protocol):
    """The pricing model's recommendation for one product, worded with its reasons."""

    def advise(self, product: Product, language: str) -> DataAnswer:
        """Return the recommended price of `product` as an answer in `language`. Raises PricingError."""
        ...
