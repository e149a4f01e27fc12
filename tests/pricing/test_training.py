"""The training script runs end to end on its small configuration, and its model works in the app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from retail_assistant.adapters.pricing.onnx_model import DemandModel
from retail_assistant.core.pricing_features import FEATURE_NAMES
from retail_assistant.paths import models_dir

TRAIN = models_dir() / "pricing" / "train.py"


def test_small_training_runs_end_to_end(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, str(TRAIN), "--small", "--output", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )

    assert result.returncode == 0, result.stderr
    for name in ("demand.onnx", "metrics.json", "MODEL_CARD.md"):
        assert (tmp_path / name).is_file(), name

    metrics = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["config"]["name"] == "small"
    assert metrics["feature_names"] == list(FEATURE_NAMES)
    assert metrics["training_rows"] > 500
    assert metrics["onnx_max_relative_difference"] < 1e-4, "ONNX and scikit-learn predictions differ"
    assert 0 < metrics["validation"]["deviance_explained"] <= 1

    model = DemandModel.load(tmp_path / "demand.onnx")
    multipliers = model.predict(np.zeros((4, len(FEATURE_NAMES))))
    assert multipliers.shape == (4,)
    assert np.all(np.isfinite(multipliers))

    card = (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "## Limits" in card
    assert metrics["model_sha256"] in card


def test_committed_card_states_tolerance_and_evaluation():
    card = (models_dir() / "pricing" / "MODEL_CARD.md").read_text(encoding="utf-8")

    assert "1 %" in card
    assert "## Decisions on held-out shops" in card
    assert "Not evaluated yet" not in card
