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

    def names_version(self) -> int:
        return len(self.items)


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


class FakeCloud:
    """A cloud gateway with a scripted reply, state and failure; records what it was sent."""

    model = "fake-cloud-model"

    def __init__(self, pieces=("Cloud", " reply"), *, reachable=True, error=None, fail_after=None,
                 policy=None, budget_cents=None, spent_cents=0, allow_business_data=False):
        from retail_assistant.core.routing import Policy

        self.pieces = list(pieces)
        self.reachable = reachable
        self.error = error
        self.fail_after = fail_after
        self.policy = policy or Policy.AUTOMATIC
        self.budget_cents = budget_cents
        self.spent_cents = spent_cents
        self.allow_business_data = allow_business_data
        self.sent: list[list[ChatMessage]] = []
        self.reasons: list[str] = []

    def state(self):
        from retail_assistant.core.routing import CloudState

        return CloudState(configured=True, reachable=self.reachable, policy=self.policy,
                          allow_business_data=self.allow_business_data,
                          monthly_budget_cents=self.budget_cents, month_spent_cents=self.spent_cents)

    def stream(self, messages, options, *, cancel=None, reason):
        self.sent.append(list(messages))
        self.reasons.append(reason)
        if self.error is not None and self.fail_after is None:
            raise self.error
        for index, piece in enumerate(self.pieces):
            if self.fail_after is not None and index == self.fail_after:
                raise self.error
            yield piece


class MemoryCache:
    """An answer cache in a dict, valid while the catalogue's versions match."""

    def __init__(self, catalog=None):
        self.entries = {}
        self.catalog = catalog

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None:
            return None
        answer, dependencies = entry
        if self.catalog is not None and dependencies.rows:
            for sku, version in dependencies.rows.items():
                current = self.catalog.product(sku)
                if current is None or current.version != version:
                    return None
        return answer

    def put(self, key, *, question, route, model, answer, dependencies, ttl_seconds):
        self.entries[key] = (answer, dependencies)


class ListQueue:
    """A task queue in a list."""

    def __init__(self):
        self.tasks = []

    def enqueue(self, question, *, language, reason, provisional_answer):
        self.tasks.append((question, language, reason, provisional_answer))
        return len(self.tasks)
