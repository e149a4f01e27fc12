"""Opening the shop database: WAL, a busy timeout, foreign keys and migrations.

Each thread opens its own connection (SQLite connections must not be shared across
threads); WAL lets the GUI read while a worker writes.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.store.migrations import apply_migrations
from retail_assistant.core.errors import StoreError

__all__ = ["BUSY_TIMEOUT_MS", "open_database"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
"""How long a writer waits for another connection's lock before failing."""


def open_database(path: Path) -> sqlite_utils.Database:
    """Open (creating if needed) the shop database at `path` and bring its schema up to date.

    Raises StoreError naming the path when the file is not a usable SQLite database.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"cannot create the folder {path.parent} for the shop database: {error.strerror}; "
            "choose another folder with --home or RETAIL_ASSISTANT_HOME"
        ) from error

    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        version = apply_migrations(conn)
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"cannot open the shop database {path}: {error}; if the file is damaged, "
            "move it aside and run 'retail-assistant demo' or import your shop again"
        ) from error
    except RuntimeError as error:
        raise StoreError(f"cannot open the shop database {path}: {error}") from error

    log.debug("opened %s at schema version %d", path, version)
    return sqlite_utils.Database(conn)
