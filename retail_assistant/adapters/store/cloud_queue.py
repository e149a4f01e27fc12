"""The durable queue of writing tasks waiting for the cloud.

A task is claimed by setting its status to 'running' with a lease in one UPDATE that
only succeeds while it is 'pending', so two runners never take the same task. Its
answer and the 'done' status are written in one transaction. A runner that dies
mid-task leaves a lease that expires, and the task becomes pending again: a task can
then run twice, but it is never lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from retail_assistant.adapters.store.connections import ThreadLocalDatabase

__all__ = ["QueuedTask", "SqliteCloudQueue"]

LEASE_SECONDS = 300.0


@dataclass(frozen=True)
class QueuedTask:
    """One queued writing task."""

    id: int
    created_at: str
    question: str
    language: str
    reason: str
    status: str
    attempts: int
    provisional_answer: str | None
    answer: str | None
    error: str | None


class SqliteCloudQueue:
    """The cloud queue over the shop database."""

    def __init__(self, connections: ThreadLocalDatabase, *, clock: Callable[[], float] = time.time) -> None:
        self._connections = connections
        self._clock = clock

    def enqueue(self, question: str, *, language: str, reason: str, provisional_answer: str | None) -> int:
        """Add a task and return its id; the same pending question is not queued twice."""
        db = self._connections.get()
        with db.conn:
            existing = db.execute(
                "SELECT id FROM cloud_queue WHERE question = ? AND status IN ('pending', 'running')", [question]
            ).fetchone()
            if existing:
                return int(existing[0])
            now = _now()
            cursor = db.execute(
                "INSERT INTO cloud_queue (created_at, question, language, reason, provisional_answer, "
                "status, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                [now, question, language, reason, provisional_answer, now],
            )
            return int(cursor.lastrowid)

    def claim(self) -> QueuedTask | None:
        """Take the oldest pending task (or one whose lease expired), or None when there is none."""
        db = self._connections.get()
        now = self._clock()
        with db.conn:
            db.execute(
                "UPDATE cloud_queue SET status = 'pending' WHERE status = 'running' AND lease_until < ?", [now]
            )
            row = db.execute("SELECT id FROM cloud_queue WHERE status = 'pending' ORDER BY id LIMIT 1").fetchone()
            if row is None:
                return None
            claimed = db.execute(
                "UPDATE cloud_queue SET status = 'running', attempts = attempts + 1, lease_until = ?, "
                "updated_at = ? WHERE id = ? AND status = 'pending'",
                [now + LEASE_SECONDS, _now(), row[0]],
            ).rowcount
        return self.get(row[0]) if claimed else None

    def finish(self, task_id: int, answer: str) -> None:
        """Store the cloud's answer and mark the task done."""
        self._set(task_id, status="done", answer=answer, error=None)

    def fail(self, task_id: int, error: str, *, retry: bool) -> None:
        """Record a failed attempt: back to pending when `retry`, else failed for good."""
        self._set(task_id, status="pending" if retry else "failed", answer=None, error=error)

    def remove(self, task_ids: Iterable[int]) -> int:
        """Delete the finished ('done' or 'failed') tasks among `task_ids`; return how many were deleted.

        Pending and running tasks are kept, so a task on its way to the cloud is never lost.
        """
        ids = [int(task_id) for task_id in task_ids]
        if not ids:
            return 0
        placeholders = ", ".join("?" for _ in ids)
        db = self._connections.get()
        with db.conn:
            cursor = db.execute(
                f"DELETE FROM cloud_queue WHERE id IN ({placeholders}) AND status IN ('done', 'failed')", ids
            )
        return cursor.rowcount

    def get(self, task_id: int) -> QueuedTask | None:
        """Return the task with this id, or None."""
        rows = self._tasks("WHERE id = ?", [task_id])
        return rows[0] if rows else None

    def tasks(self, *, status: str | None = None) -> list[QueuedTask]:
        """Return every task (or those with `status`), oldest first."""
        if status is None:
            return self._tasks("", [])
        return self._tasks("WHERE status = ?", [status])

    def _set(self, task_id: int, *, status: str, answer: str | None, error: str | None) -> None:
        db = self._connections.get()
        with db.conn:
            db.execute(
                "UPDATE cloud_queue SET status = ?, answer = coalesce(?, answer), error = ?, lease_until = NULL, "
                "updated_at = ? WHERE id = ?",
                [status, answer, error, _now(), task_id],
            )

    def _tasks(self, where: str, params: list[object]) -> list[QueuedTask]:
        db = self._connections.get()
        rows = db.execute(
            "SELECT id, created_at, question, language, reason, status, attempts, provisional_answer, answer, error "
            f"FROM cloud_queue {where} ORDER BY id",
            params,
        ).fetchall()
        return [QueuedTask(*row) for row in rows]


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
