"""The log of cloud calls: when, why, what was sent (after masking), tokens, cost, outcome.

Cost is stored in millionths of the currency unit (micros), exact for per-token prices.
The API key is never part of a record.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from retail_assistant.adapters.store.connections import ThreadLocalDatabase

__all__ = ["CloudCall", "SqliteCloudLog"]


@dataclass(frozen=True)
class CloudCall:
    """One call to the cloud as the log stores it."""

    at: str
    reason: str
    endpoint: str
    model: str
    sent_json: str
    outcome: str
    error: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_micros: int = 0
    latency_ms: int | None = None


class SqliteCloudLog:
    """The cloud log over the shop database."""

    def __init__(self, connections: ThreadLocalDatabase) -> None:
        self._connections = connections

    def record(self, call: CloudCall) -> None:
        """Append one call."""
        db = self._connections.get()
        with db.conn:
            db["cloud_log"].insert(asdict(call))

    def calls(self, *, limit: int = 1000) -> list[CloudCall]:
        """Return the most recent calls, newest first."""
        db = self._connections.get()
        fields = ", ".join(CloudCall.__dataclass_fields__)
        rows = db.execute(f"SELECT {fields} FROM cloud_log ORDER BY id DESC LIMIT ?", [limit]).fetchall()
        return [CloudCall(*row) for row in rows]

    def month_cost_micros(self, *, now: datetime | None = None) -> int:
        """Return the cost of this calendar month's calls (UTC), in micros."""
        month = (now or datetime.now(timezone.utc)).strftime("%Y-%m")
        db = self._connections.get()
        row = db.execute("SELECT total(cost_micros) FROM cloud_log WHERE substr(at, 1, 7) = ?", [month]).fetchone()
        return int(row[0])

    def export_csv(self, path: Path) -> int:
        """Write every call to a CSV file at `path` (written whole, then renamed); return the row count."""
        calls = list(reversed(self.calls(limit=10**9)))
        partial = path.with_name(path.name + ".partial")
        with partial.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(CloudCall.__dataclass_fields__)
            for call in calls:
                writer.writerow(asdict(call).values())
        partial.replace(path)
        return len(calls)


def sent_messages_json(messages: list[dict[str, str]]) -> str:
    """Return the messages as the log stores them."""
    return json.dumps(messages, ensure_ascii=False)
