"""The answer cache in SQLite: time to live, a size cap with LRU eviction, hit and miss counts.

An entry stores the data versions its answer read (see schema_routing.py). A lookup
checks them against the current versions and drops the entry when any changed, so a
change to one product's stock invalidates exactly the answers that read that product.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from retail_assistant.adapters.store.connections import ThreadLocalDatabase
from retail_assistant.core.cache import Dependencies

__all__ = ["CacheStats", "SqliteAnswerCache"]

log = logging.getLogger(__name__)

DEFAULT_MAX_ENTRIES = 20_000


@dataclass(frozen=True)
class CacheStats:
    """How the cache has been used since the database was created."""

    entries: int
    hits: int
    misses: int
    evictions: int


class SqliteAnswerCache:
    """The `AnswerCache` port over the shop database."""

    def __init__(
        self,
        connections: ThreadLocalDatabase,
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._connections = connections
        self._max_entries = max_entries
        self._clock = clock

    def get(self, key: str) -> dict[str, Any] | None:
        """Return the cached answer for `key` when it is fresh and its data unchanged, else None."""
        db = self._connections.get()
        row = db.execute(
            "SELECT answer_json, dependencies_json, expires_at FROM answer_cache WHERE key = ?", [key]
        ).fetchone()
        now = self._clock()
        with db.conn:
            if row is None:
                self._count(db, "misses")
                return None
            answer_json, dependencies_json, expires_at = row
            if expires_at < now or not self._still_valid(db, Dependencies.from_json(dependencies_json)):
                db.execute("DELETE FROM answer_cache WHERE key = ?", [key])
                self._count(db, "misses")
                return None
            db.execute("UPDATE answer_cache SET last_used_at = ? WHERE key = ?", [now, key])
            self._count(db, "hits")
        return json.loads(answer_json)

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
        """Store `answer` under `key`, evicting the least recently used entries over the cap."""
        db = self._connections.get()
        answer_json = json.dumps(answer, ensure_ascii=False)
        now = self._clock()
        with db.conn:
            db.execute(
                "INSERT OR REPLACE INTO answer_cache (key, question, route, model, answer_json, "
                "dependencies_json, size_bytes, created_at, last_used_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [key, question, route, model, answer_json, dependencies.to_json(), len(answer_json),
                 now, now, now + ttl_seconds],
            )
            excess = db.execute("SELECT count(*) FROM answer_cache").fetchone()[0] - self._max_entries
            if excess > 0:
                db.execute(
                    "DELETE FROM answer_cache WHERE key IN "
                    "(SELECT key FROM answer_cache ORDER BY last_used_at LIMIT ?)",
                    [excess],
                )
                self._count(db, "evictions", excess)

    def stats(self) -> CacheStats:
        """Return the number of entries and the hit, miss and eviction counts."""
        db = self._connections.get()
        counters = dict(db.execute("SELECT name, value FROM cache_counters").fetchall())
        entries = db.execute("SELECT count(*) FROM answer_cache").fetchone()[0]
        return CacheStats(entries, counters.get("hits", 0), counters.get("misses", 0), counters.get("evictions", 0))

    def clear(self) -> None:
        """Remove every entry (the counts stay)."""
        db = self._connections.get()
        with db.conn:
            db.execute("DELETE FROM answer_cache")

    @staticmethod
    def _count(db: Any, name: str, amount: int = 1) -> None:
        db.execute("UPDATE cache_counters SET value = value + ? WHERE name = ?", [amount, name])

    @staticmethod
    def _still_valid(db: Any, dependencies: Dependencies) -> bool:
        if dependencies.names_version is not None:
            row = db.execute("SELECT version FROM data_versions WHERE name = 'product_names'").fetchone()
            if row is None or row[0] != dependencies.names_version:
                return False
        if not dependencies.rows:
            return True
        skus = list(dependencies.rows)
        placeholders = ", ".join("?" for _ in skus)
        current = dict(db.execute(f"SELECT sku, row_version FROM products WHERE sku IN ({placeholders})", skus))
        return current == dependencies.rows
