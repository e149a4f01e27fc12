"""The shop catalogue over SQLite, safe to call from any thread."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.store.connections import ThreadLocalDatabase
from retail_assistant.adapters.store.products import ProductRepository
from retail_assistant.core.catalog import Product

__all__ = ["SqliteCatalog"]


class SqliteCatalog:
    """The `Catalog` port over the shop database file."""

    def __init__(self, path: Path | ThreadLocalDatabase) -> None:
        self.connections = path if isinstance(path, ThreadLocalDatabase) else ThreadLocalDatabase(path)
        self.path = self.connections.path

    def database(self) -> sqlite_utils.Database:
        """Return this thread's connection, opening it on first use."""
        return self.connections.get()

    def repository(self) -> ProductRepository:
        """Return a product repository on this thread's connection."""
        return ProductRepository(self.database())

    def products(self) -> Sequence[Product]:
        return self.repository().all()

    def product(self, sku: str) -> Product | None:
        return self.repository().get(sku)

    def product_by_code(self, code: str) -> Product | None:
        return self.repository().by_code(code)

    def names_version(self) -> int:
        """Return the version of the product names, which goes up on every add, delete or rename."""
        row = self.database().execute("SELECT version FROM data_versions WHERE name = 'product_names'").fetchone()
        return int(row[0]) if row else 0

    def version(self) -> str:
        return str(self.names_version())

    def close(self) -> None:
        """Close this thread's connection, if it has one."""
        self.connections.close()
