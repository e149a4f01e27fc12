"""Benchmark the importer against inserting the same already-parsed rows with sqlite-utils alone.

Two workloads, both generated here with a fixed seed:

- 100,000 products as Spanish Excel saves them: semicolons, "1.234,56 €", percentages,
  EAN-13 barcodes (some with leading zeros), 50 categories, UTF-8;
- 1,000,000 sales lines of those products, day-first dates ("14/03/2024"), quantities
  and line totals with decimal commas.

Contender: `import_file`, the whole import as the app runs it (read, detect each
column, check every row, plan, write in one transaction with the change log for undo).
Baseline: `Table.insert_all` of sqlite-utils with the rows already parsed into the
dicts the importer would write, in one transaction, into a database with the same
schema (so the same indexes and triggers). The ratio is contender time / baseline
time. For reference, a floor is measured too: the same parsed rows as tuples through
the sqlite3 module's `executemany`.

Each measurement runs in a fresh process. Peak memory is that process's VmHWM from
/proc/self/status, because ru_maxrss on Linux carries over the parent's peak across
fork and exec.

Run: .venv/bin/python bench/bench_import.py [--products N] [--sales N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stdnum import ean

ROOT = Path(__file__).resolve().parents[1]
PHASES = (
    "products-import", "products-baseline", "products-executemany",
    "sales-import", "sales-baseline", "sales-executemany",
)
SEED = 20240917
CATEGORIES = 50


def product_row(number: int) -> dict[str, object]:
    """Return the parsed values of product `number`, as the importer stores them."""
    prefix = "84" if number % 10 else "00"
    code = f"{prefix}{number:010d}"
    price = 100 + (number * 7919) % 90_000
    return {
        "sku": f"P{number:06d}",
        "name_en": f"Producto número {number}",
        "name_es": f"Producto número {number}",
        "category_id": f"familia-{number % CATEGORIES}",
        "barcode": code + ean.calc_check_digit(code),
        "cost_cents": price * 6 // 10,
        "price_cents": price,
        "vat_rate_bp": (400, 1000, 2100)[number % 3],
        "stock_milli": (number % 90) * 1000,
        "unit": "unit",
        "supplier_id": None,
        "description": None,
        "source": "generic",
        "updated_at": "2025-01-01T00:00:00Z",
    }


def money(cents: int) -> str:
    """Write cents as Spanish Excel does: 1.234,56 €."""
    whole, fraction = divmod(cents, 100)
    return f"{whole:,}".replace(",", ".") + f",{fraction:02d} €"


def write_products(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Referencia;Descripción;Familia;EAN;PVP;Coste;IVA;Existencias\r\n")
        for number in range(count):
            row = product_row(number)
            handle.write(
                f"{row['sku']};{row['name_es']};Familia {number % CATEGORIES};{row['barcode']};"
                f"{money(row['price_cents'])};{money(row['cost_cents'])};{row['vat_rate_bp'] // 100}%;"
                f"{row['stock_milli'] // 1000}\r\n"
            )


def sales_rows(count: int, products: int) -> list[tuple[str, str, int, int]]:
    """Return (day, sku, quantity_milli, unit_price_cents) of each sales line."""
    rng = random.Random(SEED)
    rows = []
    for _ in range(count):
        number = rng.randrange(products)
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append((day, f"P{number:06d}", rng.randint(1, 6) * 1000, product_row(number)["price_cents"]))
    return rows


def write_sales(path: Path, count: int, products: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Fecha;Referencia;Cantidad;Importe\r\n")
        for day, sku, quantity, price in sales_rows(count, products):
            year, month, dom = day.split("-")
            handle.write(f"{dom}/{month}/{year};{sku};{quantity // 1000};{money(price * quantity // 1000)}\r\n")


# -- one measurement per process -------------------------------------------------------------


def _open(path: Path):
    sys.path.insert(0, str(ROOT))
    from retail_assistant.adapters.store import open_database

    return open_database(path)


def _seed_products(db, count: int) -> None:
    with db.conn:
        db.conn.executemany(
            "INSERT INTO categories (id, name_en, name_es) VALUES (?, ?, ?)",
            [(f"familia-{n}", f"Familia {n}", f"Familia {n}") for n in range(CATEGORIES)],
        )
        columns = list(product_row(0))
        db.conn.executemany(
            f"INSERT INTO products ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            (tuple(product_row(n).values()) for n in range(count)),
        )


def measure(phase: str, folder: Path, products: int, sales: int) -> dict[str, float]:
    """Run one phase in this process and return its seconds, rows and peak memory."""
    db_path = folder / f"{phase}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db = _open(db_path)
    from retail_assistant.adapters.importing import import_file

    # Only the contender is traced: with a trace callback set, sqlite-utils' insert of the
    # 100,000 products took 10 s instead of 2.5 s on the two-core test machine.
    lock = _LockTimer(db.conn if phase.endswith("-import") else None)
    if phase == "products-import":
        started = time.perf_counter()
        report = import_file(db, folder / "products.csv")
        seconds = time.perf_counter() - started
        rows = report.new
        assert not report.rejected, report.rejected[:3]
    elif phase == "products-baseline":
        parsed = [product_row(n) for n in range(products)]
        started = time.perf_counter()
        with db.conn:
            db["categories"].insert_all(
                [{"id": f"familia-{n}", "name_en": f"Familia {n}", "name_es": f"Familia {n}"} for n in range(CATEGORIES)]
            )
            db["products"].insert_all(parsed, batch_size=1000)
        seconds = time.perf_counter() - started
        rows = len(parsed)
    elif phase == "sales-import":
        _seed_products(db, products)
        started = time.perf_counter()
        report = import_file(db, folder / "sales.csv", kind="sales")
        seconds = time.perf_counter() - started
        rows = report.new
        assert not report.rejected, report.rejected[:3]
    elif phase == "sales-baseline":
        _seed_products(db, products)
        parsed = [
            {"sold_on": day, "sku": sku, "quantity_milli": quantity, "unit_price_cents": price}
            for day, sku, quantity, price in sales_rows(sales, products)
        ]
        started = time.perf_counter()
        with db.conn:
            db["sales"].insert_all(parsed, batch_size=1000)
        seconds = time.perf_counter() - started
        rows = len(parsed)
    elif phase in ("products-executemany", "sales-executemany"):
        if phase == "sales-executemany":
            _seed_products(db, products)
            columns = ["sold_on", "sku", "quantity_milli", "unit_price_cents"]
            parsed_rows = sales_rows(sales, products)
        else:
            columns = list(product_row(0))
            parsed_rows = [tuple(product_row(n).values()) for n in range(products)]
        table = "sales" if phase == "sales-executemany" else "products"
        started = time.perf_counter()
        with db.conn:
            if table == "products":
                db.conn.executemany(
                    "INSERT INTO categories (id, name_en, name_es) VALUES (?, ?, ?)",
                    [(f"familia-{n}", f"Familia {n}", f"Familia {n}") for n in range(CATEGORIES)],
                )
            db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})", parsed_rows
            )
        seconds = time.perf_counter() - started
        rows = len(parsed_rows)
    else:
        raise SystemExit(f"unknown phase {phase!r}")
    db.conn.close()
    return {"seconds": seconds, "rows": rows, "peak_mib": _peak_mib(), "lock_seconds": lock.held}


class _LockTimer:
    """Adds up the time between BEGIN IMMEDIATE and COMMIT, from the connection's statement trace."""

    def __init__(self, conn) -> None:
        self.held = 0.0
        self._since: float | None = None
        if conn is not None:
            conn.set_trace_callback(self._trace)

    def _trace(self, statement: str) -> None:
        if statement.startswith("BEGIN IMMEDIATE"):
            self._since = time.perf_counter()
        elif statement.startswith(("COMMIT", "ROLLBACK")) and self._since is not None:
            self.held += time.perf_counter() - self._since
            self._since = None


def _peak_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(phase: str, folder: Path, products: int, sales: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--phase", phase, "--folder", str(folder),
               "--products", str(products), "--sales", str(sales)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"phase {phase} failed:\n{result.stderr}")
    return json.loads(result.stdout.splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000, help="products to import (default 100000)")
    parser.add_argument("--sales", type=int, default=1_000_000, help="sales lines to import (default 1000000)")
    parser.add_argument("--rounds", type=int, default=1, help="measurements per phase; medians are compared")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.phase:
        print(json.dumps(measure(options.phase, options.folder, options.products, options.sales)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        write_products(folder / "products.csv", options.products)
        write_sales(folder / "sales.csv", options.sales, options.products)
        print(f"generated the files in {time.perf_counter() - started:.1f} s: "
              f"products.csv {(folder / 'products.csv').stat().st_size / 1e6:.1f} MB, "
              f"sales.csv {(folder / 'sales.csv').stat().st_size / 1e6:.1f} MB", flush=True)

        results: dict[str, list[dict[str, float]]] = {}
        for _ in range(options.rounds):
            # Contender and baseline alternate, so a load change on the machine hits both.
            for phase in PHASES:
                results.setdefault(phase, []).append(run_phase(phase, folder, options.products, options.sales))
                print(f"  {phase}: {results[phase][-1]}", flush=True)

    print()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"SQLite {__import__('sqlite3').sqlite_version}, load average {os.getloadavg()[0]:.1f}")
    print("| workload | rows | import rows/s | sqlite-utils rows/s | ratio import / sqlite-utils (time) "
          "| executemany rows/s | import write lock s | import peak MiB | sqlite-utils peak MiB | executemany peak MiB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for workload in ("products", "sales"):
        contender = results[f"{workload}-import"]
        baseline = results[f"{workload}-baseline"]
        floor = results[f"{workload}-executemany"]
        import_seconds = statistics.median(result["seconds"] for result in contender)
        baseline_seconds = statistics.median(result["seconds"] for result in baseline)
        floor_seconds = statistics.median(result["seconds"] for result in floor)
        rows = int(contender[0]["rows"])
        print(
            f"| {workload} | {rows:,} | {rows / import_seconds:,.0f} | {rows / baseline_seconds:,.0f} | "
            f"{import_seconds / baseline_seconds:.2f} | {rows / floor_seconds:,.0f} | "
            f"{statistics.median(r['lock_seconds'] for r in contender):.2f} | "
            f"{max(r['peak_mib'] for r in contender):.0f} | {max(r['peak_mib'] for r in baseline):.0f} | "
            f"{max(r['peak_mib'] for r in floor):.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
