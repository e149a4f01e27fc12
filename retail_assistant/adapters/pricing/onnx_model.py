"""The pricing demand model, run by onnxruntime.

onnxruntime runs on the CPU provider only, with one or two threads and no spinning:
spinning threads would keep cores busy between calls, and those cores belong to
llama.cpp while it writes an answer. Inputs are cast to the type the model declares and
their shape is checked before running, so a wrong input is a PricingError that names the
input and the expected shape rather than an onnxruntime exception. Every onnxruntime
exception is translated into PricingError at this boundary.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime
from onnxruntime.capi import onnxruntime_pybind11_state as ort_errors

from retail_assistant.core.errors import PricingError
from retail_assistant.core.pricing_features import FEATURE_NAMES, FeatureMatrix
from retail_assistant.paths import models_dir

__all__ = ["MODEL_FILE", "DemandModel", "default_model_path"]

log = logging.getLogger(__name__)

MODEL_FILE = "demand.onnx"

_PROVIDERS = ["CPUExecutionProvider"]
_ELEMENT_TYPES = {"tensor(float)": np.float32, "tensor(double)": np.float64}
_RETRAIN = "re-create it with '.venv/bin/python models/pricing/train.py' or restore it from the repository"
_ORT_ERRORS = (
    ort_errors.Fail,
    ort_errors.InvalidArgument,
    ort_errors.NoSuchFile,
    ort_errors.NoModel,
    ort_errors.EngineError,
    ort_errors.RuntimeException,
    ort_errors.InvalidProtobuf,
    ort_errors.ModelLoaded,
    ort_errors.NotImplemented,
    ort_errors.InvalidGraph,
    ort_errors.EPFail,
)


def default_model_path() -> Path:
    """Return where the app looks for the pricing model: models/pricing/demand.onnx."""
    return models_dir() / "pricing" / MODEL_FILE


class DemandModel:
    """One loaded demand model. `predict` may be called from several threads at once."""

    def __init__(self, session: onnxruntime.InferenceSession, path: Path) -> None:
        self._session = session
        self._lock = threading.Lock()
        self.path = path
        declared = session.get_inputs()[0]
        self.input_name: str = declared.name
        self.input_type = _ELEMENT_TYPES[declared.type]
        self.columns: int = declared.shape[1]
        self.output_name: str = session.get_outputs()[0].name

    @classmethod
    def load(cls, path: Path | None = None, *, threads: int = 1) -> DemandModel:
        """Load the model at `path` (default: `default_model_path()`) with 1 or 2 threads.

        Raises PricingError naming the path when the file is missing, is not a model
        onnxruntime can load, or does not take the features this program computes.
        """
        path = path or default_model_path()
        if threads not in (1, 2):
            raise PricingError(f"invalid thread count {threads} for the pricing model; use 1 or 2")
        if not path.is_file():
            raise PricingError(f"the pricing model {path} is missing; {_RETRAIN}")

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        options.log_severity_level = 3

        started = time.perf_counter()
        try:
            session = onnxruntime.InferenceSession(str(path), sess_options=options, providers=_PROVIDERS)
        except _ORT_ERRORS as error:
            raise PricingError(f"the pricing model {path} cannot be loaded ({_first_line(error)}); {_RETRAIN}") from error

        _check_signature(session, path)
        log.info("loaded the pricing model %s in %.0f ms with %d thread(s)", path, 1000 * (time.perf_counter() - started), threads)
        return cls(session, path)

    def predict(self, features: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """Return the demand multiplier of each row of `features`, shape (rows,).

        `features` must have shape (rows, len(FEATURE_NAMES)); it is cast to the model's
        declared element type. Raises PricingError for another shape, a value that is not
        finite, or a failure inside onnxruntime.
        """
        array = self._checked_input(features)
        if array.shape[0] == 0:
            return np.zeros(0, dtype=np.float64)
        try:
            # InferenceSession.run is thread-safe, but two large batches at once would use
            # twice the threads and memory this adapter promises; one runs at a time.
            with self._lock:
                output = self._session.run([self.output_name], {self.input_name: array})[0]
        except _ORT_ERRORS as error:
            raise PricingError(
                f"the pricing model {self.path} failed on a batch of {array.shape[0]} rows: {_first_line(error)}"
            ) from error
        return np.asarray(output, dtype=np.float64).reshape(-1)

    def predict_multipliers(self, features: FeatureMatrix) -> list[float]:
        """Return the multipliers of a FeatureMatrix as floats (the DemandPredictor port of the core)."""
        if features.columns != self.columns:
            raise PricingError(
                f"input '{self.input_name}' has {features.columns} columns; the model expects shape "
                f"(rows, {self.columns})"
            )
        array = np.frombuffer(features.values, dtype=np.float32).reshape(-1, features.columns)
        return self.predict(array).tolist()

    def _checked_input(self, features: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        try:
            array = np.asarray(features, dtype=self.input_type)
        except (TypeError, ValueError) as error:
            raise PricingError(
                f"input '{self.input_name}' cannot be read as numbers ({error}); the model expects "
                f"shape (rows, {self.columns})"
            ) from error
        if array.ndim != 2 or array.shape[1] != self.columns:
            raise PricingError(
                f"input '{self.input_name}' has shape {tuple(array.shape)}; the model expects shape "
                f"(rows, {self.columns}): one row per product and candidate price"
            )
        finite = np.isfinite(array)
        if not finite.all():
            row, column = np.argwhere(~finite)[0]
            raise PricingError(
                f"input '{self.input_name}' has a value that is not finite ({array[row, column]}) in row {row}, "
                f"column {column} ({FEATURE_NAMES[column]}); the model needs finite numbers"
            )
        return np.ascontiguousarray(array)


def _check_signature(session: onnxruntime.InferenceSession, path: Path) -> None:
    inputs = session.get_inputs()
    if len(inputs) != 1 or inputs[0].type not in _ELEMENT_TYPES or len(inputs[0].shape) != 2:
        raise PricingError(f"the pricing model {path} does not take one 2-D numeric input; {_RETRAIN}")
    if inputs[0].shape[1] != len(FEATURE_NAMES):
        raise PricingError(
            f"the pricing model {path} takes {inputs[0].shape[1]} features but this program computes "
            f"{len(FEATURE_NAMES)}; {_RETRAIN}"
        )

    stored = session.get_modelmeta().custom_metadata_map.get("feature_names")
    if stored is None or json.loads(stored) != list(FEATURE_NAMES):
        raise PricingError(
            f"the pricing model {path} was trained on other features than this program computes; {_RETRAIN}"
        )


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
