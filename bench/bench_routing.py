"""Benchmark: the answer cache, the routing decision, and a day's workload through the router.

1. Cache lookup with 100,000 entries: p50 and p99 of `SqliteAnswerCache.get` (which
   also checks the data versions and counts the hit), against the baseline of a bare
   primary-key SELECT of the same row on the same connection.
2. Routing decision: p50 and p99 of understanding a request, masking it and deciding
   its route, against the baseline of understanding alone.
3. The workload in bench/workload/shop_requests.txt (240 requests) through the
   assistant, with the demo shop, the real cache, a local model stand-in and a cloud
   stand-in that counts tokens: the share of requests that needed the cloud, and the
   cloud cost against the baseline of sending every request to the cloud.

Tokens are estimated as characters / 4 for the prompt plus 150 for each reply; prices
are gpt-4o-mini's list prices per million tokens (0.15 input, 0.60 output, USD), an
example rather than a quote.

Usage: python bench/bench_routing.py [--entries N] [--lookups N]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from retail_assistant.adapters.store.answer_cache import SqliteAnswerCache
from retail_assistant.adapters.store.catalog import SqliteCatalog
from retail_assistant.adapters.store.connections import ThreadLocalDatabase
from retail_assistant.core.assistant import Assistant
from retail_assistant.core.cache import Dependencies, cache_key
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.privacy import mask_personal_data
from retail_assistant.core.routing import CloudState, Privacy, Route, RouteRequest, TaskKind, decide
from retail_assistant.core.understanding import Intent, understand
from retail_assistant.demo import create_demo_shop

WORKLOAD = Path(__file__).parent / "workload" / "shop_requests.txt"
INPUT_PRICE = 0.15 / 1e6
OUTPUT_PRICE = 0.60 / 1e6
REPLY_TOKENS = 150
SYSTEM_PROMPT_TOKENS = 40


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    """Return the 50th and 99th percentiles of `samples`."""
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def bench_cache(entries: int, lookups: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        connections = ThreadLocalDatabase(Path(folder) / "shop.sqlite")
        db = connections.get()
        now = time.time()
        rows = [(f"{index:064x}", f"question {index}", "cloud", "model", '{"answer": "text"}',
                 Dependencies().to_json(), 18, now, now, now + 86400) for index in range(entries)]
        with db.conn:
            db.conn.executemany("INSERT INTO answer_cache VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        cache = SqliteAnswerCache(connections, max_entries=entries + 1)
        keys = [f"{index:064x}" for index in random.Random(7).choices(range(entries), k=lookups)]

        baseline = []
        for key in keys:
            started = time.perf_counter()
            db.execute("SELECT answer_json FROM answer_cache WHERE key = ?", [key]).fetchone()
            baseline.append(time.perf_counter() - started)
        measured = []
        for key in keys:
            started = time.perf_counter()
            assert cache.get(key) is not None
            measured.append(time.perf_counter() - started)
        connections.close()

    base_p50, base_p99 = percentiles(baseline)
    p50, p99 = percentiles(measured)
    print(f"cache lookup, {entries:,} entries, {lookups:,} lookups:")
    print(f"  baseline bare SELECT: p50 {base_p50 * 1e6:8.1f} us, p99 {base_p99 * 1e6:8.1f} us")
    print(f"  SqliteAnswerCache.get: p50 {p50 * 1e6:8.1f} us, p99 {p99 * 1e6:8.1f} us")
    print(f"  ratio (cache / bare SELECT): p50 {p50 / base_p50:.1f}, p99 {p99 / base_p99:.1f}")


def bench_decision(requests: list[str]) -> None:
    state = CloudState(configured=True, reachable=True)
    understand_only, full = [], []
    for _ in range(5):
        for question in requests:
            started = time.perf_counter()
            understand(question)
            understand_only.append(time.perf_counter() - started)

            started = time.perf_counter()
            understood = understand(question)
            masked = mask_personal_data(question)
            kind = {Intent.STOCK: TaskKind.DATA, Intent.PRICE: TaskKind.DATA, Intent.WRITING: TaskKind.WRITING}
            privacy = Privacy.BUSINESS if understood.mentions_business_data else (
                Privacy.PERSONAL if masked.found else Privacy.PUBLIC)
            decide(RouteRequest(kind.get(understood.intent, TaskKind.CHAT), privacy), state)
            full.append(time.perf_counter() - started)
    base_p50, _ = percentiles(understand_only)
    p50, p99 = percentiles(full)
    print(f"routing decision (understand + mask + decide), {len(full)} decisions:")
    print(f"  p50 {p50 * 1e6:.1f} us, p99 {p99 * 1e6:.1f} us; baseline understand alone p50 {base_p50 * 1e6:.1f} us;"
          f" ratio {p50 / base_p50:.2f}")


class CountingCloud:
    """A reachable cloud stand-in that counts calls and estimated tokens."""

    model = "gpt-4o-mini"

    def __init__(self) -> None:
        self.calls = 0
        self.input_tokens = 0

    def state(self) -> CloudState:
        return CloudState(configured=True, reachable=True)

    def stream(self, messages: Sequence[ChatMessage], options: GenerationOptions, *, cancel=None,
               reason: str) -> Iterator[str]:
        self.calls += 1
        self.input_tokens += SYSTEM_PROMPT_TOKENS + sum(len(message.content) for message in messages) // 4
        yield "A reply from the cloud."


class InstantLocalModel:
    """A local model stand-in: the benchmark counts routes, not local speed."""

    ready = True

    def stream(self, messages, options, *, cancel=None) -> Iterator[str]:
        yield "A local reply."


def bench_workload(requests: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "shop.sqlite"
        create_demo_shop(path)
        connections = ThreadLocalDatabase(path)
        cloud = CountingCloud()
        assistant = Assistant(SqliteCatalog(connections), InstantLocalModel(), cloud=cloud,
                              cache=SqliteAnswerCache(connections), reword_data_answers=False)
        routes: dict[str, int] = {}
        started = time.perf_counter()
        for _, question in requests:
            answer = assistant.answer(question)
            routes[answer.route.value] = routes.get(answer.route.value, 0) + 1
        elapsed = time.perf_counter() - started
        connections.close()

    routed_cost = cloud.input_tokens * INPUT_PRICE + cloud.calls * REPLY_TOKENS * OUTPUT_PRICE
    all_input = sum(SYSTEM_PROMPT_TOKENS + (len(question) + 200) // 4 for _, question in requests)
    all_cost = all_input * INPUT_PRICE + len(requests) * REPLY_TOKENS * OUTPUT_PRICE
    print(f"workload: {len(requests)} requests from {WORKLOAD.name} in {elapsed:.2f} s")
    print("  routes: " + ", ".join(f"{route} {count}" for route, count in sorted(routes.items())))
    print(f"  needed the cloud: {cloud.calls} of {len(requests)} ({cloud.calls / len(requests):.0%})")
    print(f"  cloud cost: routed ${routed_cost:.5f} against all-cloud ${all_cost:.5f}; ratio {routed_cost / all_cost:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000, help="cache entries")
    parser.add_argument("--lookups", type=int, default=5_000, help="cache lookups to time")
    options = parser.parse_args()

    requests = [tuple(line.split("\t", 1)) for line in WORKLOAD.read_text(encoding="utf-8").splitlines() if line]
    print(f"machine: {platform.machine()}, Python {sys.version.split()[0]}")
    bench_cache(options.entries, options.lookups)
    bench_decision([question for _, question in requests])
    bench_workload(requests)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
