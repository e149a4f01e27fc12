#!/usr/bin/env python3
"""Train the pricing demand model on simulated shops and export it to ONNX.

Run from the repository root with the development dependencies installed:

    .venv/bin/python models/pricing/train.py            # full model, a few minutes
    .venv/bin/python models/pricing/train.py --small    # end-to-end check, seconds
    .venv/bin/python models/pricing/train.py --check    # retrain in a scratch folder, compare metrics

It writes `demand.onnx`, `metrics.json` and `MODEL_CARD.md` to the output folder
(default: this script's folder). Every random draw comes from fixed seeds, so the same
library versions give the same model.

The model is scikit-learn's GradientBoostingRegressor fitted to the logarithm of the
demand multiplier, weighted by exposure, and the exported graph ends in an Exp node so
the ONNX model returns the multiplier itself. HistGradientBoostingRegressor with a
Poisson loss would be the natural choice, but skl2onnx 1.20 cannot export it together
with protobuf 7.36: its converter writes a Python bool into an integer attribute of leaf
nodes, which protobuf rejects. The targets are the simulator's expected demand, not a
random draw, so a log target is defined for every row. In log space a price change
moves demand by the same amount whatever the product's level, which additive trees fit
far better than the multiplicative effect on the raw scale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Any
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from card import write_model_card  # noqa: E402
from dataset import Rows, make_rows  # noqa: E402
from simulator import simulate_shop  # noqa: E402

from retail_assistant.core.pricing_features import CATEGORY_KEYS, FEATURE_NAMES  # noqa: E402

MODEL_FILE = "demand.onnx"
METRICS_FILE = "metrics.json"

REPRODUCTION_TOLERANCE = 0.01
"""Largest relative difference of a validation metric between two full trainings that
`--check` accepts. With the same library versions the difference is zero; the margin is
for other versions of numpy and scikit-learn, whose floating-point sums may differ."""

_MIN_MULTIPLIER = 1e-4
"""Floor of the multipliers before the log, for a product with no expected demand in the horizon."""

_CHECKED_METRICS = ("poisson_deviance", "poisson_deviance_exposure_only", "mean_abs_error_units", "elasticity_mean_abs_error")


@dataclass(frozen=True)
class TrainingConfig:
    """Sizes and seeds of one training run."""

    name: str
    train_shops: int
    validation_shops: int
    products_per_shop: int
    history_days: int
    anchors_per_shop: int
    prices_per_context: int
    trees: int
    max_depth: int
    learning_rate: float
    subsample: float
    min_samples_leaf: int
    seed: int = 20250301


CONFIGS = {
    "full": TrainingConfig(
        name="full",
        train_shops=40,
        validation_shops=8,
        products_per_shop=150,
        history_days=500,
        anchors_per_shop=12,
        prices_per_context=3,
        trees=300,
        max_depth=5,
        learning_rate=0.08,
        subsample=0.5,
        min_samples_leaf=40,
    ),
    "small": TrainingConfig(
        name="small",
        train_shops=3,
        validation_shops=1,
        products_per_shop=40,
        history_days=500,
        anchors_per_shop=4,
        prices_per_context=2,
        trees=30,
        max_depth=4,
        learning_rate=0.15,
        subsample=0.5,
        min_samples_leaf=20,
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Run the training command line and return its exit status."""
    parser = argparse.ArgumentParser(description="Train the pricing demand model and export it to ONNX.")
    parser.add_argument("--small", action="store_true", help="train a small model in seconds, to check the script runs")
    parser.add_argument("--output", type=Path, default=HERE, help="folder for demand.onnx, metrics.json and MODEL_CARD.md")
    parser.add_argument("--check", action="store_true",
                        help="train into a scratch folder and compare its metrics with OUTPUT/metrics.json")
    options = parser.parse_args(argv)
    config = CONFIGS["small" if options.small else "full"]

    if options.check:
        return _check(config, options.output)
    metrics = train(config, options.output)
    print(json.dumps(metrics["validation"], indent=2))
    print(f"wrote {options.output / MODEL_FILE} ({metrics['model_bytes']} bytes) in {metrics['training_seconds']:.0f} s")
    return 0


def train(config: TrainingConfig, output: Path) -> dict:
    """Simulate shops, fit the model, export it and write the model, metrics and card to `output`."""
    started = time.perf_counter()
    train_rows = _rows(config, seeds=[config.seed + number for number in range(config.train_shops)], offset=1)
    validation_rows = _rows(
        config, seeds=[config.seed + 500_000 + number for number in range(config.validation_shops)], offset=2
    )
    simulated = time.perf_counter()

    model = fit(config, train_rows)
    fitted = time.perf_counter()

    onnx_bytes = export_onnx(model, config)
    output.mkdir(parents=True, exist_ok=True)
    (output / MODEL_FILE).write_bytes(onnx_bytes)

    metrics = {
        "config": asdict(config),
        "feature_names": list(FEATURE_NAMES),
        "training_rows": int(len(train_rows.targets)),
        "validation_rows": int(len(validation_rows.targets)),
        "validation": validation_metrics(model, validation_rows),
        "onnx_max_relative_difference": _onnx_difference(onnx_bytes, model, validation_rows.features),
        "model_bytes": len(onnx_bytes),
        "model_sha256": hashlib.sha256(onnx_bytes).hexdigest(),
        "simulation_seconds": round(simulated - started, 1),
        "fit_seconds": round(fitted - simulated, 1),
        "training_seconds": round(time.perf_counter() - started, 1),
        "versions": _versions(),
    }
    (output / METRICS_FILE).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    write_model_card(output)
    return metrics


@dataclass(frozen=True)
class DemandRegressor:
    """The fitted trees, which predict the log multiplier, and their multiplier."""

    trees: Any
    """The fitted sklearn GradientBoostingRegressor."""

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Return the demand multiplier of each row, as the ONNX model computes it."""
        return np.exp(self.trees.predict(features))


def fit(config: TrainingConfig, rows: Rows) -> DemandRegressor:
    """Fit the gradient-boosted trees to the log multipliers, weighted by exposure."""
    from sklearn.ensemble import GradientBoostingRegressor

    trees = GradientBoostingRegressor(
        loss="squared_error",
        n_estimators=config.trees,
        max_depth=config.max_depth,
        learning_rate=config.learning_rate,
        subsample=config.subsample,
        min_samples_leaf=config.min_samples_leaf,
        random_state=config.seed,
    )
    trees.fit(rows.features, np.log(np.maximum(rows.targets, _MIN_MULTIPLIER)), sample_weight=rows.weights)
    return DemandRegressor(trees)


def export_onnx(model: DemandRegressor, config: TrainingConfig) -> bytes:
    """Convert the fitted model to ONNX with a variable batch dimension, an Exp output and our metadata."""
    import onnx
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    converted = convert_sklearn(
        model.trees,
        initial_types=[("features", FloatTensorType([None, len(FEATURE_NAMES)]))],
        final_types=[("log_demand_multiplier", FloatTensorType([None, 1]))],
        target_opset={"": 17, "ai.onnx.ml": 3},
    )
    graph = converted.graph
    graph.name = "pricing_demand"  # skl2onnx names the graph with a random UUID, which would change every file
    graph.node.append(onnx.helper.make_node("Exp", ["log_demand_multiplier"], ["demand_multiplier"], name="Multiplier"))
    del graph.output[:]
    graph.output.append(onnx.helper.make_tensor_value_info("demand_multiplier", onnx.TensorProto.FLOAT, [None, 1]))
    onnx.checker.check_model(converted)
    converted.doc_string = (
        "Demand multiplier of a shop product at a candidate price over a horizon; "
        "multiply by the product's reference rate times the horizon's day weight for units."
    )
    onnx.helper.set_model_props(
        converted,
        {
            "feature_names": json.dumps(list(FEATURE_NAMES)),
            "category_keys": json.dumps(list(CATEGORY_KEYS)),
            "training_config": config.name,
            "trained_with": f"scikit-learn {_versions()['scikit-learn']}, skl2onnx {_versions()['skl2onnx']}",
        },
    )
    return converted.SerializeToString()


def validation_metrics(model: DemandRegressor, rows: Rows) -> dict:
    """Return fit and price-response metrics of `model` on held-out shops."""
    multipliers = np.maximum(model.predict(rows.features), 1e-9)
    actual = rows.targets * rows.weights
    predicted = multipliers * rows.weights
    flat = rows.weights

    elasticity = _model_elasticity(model, rows.features)
    by_category = {}
    # The best any model can do from the category alone: each row's category mean.
    category_mean = np.zeros(len(rows.categories))
    for category in sorted(set(rows.categories)):
        mask = np.array([name == category for name in rows.categories])
        category_mean[mask] = rows.true_elasticity[mask].mean()
        by_category[category] = {
            "rows": int(mask.sum()),
            "true": round(float(rows.true_elasticity[mask].mean()), 3),
            "model": round(float(elasticity[mask].mean()), 3),
        }
    return {
        "poisson_deviance": round(_poisson_deviance(actual, predicted), 5),
        "poisson_deviance_exposure_only": round(_poisson_deviance(actual, flat), 5),
        "deviance_explained": round(1 - _poisson_deviance(actual, predicted) / _poisson_deviance(actual, flat), 4),
        "mean_units": round(float(actual.mean()), 4),
        "mean_predicted_units": round(float(predicted.mean()), 4),
        "mean_abs_error_units": round(float(np.abs(actual - predicted).mean()), 4),
        "elasticity_mean_abs_error": round(float(np.abs(elasticity - rows.true_elasticity).mean()), 4),
        "elasticity_category_mean_abs_error": round(float(np.abs(category_mean - rows.true_elasticity).mean()), 4),
        "elasticity_by_category": by_category,
    }


def _rows(config: TrainingConfig, *, seeds: list[int], offset: int) -> Rows:
    shops = [simulate_shop(seed, history_days=config.history_days, products=config.products_per_shop) for seed in seeds]
    return make_rows(shops, anchors_per_shop=config.anchors_per_shop, prices_per_context=config.prices_per_context,
                     seed=config.seed + offset)


def _model_elasticity(model: DemandRegressor, features: np.ndarray) -> np.ndarray:
    """Return the model's price sensitivity at each row: minus the slope of log demand in log price over ±10 %."""
    price = FEATURE_NAMES.index("log_price_ratio")
    higher = features.copy()
    lower = features.copy()
    higher[:, price] += np.float32(0.1)
    lower[:, price] -= np.float32(0.1)
    up = np.maximum(model.predict(higher), 1e-6)
    down = np.maximum(model.predict(lower), 1e-6)
    return -np.log(up / down) / 0.2


def _poisson_deviance(actual: np.ndarray, predicted: np.ndarray) -> float:
    predicted = np.maximum(predicted, 1e-9)
    ratio = np.where(actual > 0, actual * np.log(np.where(actual > 0, actual, 1.0) / predicted), 0.0)
    return float(2.0 * np.mean(ratio - (actual - predicted)))


def _onnx_difference(onnx_bytes: bytes, model: DemandRegressor, features: np.ndarray) -> float:
    """Return the largest difference between ONNX and scikit-learn multipliers, relative to the multiplier."""
    import onnxruntime

    session = onnxruntime.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    output = session.run(None, {"features": features})[0].ravel()
    expected = model.predict(features)
    return float((np.abs(output - expected) / np.maximum(expected, 1e-3)).max())


def _versions() -> dict[str, str]:
    import onnx
    import onnxruntime
    import skl2onnx
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
        "skl2onnx": skl2onnx.__version__,
        "onnx": onnx.__version__,
        "onnxruntime": onnxruntime.__version__,
    }


def _check(config: TrainingConfig, output: Path) -> int:
    committed = json.loads((output / METRICS_FILE).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="pricing-train-check-") as scratch:
        fresh = train(config, Path(scratch))

    failures = []
    for key in _CHECKED_METRICS:
        old, new = committed["validation"][key], fresh["validation"][key]
        difference = abs(new - old) / max(abs(old), 1e-12)
        status = "ok" if difference <= REPRODUCTION_TOLERANCE else "DIFFERS"
        print(f"{status:8} {key}: committed {old}, retrained {new} (relative difference {difference:.2e})")
        if difference > REPRODUCTION_TOLERANCE:
            failures.append(key)
    same_model = committed["model_sha256"] == fresh["model_sha256"]
    print(f"model file {'identical' if same_model else 'differs'} (sha256 {fresh['model_sha256'][:16]}…)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
