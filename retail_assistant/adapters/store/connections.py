"""One SQLite connection per thread for one database file.

SQLite connections must stay on the thread that opened them, and the services are
called from the GUI thread, the question worker and the command line, so each thread
gets its own connection on first use.
"""

from __future__ import annotations

import threading
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.store.database import open_database

__all__ = ["ThreadLocalDatabase"]


class ThreadLocalDatabase:
    """Hands each thread its own connection to the database at `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> sqlite_utils.Database:
        """Return this thread's connection, opening it on first use."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.path)
            self._local.db = db
        return db

    def close(self) -> None:
        """Close this thread's connection, if it has one."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None
