"""Checking a model file before the expensive load.

llama.cpp reports a bad file with a bare ValueError, or not at all when it aborts, so
the cheap checks run first: the file exists, is big enough, and starts with the GGUF
magic and a known version. A truncated file passes these and fails in the load, which
the engine translates to the same error.
"""

from __future__ import annotations

import struct
from pathlib import Path

from retail_assistant.core.errors import ModelFileError

__all__ = ["GGUF_MAGIC", "check_model_file", "model_file_advice"]

GGUF_MAGIC = b"GGUF"
_HEADER_SIZE = 24  # magic, uint32 version, uint64 tensor count, uint64 metadata count
_KNOWN_VERSIONS = (2, 3)


def model_file_advice(path: Path) -> str:
    """Return what the user can do about a bad model file at `path`."""
    return (
        f"run 'make setup' to place the default model, or set RETAIL_ASSISTANT_MODEL "
        f"(or model_path in the settings) to a .gguf file instead of {path}"
    )


def check_model_file(path: Path) -> None:
    """Raise ModelFileError naming `path` unless it looks like a complete GGUF file."""
    if not path.exists():
        raise ModelFileError(f"model file not found: {path}; {model_file_advice(path)}")
    if not path.is_file():
        raise ModelFileError(f"model path is not a file: {path}; {model_file_advice(path)}")

    try:
        with path.open("rb") as stream:
            header = stream.read(_HEADER_SIZE)
    except OSError as error:
        raise ModelFileError(f"cannot read the model file {path}: {error.strerror}") from error

    if len(header) < _HEADER_SIZE:
        raise ModelFileError(
            f"model file {path} is truncated ({len(header)} bytes); {model_file_advice(path)}"
        )
    if header[:4] != GGUF_MAGIC:
        raise ModelFileError(
            f"model file {path} is not a GGUF file (it starts with {header[:4]!r}); "
            f"{model_file_advice(path)}"
        )
    version, tensors = struct.unpack("<IQ", header[4:16])
    if version not in _KNOWN_VERSIONS or tensors == 0:
        raise ModelFileError(
            f"model file {path} has an unsupported GGUF header (version {version}, "
            f"{tensors} tensors); {model_file_advice(path)}"
        )
