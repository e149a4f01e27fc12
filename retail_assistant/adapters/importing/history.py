"""The import history in the shop database, and undoing the last import.

Every applied import is a row in `imports` and one row in `import_changes` per row
it inserted, updated or deleted. Undo takes the most recent import not yet undone
and reverts it in one transaction:

- updated products get back their previous value in each column that still contains
  the value the import wrote. A column edited since keeps its newer value, and the
  report lists it, because undo must not throw away work done after the import;
- products the import inserted are deleted, unless they were edited since or have
  sales, batches, promotions, price changes or stock-outs that deleting would take
  with them (the foreign keys cascade); those are kept and reported;
- categories and suppliers it inserted are deleted when no product uses them;
- sales lines it inserted (its id range) are deleted, and the sales it replaced are
  put back with their ids.

Undone rows get `updated_at` set to now rather than the old moment, so an answer
cached while the import was in place is never taken for current.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import defaultdict
from typing import Any

import sqlite_utils

from retail_assistant.adapters.importing.writer import PRODUCT_COLUMNS
from retail_assistant.core.errors import InputError, StoreError
from retail_assistant.core.import_report import ImportReport, UndoReport

__all__ = ["begin_import", "finish_import", "now_text", "undo_last_import"]

log = logging.getLogger(__name__)

_REFERENCING = ("sales", "batches", "promotions", "price_changes", "stockouts")
_CHUNK = 500


def now_text(db: sqlite_utils.Database) -> str:
    """Return the current moment as SQLite writes it, ISO 8601 UTC to the second."""
    return db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0]


def begin_import(db: sqlite_utils.Database, *, report: ImportReport, started_at: str) -> int:
    """Insert the row of an import being applied and return its id."""
    cursor = db.conn.execute(
        "INSERT INTO imports (started_at, path, format, report_json, kind, policy, undoable) "
        "VALUES (?, ?, ?, '{}', ?, ?, 1)",
        [started_at, str(report.path), report.format, report.kind, report.policy],
    )
    return int(cursor.lastrowid or 0)


def finish_import(
    db: sqlite_utils.Database,
    report: ImportReport,
    *,
    first_sale_id: int | None = None,
    last_sale_id: int | None = None,
) -> None:
    """Store the final report of an import and the id range of the sales lines it added."""
    db.execute(
        "UPDATE imports SET report_json = ?, first_sale_id = ?, last_sale_id = ? WHERE id = ?",
        [json.dumps(report.to_dict(), ensure_ascii=False), first_sale_id, last_sale_id, report.import_id],
    )


def undo_last_import(db: sqlite_utils.Database) -> UndoReport:
    """Revert the most recent import that is not undone yet, in one transaction.

    Raises InputError when there is nothing to undo, and StoreError when the database
    cannot be written.
    """
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise StoreError(f"cannot undo the last import: {error}; close other programs using the shop and try again") from error
    try:
        report = _undo(db)
        db.execute("COMMIT")
    except sqlite3.Error as error:
        db.execute("ROLLBACK")
        raise StoreError(f"undoing the last import failed: {error}; nothing was changed") from error
    except BaseException:
        db.execute("ROLLBACK")
        raise
    log.info("undid import %d: %d restored, %d deleted, %d kept", report.import_id, report.restored,
             report.deleted, len(report.kept))
    return report


def _undo(db: sqlite_utils.Database) -> UndoReport:
    target = db.execute(
        "SELECT id, path, kind, undoable, first_sale_id, last_sale_id FROM imports "
        "WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if target is None:
        raise InputError("there is no import to undo: every import is undone already, or none was made")
    import_id, path, kind, undoable, first_sale_id, last_sale_id = target
    if not undoable:
        raise InputError(
            f"import {import_id} of {path} was made by an older version of the app that did not record the "
            "previous values, so it cannot be undone; import the earlier file again instead"
        )

    now = now_text(db)
    undo = _Undo(db, now)
    if first_sale_id is not None and last_sale_id is not None:
        undo.deleted += db.execute(
            "DELETE FROM sales WHERE id BETWEEN ? AND ?", [first_sale_id, last_sale_id]
        ).rowcount

    changes = db.execute(
        "SELECT table_name, row_key, action, before_json, after_json FROM import_changes "
        "WHERE import_id = ? ORDER BY id",
        [import_id],
    ).fetchall()
    undo.revert(changes)
    db.execute("UPDATE imports SET undone_at = ? WHERE id = ?", [now, import_id])
    return UndoReport(
        import_id=import_id, path=path, kind=kind, restored=undo.restored, deleted=undo.deleted, kept=tuple(undo.kept)
    )


class _Undo:
    # NOTE: undo writes row by row under the write lock, unlike the import, which stages
    # its rows first. So undoing a very large import while another thread of the app is
    # busy may hold the lock past other connections' 5 s busy timeout (not measured).

    def __init__(self, db: sqlite_utils.Database, now: str) -> None:
        self._db = db
        self._now = now
        self.restored = 0
        self.deleted = 0
        self.kept: list[str] = []

    def revert(self, changes: list[tuple[str, str, str, str | None, str | None]]) -> None:
        by_kind: dict[tuple[str, str], list[tuple[str, str | None, str | None]]] = defaultdict(list)
        for table, key, action, before, after in changes:
            by_kind[(table, action)].append((key, before, after))

        # Products first, then the categories and suppliers that only they used.
        self._restore_sales(by_kind[("sales", "deleted")])
        self._restore_products(by_kind[("products", "updated")])
        self._delete_products(by_kind[("products", "inserted")])
        for table in ("categories", "suppliers"):
            self._delete_named(table, [key for key, _, _ in by_kind[(table, "inserted")]])

    def _restore_sales(self, rows: list[tuple[str, str | None, str | None]]) -> None:
        for _, before, _ in rows:
            values = json.loads(before or "{}")
            columns = list(values)
            self._db.execute(
                f"INSERT INTO sales ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [values[column] for column in columns],
            )
            self.restored += 1

    def _restore_products(self, rows: list[tuple[str, str | None, str | None]]) -> None:
        current = self._current([key for key, _, _ in rows])
        grouped: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
        for sku, before_json, after_json in rows:
            before, after = json.loads(before_json or "{}"), json.loads(after_json or "{}")
            stored = current.get(sku)
            if stored is None:
                self.kept.append(f"{sku} was deleted after the import, so its previous values were not restored")
                continue
            columns = [column for column in after if stored[column] == after[column]]
            for column in after:
                if column not in columns:
                    self.kept.append(
                        f"{sku}: {column} was changed after the import (now {stored[column]!r}); kept"
                    )
            if columns:
                grouped[tuple(columns)].append([*(before[column] for column in columns), self._now, sku])
                self.restored += 1
        for columns, values in grouped.items():
            assignments = ", ".join(f"{column} = ?" for column in columns)
            self._db.conn.executemany(f"UPDATE products SET {assignments}, updated_at = ? WHERE sku = ?", values)

    def _delete_products(self, rows: list[tuple[str, str | None, str | None]]) -> None:
        skus = [key for key, _, _ in rows]
        current = self._current(skus)
        referenced = self._referenced(skus)
        doomed: list[tuple[str]] = []
        for sku, _, after_json in rows:
            stored = current.get(sku)
            if stored is None:
                continue
            after = json.loads(after_json or "{}")
            if any(stored[column] != value for column, value in after.items()):
                self.kept.append(f"{sku} was added by the import and edited since; kept")
            elif sku in referenced:
                self.kept.append(f"{sku} was added by the import and has {referenced[sku]} since; kept")
            else:
                doomed.append((sku,))
        self._db.conn.executemany("DELETE FROM products WHERE sku = ?", doomed)
        self.deleted += len(doomed)

    def _delete_named(self, table: str, ids: list[str]) -> None:
        column, noun = ("category_id", "category") if table == "categories" else ("supplier_id", "supplier")
        for row_id in ids:
            used = self._db.execute(f"SELECT count(*) FROM products WHERE {column} = ?", [row_id]).fetchone()[0]
            if used:
                self.kept.append(f"the {noun} {row_id!r} added by the import is used by {used} products; kept")
                continue
            self.deleted += self._db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id]).rowcount

    def _current(self, skus: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(skus), _CHUNK):
            chunk = skus[start : start + _CHUNK]
            cursor = self._db.execute(
                f"SELECT sku, {', '.join(PRODUCT_COLUMNS)} FROM products "
                f"WHERE sku IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
            for row in cursor:
                found[row[0]] = dict(zip(PRODUCT_COLUMNS, row[1:]))
        return found

    def _referenced(self, skus: list[str]) -> dict[str, str]:
        referenced: dict[str, str] = {}
        for table in _REFERENCING:
            noun = table.replace("_", " ")
            for start in range(0, len(skus), _CHUNK):
                chunk = skus[start : start + _CHUNK]
                cursor = self._db.execute(
                    f"SELECT DISTINCT sku FROM {table} WHERE sku IN ({', '.join('?' for _ in chunk)})", chunk
                )
                for (sku,) in cursor:
                    referenced.setdefault(sku, noun)
        return referenced
