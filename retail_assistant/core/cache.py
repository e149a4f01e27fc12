"""Cache keys and the data versions a cached answer depends on.

The key is the normalised question, its language, and the route and model that
produced the answer: "How many jars of honey are left?" and "how many jars of honey
are left" share one entry, a cloud answer and a local answer to the same request do
not. Whether an entry is still valid is decided by its dependencies, the versions of
the data rows the answer read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from retail_assistant.core.text import fold

__all__ = ["AnswerCache", "Dependencies", "cache_key", "normalise_question"]


def normalise_question(question: str) -> str:
    """Return the question folded, with runs of spaces and the end punctuation removed."""
    words = fold(question).replace("¿", " ").replace("¡", " ").split()
    return " ".join(words).rstrip("?!. ")


def cache_key(question: str, *, language: str, route: str, model: str) -> str:
    """Return the cache key of an answer to `question` produced on `route` by `model`."""
    material = "\x1f".join([normalise_question(question), language, route, model])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Dependencies:
    """The data versions an answer read: product names (matching) and product rows (numbers)."""

    names_version: int | None = None
    rows: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        """Return the dependencies as JSON text."""
        return json.dumps({"names": self.names_version, "rows": self.rows}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Dependencies:
        """Parse dependencies written by `to_json`."""
        data = json.loads(text)
        return cls(data.get("names"), {str(sku): int(version) for sku, version in data.get("rows", {}).items()})


class AnswerCache(Protocol):
    """Stored answers, valid while the data they read is unchanged."""

    def get(self, key: str) -> dict[str, Any] | None:
        """Return the stored answer for `key` when still valid, else None."""
        ...

    def put(
        self,
        key: str,
        *,
        question: str,
        route: str,
        model: str,
        answer: dict[str, Any],
        dependencies: Dependencies,
        ttl_seconds: float,
    ) -> None:
        """Store an answer with the data versions it read."""
        ...
