"""The project's exception hierarchy.

Adapters translate their library's exceptions into these at the boundary, so the GUI
and the command line handle one family of errors::

    RetailAssistantError
    ├── InputError            bad input from the user: a file, a question, a flag (exit 2)
    │   └── ImportFileError   an import file that cannot be read as the format it claims
    ├── ModelError            the local model cannot be loaded or run
    │   └── ModelFileError    the model file is missing, truncated or not a GGUF file
    ├── StoreError            the shop database cannot be opened or written
    ├── PricingError          the pricing model is missing, damaged or was given bad input
    ├── CloudError            the cloud model cannot be used for this request
    │   ├── CloudAuthError          the endpoint rejected the API key (HTTP 401 or 403)
    │   ├── CloudRateLimited        too many requests (HTTP 429) after the allowed retries
    │   ├── CloudQuotaExceeded      the account has no credit or quota left (HTTP 402, insufficient_quota)
    │   ├── CloudTimeout            no reply within the connect, read or overall time limit
    │   ├── CloudConnectionLost     the connection failed or dropped before any text arrived
    │   ├── CloudBadResponse        a reply that is not the Chat Completions format, or an error the
    │   │                           endpoint reported for this request (HTTP 400, 404, 422, ...)
    │   ├── CloudUnavailable        not configured, circuit breaker open, or the server failing (5xx)
    │   ├── CloudStreamInterrupted  the reply stopped after some text; carries `partial_text`
    │   └── CloudKeyStoreError      the API key cannot be stored in or deleted from the OS keyring
    └── GenerationStopped     the user stopped a reply (not a failure; carries no message)

Every message names the value at fault and what to do next. Cloud errors name the endpoint,
never the API key.
"""

from __future__ import annotations

__all__ = [
    "CloudAuthError",
    "CloudBadResponse",
    "CloudConnectionLost",
    "CloudError",
    "CloudKeyStoreError",
    "CloudQuotaExceeded",
    "CloudRateLimited",
    "CloudStreamInterrupted",
    "CloudTimeout",
    "CloudUnavailable",
    "GenerationStopped",
    "ImportFileError",
    "InputError",
    "ModelError",
    "ModelFileError",
    "PricingError",
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


class PricingError(RetailAssistantError):
    """Raised when the pricing model file is missing or damaged, or cannot run on its input."""


class GenerationStopped(RetailAssistantError):
    """Raised inside a generation loop when the user pressed Stop."""


class CloudError(RetailAssistantError):
    """Raised when the cloud model cannot be used for a request.

    `endpoint` is the base URL the request went to (without any user name or password in it)
    and `status` the HTTP status code when the endpoint sent one.
    """

    def __init__(self, message: str, *, endpoint: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.endpoint = endpoint
        self.status = status


class CloudAuthError(CloudError):
    """Raised when the endpoint rejects the API key (HTTP 401 or 403); never retried."""


class CloudRateLimited(CloudError):
    """Raised when the endpoint still limits the request rate after the allowed retries.

    `retry_after` is the wait in seconds the endpoint asked for, when it named one.
    """

    def __init__(
        self,
        message: str,
        *,
        endpoint: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, endpoint=endpoint, status=status)
        self.retry_after = retry_after


class CloudQuotaExceeded(CloudError):
    """Raised when the account has no credit or quota left (HTTP 402 or insufficient_quota); never retried."""


class CloudTimeout(CloudError):
    """Raised when the endpoint does not connect, send or finish within its time limit."""


class CloudConnectionLost(CloudError):
    """Raised when the connection fails or drops before any text of the reply arrived."""


class CloudBadResponse(CloudError):
    """Raised for a reply that is not the Chat Completions format, or an error reported for the request."""


class CloudUnavailable(CloudError):
    """Raised when the cloud is not configured, its circuit breaker is open, or its server fails (5xx)."""


class CloudStreamInterrupted(CloudError):
    """Raised when a reply stops after some of its text arrived; the request is not restarted.

    `partial_text` is the text received so far, which the caller keeps and may offer to retry.
    It is not part of the message, so logging the error never logs the reply.
    """

    def __init__(
        self,
        message: str,
        *,
        partial_text: str,
        endpoint: str = "",
        status: int | None = None,
    ) -> None:
        super().__init__(message, endpoint=endpoint, status=status)
        self.partial_text = partial_text


class CloudKeyStoreError(CloudError):
    """Raised when the API key cannot be stored in or deleted from the operating system's keyring."""
