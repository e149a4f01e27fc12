"""The interfaces the domain needs from the outside: a catalogue and a text generator.

Adapters implement them (SQLite, llama.cpp); tests may implement them with fakes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.catalog import Product
from retail_assistant.core.chat import ChatMessage, GenerationOptions

__all__ = ["Catalog", "TextGenerator"]


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
