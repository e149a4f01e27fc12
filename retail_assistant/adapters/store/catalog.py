"""The shop catalogue over SQLite, with one connection per calling thread.

SQLite connections must stay on the thread that opened them, and the assistant is
called from the GUI's worker thread as well as from the command line, so each thread
gets its own connection on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.store.database import open_database
from retail_assistant.adapters.store.products import ProductRepository
from retail_assistant.core.catalog import Product

__all__ = ["SqliteCatalog"]


class SqliteCatalog:
    """The `Catalog` port over the shop database file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def database(self) -> sqlite_utils.Database:
        """Return this thread's connection, opening it on first use."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.path)
            self._local.db = db
        return db

    def repository(self) -> ProductRepository:
        """Return a product repository on this thread's connection."""
        return ProductRepository(self.database())

    def products(self) -> Sequence[Product]:
        return self.repository().all()

    def product(self, sku: str) -> Product | None:
        return self.repository().get(sku)

    def product_by_code(self, code: str) -> Product | None:
        return self.repository().by_code(code)

    def version(self) -> str:
        row = self.database().execute(
            "SELECT count(*), max(updated_at), total(length(name_en) + length(name_es)), max(rowid) FROM products"
        ).fetchone()
        return ":".join(str(value) for value in row)

    def close(self) -> None:
        """Close this thread's connection, if it has one."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None
