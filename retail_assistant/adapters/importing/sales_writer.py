"""Planning the sales lines of an import against the sales already stored.

A line matches existing data when the shop already has sales of the same product on
the same day, which is what importing one file twice would produce. The policy then
decides: 'update' replaces that product's sales of that day with the file's lines,
'skip' leaves those lines out, and 'stop' imports nothing. staging.py writes the plan,
logging each replaced sale whole in `import_changes` so undo can put it back.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from retail_assistant.adapters.importing.records import SalesLines
from retail_assistant.core.errors import InputError

__all__ = ["DAYS_TABLE", "SalesPlan", "plan_sales", "verify_sales"]

_LISTED_MATCHES = 5
DAYS_TABLE = "temp.import_sales_days"
"""The temporary table of the (sku, day) pairs of the file's lines."""


@dataclass
class SalesPlan:
    """The lines to insert and how many stored sales they replace."""

    lines: SalesLines
    replaces: bool = False
    """True when stored sales of the file's products and days are deleted first."""

    replaced: int = 0
    skipped: int = 0
    first_day: str = ""
    last_day: str = ""
    compared: bool = False
    """True when the file's days overlap stored sales, so DAYS_TABLE contains the file's pairs."""

    matching_days: int = 0
    """The number of the file's (sku, day) pairs that already have sales."""


def plan_sales(db: sqlite_utils.Database, lines: SalesLines, *, policy: str) -> SalesPlan:
    """Compare the lines with the stored sales and decide what to write under `policy`.

    The (product, day) pairs of the file go into a temporary table, so the stored
    sales they match are found with the (sku, sold_on) index in one query.
    Raises InputError under the 'stop' policy when a line matches stored sales.
    """
    if not len(lines):
        return SalesPlan(lines)
    first_day, last_day = min(lines.days), max(lines.days)
    overlap = db.execute(
        "SELECT 1 FROM sales WHERE sold_on BETWEEN ? AND ? LIMIT 1", [first_day, last_day]
    ).fetchone()
    if overlap is None:
        return SalesPlan(lines, first_day=first_day, last_day=last_day)

    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {DAYS_TABLE} (sku TEXT, day TEXT, PRIMARY KEY (sku, day)) WITHOUT ROWID")
    db.execute(f"DELETE FROM {DAYS_TABLE}")
    db.conn.executemany(f"INSERT OR IGNORE INTO {DAYS_TABLE} (sku, day) VALUES (?, ?)", zip(lines.skus, lines.days))
    stored = set(
        db.execute(
            f"SELECT sku, day FROM {DAYS_TABLE} AS d "
            "WHERE EXISTS (SELECT 1 FROM sales AS s WHERE s.sku = d.sku AND s.sold_on = d.day)"
        ).fetchall()
    )
    compared = {"first_day": first_day, "last_day": last_day, "compared": True, "matching_days": len(stored)}
    if not stored:
        return SalesPlan(lines, **compared)

    if policy == "stop":
        matching = [(row, sku, day) for row, day, sku, _, _ in lines.lines() if (sku, day) in stored]
        listed = ", ".join(f"row {row} ({sku!r} on {day})" for row, sku, day in matching[:_LISTED_MATCHES])
        more = f" and {len(matching) - _LISTED_MATCHES} more" if len(matching) > _LISTED_MATCHES else ""
        raise InputError(
            f"{len(matching)} lines are for a product and day that already have sales in the shop: "
            f"{listed}{more}; nothing was imported. Choose the policy update (replace those days' sales) "
            "or skip (leave those lines out)"
        )

    if policy == "skip":
        kept = SalesLines()
        for row, day, sku, quantity, price in lines.lines():
            if (sku, day) not in stored:
                kept.append(row, day, sku, quantity, price)
        return SalesPlan(kept, skipped=len(lines) - len(kept), **compared)

    replaced = db.execute(
        f"SELECT count(*) FROM sales AS s JOIN {DAYS_TABLE} AS d ON s.sku = d.sku AND s.sold_on = d.day"
    ).fetchone()[0]
    return SalesPlan(lines, replaces=True, replaced=replaced, **compared)


def verify_sales(db: sqlite_utils.Database, plan: SalesPlan) -> bool:
    """Return whether the stored sales the plan compared with are unchanged; call under the write lock."""
    if not plan.first_day:
        return True
    if not plan.compared:
        # The plan found no stored sales in the file's dates, and none may have appeared since.
        return not db.execute(
            "SELECT EXISTS (SELECT 1 FROM sales WHERE sold_on BETWEEN ? AND ?)", [plan.first_day, plan.last_day]
        ).fetchone()[0]
    matching = db.execute(
        f"SELECT count(*) FROM {DAYS_TABLE} AS d "
        "WHERE EXISTS (SELECT 1 FROM sales AS s WHERE s.sku = d.sku AND s.sold_on = d.day)"
    ).fetchone()[0]
    if matching != plan.matching_days:
        return False
    if not plan.replaces:
        return True
    replaced = db.execute(
        f"SELECT count(*) FROM sales AS s JOIN {DAYS_TABLE} AS d ON s.sku = d.sku AND s.sold_on = d.day"
    ).fetchone()[0]
    return replaced == plan.replaced
