"""The shop database: SQLite through sqlite-utils."""

from retail_assistant.adapters.store.database import open_database
from retail_assistant.adapters.store.products import ProductRepository

__all__ = ["ProductRepository", "open_database"]
