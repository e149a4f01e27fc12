"""The onnxruntime adapter: the committed model, input checks and clear errors for bad files."""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import numpy as np
import pytest

from retail_assistant.adapters.pricing.onnx_model import DemandModel, default_model_path
from retail_assistant.core.errors import PricingError
from retail_assistant.core.pricing_features import FEATURE_NAMES, FeatureMatrix
from retail_assistant.paths import models_dir

COLUMNS = len(FEATURE_NAMES)
METRICS = models_dir() / "pricing" / "metrics.json"


def typical_rows(count: int) -> np.ndarray:
    """Rows of a product selling about 10 units a week at prices from -30 % to +30 %."""
    rows = np.zeros((count, COLUMNS), dtype=np.float64)
    rows[:, FEATURE_NAMES.index("log_price_ratio")] = np.linspace(-0.3, 0.3, count)
    rows[:, FEATURE_NAMES.index("log_price_level")] = np.log(4.95)
    rows[:, FEATURE_NAMES.index("log_ref_units")] = np.log1p(80)
    rows[:, FEATURE_NAMES.index("ref_coverage")] = 1.0
    rows[:, FEATURE_NAMES.index("category_code")] = 14
    rows[:, FEATURE_NAMES.index("days_to_expiry")] = 30
    rows[:, FEATURE_NAMES.index("horizon_days")] = 7
    return rows


def test_committed_model_is_small_and_where_the_app_looks():
    path = default_model_path()

    assert path == models_dir() / "pricing" / "demand.onnx"
    assert path.stat().st_size < 5 * 2**20


def test_committed_metrics_match_the_model():
    import hashlib

    metrics = json.loads(METRICS.read_text(encoding="utf-8"))

    assert metrics["feature_names"] == list(FEATURE_NAMES)
    assert metrics["model_sha256"] == hashlib.sha256(default_model_path().read_bytes()).hexdigest()
    assert metrics["onnx_max_relative_difference"] < 1e-4


def test_model_declares_variable_batch(model):
    assert model.input_name == "features"
    assert model.columns == COLUMNS
    assert model.input_type is np.float32


def test_prediction_has_one_value_per_row(model):
    for count in (1, 7, 2100):
        multipliers = model.predict(typical_rows(count))
        assert multipliers.shape == (count,)
        assert np.all(multipliers > 0)


def test_demand_falls_as_price_rises(model):
    multipliers = model.predict(typical_rows(21))

    assert multipliers[0] > multipliers[10] > multipliers[-1]


def test_float64_and_lists_are_cast(model):
    rows = typical_rows(3)

    from_float64 = model.predict(rows)
    from_list = model.predict(rows.tolist())

    assert np.allclose(from_float64, from_list)


def test_feature_matrix_port_gives_same_values(model):
    rows = typical_rows(5)
    matrix = FeatureMatrix(array("f", rows.astype(np.float32).ravel().tolist()), COLUMNS)

    assert model.predict_multipliers(matrix) == pytest.approx(model.predict(rows).tolist())


def test_empty_batch_gives_empty_result(model):
    assert model.predict(np.zeros((0, COLUMNS))).shape == (0,)


@pytest.mark.parametrize(
    "bad",
    [
        np.zeros((4, COLUMNS - 1)),
        np.zeros((4, COLUMNS + 3)),
        np.zeros(COLUMNS),
        np.zeros((2, 3, COLUMNS)),
    ],
    ids=["too-few-columns", "too-many-columns", "one-dimensional", "three-dimensional"],
)
def test_wrong_shape_names_input_and_shape(model, bad):
    with pytest.raises(PricingError) as raised:
        model.predict(bad)

    message = str(raised.value)
    assert "'features'" in message
    assert f"(rows, {COLUMNS})" in message
    assert str(tuple(bad.shape)) in message


def test_text_input_is_a_clear_error(model):
    with pytest.raises(PricingError, match="cannot be read as numbers"):
        model.predict([["cheap"] * COLUMNS])


def test_non_finite_value_names_the_column(model):
    rows = typical_rows(3)
    rows[1, FEATURE_NAMES.index("recent_trend")] = np.nan

    with pytest.raises(PricingError, match="row 1, column 8 \\(recent_trend\\)"):
        model.predict(rows)


def test_feature_matrix_with_wrong_columns(model):
    with pytest.raises(PricingError, match=f"expects shape \\(rows, {COLUMNS}\\)"):
        model.predict_multipliers(FeatureMatrix(array("f", [0.0] * 10), 5))


def test_missing_model_names_path_and_remedy(tmp_path: Path):
    missing = tmp_path / "pricing" / "demand.onnx"

    with pytest.raises(PricingError) as raised:
        DemandModel.load(missing)

    assert str(missing) in str(raised.value)
    assert "models/pricing/train.py" in str(raised.value)


def test_corrupt_model_is_a_clear_error(tmp_path: Path):
    corrupt = tmp_path / "demand.onnx"
    corrupt.write_bytes(default_model_path().read_bytes()[:5000])

    with pytest.raises(PricingError) as raised:
        DemandModel.load(corrupt)

    assert str(corrupt) in str(raised.value)
    assert "cannot be loaded" in str(raised.value)


def test_model_with_other_features_is_rejected(tmp_path: Path):
    import onnx

    converted = onnx.load(default_model_path())
    for prop in converted.metadata_props:
        if prop.key == "feature_names":
            prop.value = json.dumps(list(reversed(FEATURE_NAMES)))
    other = tmp_path / "demand.onnx"
    onnx.save(converted, other)

    with pytest.raises(PricingError, match="trained on other features"):
        DemandModel.load(other)


def test_thread_count_is_checked():
    with pytest.raises(PricingError, match="use 1 or 2"):
        DemandModel.load(default_model_path(), threads=4)


def test_session_options_are_fixed(model):
    options = model._session.get_session_options()

    assert model._session.get_providers() == ["CPUExecutionProvider"]
    assert options.intra_op_num_threads == 1
    assert options.inter_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
