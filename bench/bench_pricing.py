#!/usr/bin/env python3
"""Benchmark the pricing model: 100,000 products times 21 candidate prices in one batch.

Contender: the app's adapter, `DemandModel.predict` (onnxruntime, CPU provider, one
thread, no spinning) on the committed `models/pricing/demand.onnx`. Baseline: the same
model's `predict` in scikit-learn, on the same float32 inputs. The scikit-learn model is
retrained from the training script's fixed seeds (about two minutes, then cached in
models/.cache/pricing/) and checked to give the committed ONNX model's predictions.
Rounds alternate the order and medians are compared. Each contender then runs once more
in a fresh child process that reports its resident memory before predicting and its peak
while predicting (Linux `VmRSS` and `VmHWM`, the peak reset just before the call), so one
contender's peak does not hide the other's.

Inputs are real feature rows: contexts computed from simulated shops with the same code
the app runs, each with the 21 candidate prices the default rules give.

    .venv/bin/python bench/bench_pricing.py [--products 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PRICING = ROOT / "models" / "pricing"
CACHE = ROOT / "models" / ".cache" / "pricing"
sys.path.insert(0, str(PRICING))

from retail_assistant.adapters.pricing.onnx_model import DemandModel, default_model_path  # noqa: E402

_AGREEMENT = 1e-4
"""Largest relative difference between the cached scikit-learn model and the ONNX file."""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark command line and return its exit status."""
    parser = argparse.ArgumentParser(description="Time the pricing model in onnxruntime against scikit-learn.")
    parser.add_argument("--products", type=int, default=100_000, help="products in the batch (default 100,000)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per contender (default 3)")
    parser.add_argument("--child", choices=("onnx", "sklearn"), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        return _child(options.child, options.input)

    started = time.perf_counter()
    features = build_features(options.products)
    print(f"built {features.shape[0]:,} rows x {features.shape[1]} features "
          f"({features.nbytes / 2**20:.0f} MiB) in {time.perf_counter() - started:.0f} s", flush=True)

    onnx_model = DemandModel.load(default_model_path(), threads=1)
    onnx_two = DemandModel.load(default_model_path(), threads=2)
    trees = sklearn_model()
    _check_agreement(onnx_model, trees, features[:20_000])

    timings: dict[str, list[float]] = {"onnx_1_thread": [], "onnx_2_threads": [], "sklearn": []}
    contenders = {
        "onnx_1_thread": lambda: onnx_model.predict(features),
        "onnx_2_threads": lambda: onnx_two.predict(features),
        "sklearn": lambda: np.exp(trees.predict(features)),
    }
    for round_number in range(options.rounds):
        order = list(contenders) if round_number % 2 == 0 else list(reversed(contenders))
        for name in order:
            begin = time.perf_counter()
            contenders[name]()
            timings[name].append(time.perf_counter() - begin)
        print(f"round {round_number + 1}: " + ", ".join(f"{name} {timings[name][-1]:.2f} s" for name in contenders),
              flush=True)

    shop_sized = features[:344 * 21]
    begin = time.perf_counter()
    onnx_model.predict(shop_sized)
    shop_seconds = time.perf_counter() - begin

    memory = _peak_memory(features)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    result = {
        "rows": int(features.shape[0]),
        "products": options.products,
        "rounds": options.rounds,
        "median_seconds": {name: round(value, 3) for name, value in medians.items()},
        "ratio_sklearn_over_onnx_1_thread": round(medians["sklearn"] / medians["onnx_1_thread"], 2),
        "ratio_sklearn_over_onnx_2_threads": round(medians["sklearn"] / medians["onnx_2_threads"], 2),
        "peak_rss_mib": memory,
        "onnx_1_thread_seconds_for_344_products": round(shop_seconds, 4),
        "machine": f"{platform.machine()}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    print(json.dumps(result, indent=2))
    return 0


def build_features(products: int) -> np.ndarray:
    """Return `products` x 21 feature rows: simulated contexts, each with its candidate prices."""
    from dataset import calendar_at, histories, state_at
    from simulator import simulate_shop

    from retail_assistant.core.pricing_features import feature_row
    from retail_assistant.core.pricing_history import build_contexts
    from retail_assistant.core.pricing_rules import PricingRules, candidate_prices, price_bounds

    rules = PricingRules()
    wanted = products * rules.candidates
    blocks: list[np.ndarray] = []
    total = 0
    seed = 70_000_000
    while total < wanted:
        shop = simulate_shop(seed, history_days=500, products=150)
        seed += 1
        product_histories = histories(shop)
        for anchor in range(430, 486, 4):
            calendar = calendar_at(shop, anchor)
            states = [state_at(shop, number, anchor, rules.horizon_days, 0.0) for number in range(len(shop.products))]
            rows = []
            for context, spec in zip(build_contexts(product_histories, states, calendar, anchor=anchor), shop.products):
                vat = _decimal(spec.vat_percent)
                bounds = price_bounds(context.current_price_cents, spec.cost_cents, vat, rules, clearance=False)
                rows.extend(feature_row(context, price)
                            for price in candidate_prices(context.current_price_cents, bounds, vat, rules))
            # Each block becomes float32 at once: millions of rows as Python lists would take gigabytes.
            blocks.append(np.asarray(rows, dtype=np.float32))
            total += len(rows)
            if total >= wanted:
                break
    return np.concatenate(blocks)[:wanted]


def sklearn_model():
    """Return the scikit-learn trees of the committed model: from the cache, or retrained from the seeds."""
    import hashlib

    import train

    digest = hashlib.sha256(default_model_path().read_bytes()).hexdigest()[:16]
    cached = CACHE / f"demand-{digest}.pkl"
    if cached.is_file():
        # The cache is written by this script only, in a git-ignored folder of this checkout.
        with cached.open("rb") as handle:
            return pickle.load(handle)

    print("retraining the scikit-learn model from the training seeds (about two minutes)…", flush=True)
    config = train.CONFIGS["full"]
    rows = train._rows(config, seeds=[config.seed + number for number in range(config.train_shops)], offset=1)
    trees = train.fit(config, rows).trees
    CACHE.mkdir(parents=True, exist_ok=True)
    with cached.open("wb") as handle:
        pickle.dump(trees, handle)
    return trees


def _check_agreement(onnx_model: DemandModel, trees, features: np.ndarray) -> None:
    expected = np.exp(trees.predict(features))
    got = onnx_model.predict(features)
    difference = float((np.abs(got - expected) / np.maximum(expected, 1e-3)).max())
    if difference > _AGREEMENT:
        raise SystemExit(f"the scikit-learn model differs from {default_model_path()} by {difference:.1e}; "
                         f"delete {CACHE} and run again")
    print(f"scikit-learn and ONNX predictions agree within {difference:.1e} (relative)", flush=True)


def _peak_memory(features: np.ndarray) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="bench-pricing-") as scratch:
        path = Path(scratch) / "features.npy"
        np.save(path, features)
        report = {}
        for name in ("onnx", "sklearn"):
            output = subprocess.run(
                [sys.executable, __file__, "--child", name, "--input", str(path)],
                capture_output=True, text=True, check=True, timeout=1800,
            ).stdout
            report[name] = json.loads(output.strip().splitlines()[-1])
    return report


def _child(name: str, input_path: Path) -> int:
    features = np.load(input_path)
    if name == "onnx":
        model = DemandModel.load(default_model_path(), threads=1)
        predict = model.predict
    else:
        trees = sklearn_model()

        def predict(rows: np.ndarray) -> np.ndarray:
            return np.exp(trees.predict(rows))

    predict(features[:100])  # loads whatever the first call loads, so only the batch is measured
    resident = _status_mib("VmRSS")
    peak_was_reset = _reset_peak()
    predict(features)
    peak = _status_mib("VmHWM") if peak_was_reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"resident_before": round(resident), "peak": round(peak), "added_by_predict": round(peak - resident),
                      "peak_reset": peak_was_reset}))
    return 0


def _status_mib(field: str) -> float:
    """Return a memory figure of this process from /proc/self/status, in MiB (Linux only)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/self/status has no {field} line")


def _reset_peak() -> bool:
    """Reset this process's peak resident memory (VmHWM) to its current value; return whether it worked.

    Linux resets it when "5" is written to /proc/self/clear_refs (since Linux 4.0).
    """
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def _decimal(value: float):
    from decimal import Decimal

    return Decimal(str(value))


if __name__ == "__main__":
    raise SystemExit(main())
