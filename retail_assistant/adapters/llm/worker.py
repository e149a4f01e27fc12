"""One thread that owns the local model and serves generation requests from a queue.

llama.cpp is not thread-safe, so the model is loaded, used and closed on this thread
only. Any other thread may call `stream` or `complete`: the request waits in the
queue, and the reply comes back piece by piece through a per-request queue. Requests
run one at a time, in order; a request whose caller stopped listening is cancelled.

The model loads in the background as soon as the worker starts, so a window can
show before it is ready; requests made meanwhile wait for the load.
"""

from __future__ import annotations

import enum
import logging
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from retail_assistant.adapters.llm.engine import LocalModel
from retail_assistant.core.cancel import CancelToken
from retail_assistant.core.chat import ChatMessage, GenerationOptions
from retail_assistant.core.errors import ModelError, RetailAssistantError

__all__ = ["LocalModelWorker", "ModelState"]

log = logging.getLogger(__name__)

Loader = Callable[[Path], LocalModel]
StateListener = Callable[["ModelState", "str | None"], None]


class ModelState(enum.Enum):
    """Where the worker's model is in its life."""

    NOT_STARTED = "not_started"
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"
    CLOSED = "closed"


@dataclass
class _Request:
    messages: Sequence[ChatMessage]
    options: GenerationOptions
    cancel: CancelToken
    replies: queue.Queue[tuple[str, object]] = field(default_factory=queue.Queue)


_SHUTDOWN = object()


class LocalModelWorker:
    """The owner of the local model: loads it in the background and runs requests in order."""

    def __init__(self, path: Path, *, n_ctx: int, n_threads: int, loader: Loader | None = None) -> None:
        self.path = path
        self._load = loader or (lambda model_path: LocalModel.load(model_path, n_ctx=n_ctx, n_threads=n_threads))
        self._requests: queue.Queue[object] = queue.Queue()
        self._state = ModelState.NOT_STARTED
        self._error: RetailAssistantError | None = None
        self._settled = threading.Event()
        self._listeners: list[StateListener] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="local-model", daemon=True)

    @property
    def state(self) -> ModelState:
        """The current state; FAILED comes with `error`."""
        return self._state

    @property
    def ready(self) -> bool:
        """Whether the model is loaded, so a request starts without waiting for the load."""
        return self._state is ModelState.READY

    @property
    def error(self) -> RetailAssistantError | None:
        """Why the model could not be loaded, when the state is FAILED."""
        return self._error

    def add_listener(self, listener: StateListener) -> None:
        """Call `listener(state, message)` on the worker thread at each state change."""
        with self._lock:
            self._listeners.append(listener)

    def start(self) -> None:
        """Start the thread, which loads the model first. Returns at once."""
        if self._state is not ModelState.NOT_STARTED:
            return
        self._set_state(ModelState.LOADING)
        self._thread.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the load finished or failed; return whether the model is ready."""
        self._settled.wait(timeout)
        return self._state is ModelState.READY

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Yield the reply's text pieces; the request runs on the worker thread.

        Raises ModelError (or ModelFileError) when the model failed to load or to run.
        """
        if self._state is ModelState.NOT_STARTED:
            self.start()
        if self._state in (ModelState.FAILED, ModelState.CLOSED):
            raise self._unavailable()

        request = _Request(messages, options, cancel or CancelToken())
        self._requests.put(request)
        finished = False
        try:
            while True:
                kind, value = request.replies.get()
                if kind == "text":
                    yield str(value)
                elif kind == "done":
                    finished = True
                    return
                else:
                    finished = True
                    raise value  # type: ignore[misc]
        finally:
            if not finished:
                # The caller stopped reading: free the model for the next request.
                request.cancel.cancel()

    def complete(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        *,
        cancel: CancelToken | None = None,
    ) -> str:
        """Return the whole reply: the join of what `stream` yields."""
        return "".join(self.stream(messages, options, cancel=cancel))

    def close(self, timeout: float = 10.0) -> None:
        """Stop the thread after the current request and free the model."""
        if self._state is ModelState.NOT_STARTED:
            self._set_state(ModelState.CLOSED)
            return
        self._requests.put(_SHUTDOWN)
        self._thread.join(timeout)

    def _unavailable(self) -> ModelError:
        if self._error is not None:
            return self._error if isinstance(self._error, ModelError) else ModelError(str(self._error))
        return ModelError("the local model is closed; restart Retail Assistant")

    def _run(self) -> None:
        model = self._load_model()
        while True:
            item = self._requests.get()
            if item is _SHUTDOWN:
                break
            assert isinstance(item, _Request)
            self._serve(model, item)
        if model is not None:
            model.close()
        self._set_state(ModelState.CLOSED)

    def _load_model(self) -> LocalModel | None:
        try:
            model = self._load(self.path)
        except RetailAssistantError as error:
            log.error("cannot load the local model: %s", error)
            self._error = error
            self._set_state(ModelState.FAILED, str(error))
            self._settled.set()
            return None
        self._set_state(ModelState.READY)
        self._settled.set()
        return model

    def _serve(self, model: LocalModel | None, request: _Request) -> None:
        if model is None:
            request.replies.put(("error", self._unavailable()))
            return
        try:
            for piece in model.stream(request.messages, request.options, cancel=request.cancel):
                request.replies.put(("text", piece))
        except RetailAssistantError as error:
            log.error("local generation failed: %s", error)
            request.replies.put(("error", error))
            return
        request.replies.put(("done", None))

    def _set_state(self, state: ModelState, message: str | None = None) -> None:
        self._state = state
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(state, message)
            except Exception:  # noqa: BLE001 - a listener's bug must not kill the model thread
                log.exception("model state listener failed")
