"""The demo shop: a Spanish delicatessen and grocery with a year of simulated history.

The app opens on it the first time it runs, and the tests and benchmarks use it as a
realistic shop. Everything is generated from a fixed seed and anchored to `today`, so
the same day gives the same database and expiry dates always lie near the current
day. `docs/data-model.md` describes the tables and how the history is simulated.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from retail_assistant.core.errors import InputError
from retail_assistant.demo.simulation import DEMO_SEED, simulate_shop
from retail_assistant.demo.writer import SHOP_NAME, write_shop

__all__ = ["DEMO_SEED", "SHOP_NAME", "DemoSummary", "create_demo_shop"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoSummary:
    """Result of `create_demo_shop`: the file, its counts of products and sales lines, and
    the first and last day of its sales history."""

    path: Path
    products: int
    sales_lines: int
    first_day: date
    last_day: date


def create_demo_shop(path: Path, *, reset: bool = False, today: date | None = None) -> DemoSummary:
    """Create the demo shop database at `path` (or, with reset, replace it).

    The history ends the day before `today` (by default the current date). Raises
    InputError when `path` is a folder, or exists while `reset` is false. Raises
    StoreError when the file cannot be written. An existing shop is left as it was
    whenever this raises.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(
            f"{path} is a folder, not a shop database file; give the path of a file"
        )
    if path.exists() and not reset:
        raise InputError(
            f"a shop already exists at {path}; use 'retail-assistant demo --reset' to "
            "replace it with the demo shop"
        )

    started = time.perf_counter()
    shop = simulate_shop(today=today or date.today())
    write_shop(path, shop)
    log.info(
        "created the demo shop at %s: %d products, %d sales lines from %s to %s in %.1f s",
        path,
        len(shop.products),
        len(shop.sales),
        shop.first_day,
        shop.last_day,
        time.perf_counter() - started,
    )
    return DemoSummary(
        path=path,
        products=len(shop.products),
        sales_lines=len(shop.sales),
        first_day=shop.first_day,
        last_day=shop.last_day,
    )
