"""The project's exception hierarchy.

Adapters translate their library's exceptions into these at the boundary, so the GUI
and the command line handle one family of errors::

    RetailAssistantError
    ├── InputError            bad input from the user: a file, a question, a flag (exit 2)
    │   └── ImportFileError   an import file that cannot be read as the format it claims
    ├── ModelError            the local model cannot be loaded or run
    │   └── ModelFileError    the model file is missing, truncated or not a GGUF file
    ├── StoreError            the shop database cannot be opened or written
    └── GenerationStopped     the user stopped a reply (not a failure; carries no message)

Every message names the value at fault and what to do next.
"""

from __future__ import annotations

__all__ = [
    "GenerationStopped",
    "ImportFileError",
    "InputError",
    "ModelError",
    "ModelFileError",
    "RetailAssistantError",
    "StoreError",
]


class RetailAssistantError(Exception):
    """Base of every error the project raises on purpose."""


class InputError(RetailAssistantError):
    """Raised for input the user can fix: a file, a question, a flag."""


class ImportFileError(InputError):
    """Raised when an import file cannot be read as the format it claims to be."""


class ModelError(RetailAssistantError):
    """Raised when the local model cannot be loaded or run."""


class ModelFileError(ModelError):
    """Raised when the model file is missing, truncated or not a GGUF file."""


class StoreError(RetailAssistantError):
    """Raised when the shop database cannot be opened or written."""


class GenerationStopped(RetailAssistantError):
    """Raised inside a generation loop when the user pressed Stop."""
