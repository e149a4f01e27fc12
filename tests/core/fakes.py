"""Fakes of the domain's ports, for tests that must not load a model or open a database."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.catalog import Product, Sku
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import ModelError
from retail_assistant.core.money import Money, Quantity
from retail_assistant.core.ports import Catalog, TextGenerator


def product(sku: str, name_en: str, name_es: str, *, stock: str = "10", price: str = "4.95",
            unit: str = "unit", vat: str = "10") -> Product:
    """Build a product with sensible defaults."""
    return Product(
        sku=Sku(sku), name_en=name_en, name_es=name_es, category="Pantry", barcode=None,
        cost=Money(100), price=Money.from_decimal(price), vat_rate=Decimal(vat),
        stock=Quantity.from_decimal(stock), unit=unit,
    )


class FakeCatalog(Catalog):
    """A catalogue held in a list."""

    def __init__(self, products: Sequence[Product]) -> None:
        self.items = {item.sku: item for item in products}

    def products(self) -> Sequence[Product]:
        return list(self.items.values())

    def product(self, sku: str) -> Product | None:
        return self.items.get(sku)

    def product_by_code(self, code: str) -> Product | None:
        for item in self.items.values():
            if item.sku.casefold() == code.casefold() or item.barcode == code:
                return item
        return None

    def version(self) -> str:
        return str(sorted(self.items))


class ScriptedGenerator(TextGenerator):
    """A generator that replies with fixed pieces and records what it was sent."""

    ready = True  # a plain attribute in place of the port's property, so tests can set it

    def __init__(self, pieces: Sequence[str] = ("Hello", " there"), *, fail: bool = False,
                 ready: bool = True) -> None:
        self.pieces = list(pieces)
        self.fail = fail
        self.ready = ready
        self.requests: list[list[ChatMessage]] = []
        self.options: list[GenerationOptions] = []

    def stream(self, messages: Sequence[ChatMessage], options: GenerationOptions, *,
               cancel: CancelToken | None = None) -> Iterator[str]:
        self.requests.append(list(messages))
        self.options.append(options)
        if self.fail:
            raise ModelError("model file not found: /nowhere/model.gguf")
        for piece in self.pieces:
            if cancel is not None and cancel.cancelled:
                return
            yield piece
