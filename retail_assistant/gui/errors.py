"""How each kind of error is shown to shop staff: one function decides for the whole window.

The project's errors carry an English message that names the value and the next
step. The window shows that message below a translated one-line summary of what failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from retail_assistant.core.errors import InputError, ModelError, RetailAssistantError, StoreError

__all__ = ["ErrorDescription", "describe_error"]

@dataclass(frozen=True)
class ErrorDescription:
    """An error as the window shows it: a translated summary and the error's own message."""

    summary: str
    detail: str


def describe_error(error: BaseException) -> ErrorDescription:
    """Return the summary and detail the window shows for `error`.

    Call it when the error is shown, not when it is caught, so the summary is in the
    window's current language.

    The summaries are literal strings in `translate` calls so that pyside6-lupdate finds them.
    """
    detail = str(error) or type(error).__name__
    translate = QCoreApplication.translate
    if isinstance(error, InputError):
        summary = translate("ErrorDisplay", "Not answered: the question needs changing")
    elif isinstance(error, ModelError):
        summary = translate("ErrorDisplay", "Not answered: the local model failed")
    elif isinstance(error, StoreError):
        summary = translate("ErrorDisplay", "Not answered: the shop database cannot be read")
    elif isinstance(error, RetailAssistantError):
        summary = translate("ErrorDisplay", "Not answered")
    else:
        # Anything else is a bug: say so, and point at the log, which has the traceback.
        summary = translate("ErrorDisplay", "Not answered: unexpected error (the log file has the details)")
        detail = f"{type(error).__name__}: {detail}"
    return ErrorDescription(summary, detail)
