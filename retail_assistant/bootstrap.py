"""The composition root: builds the services from the settings.

The command line, the desktop app and the tests all start here, so each gets the
same store, model worker and assistant, wired the same way.
"""

from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass

from retail_assistant.adapters.llm import LocalModelWorker
from retail_assistant.adapters.store.answer_cache import SqliteAnswerCache
from retail_assistant.adapters.store.catalog import SqliteCatalog
from retail_assistant.adapters.store.cloud_queue import SqliteCloudQueue
from retail_assistant.adapters.store.connections import ThreadLocalDatabase
from retail_assistant.core.assistant import Assistant
from retail_assistant.settings import Settings

__all__ = ["Services", "build_services", "configure_logging", "ensure_shop"]

log = logging.getLogger(__name__)

_LOG_FILE = "retail-assistant.log"


@dataclass
class Services:
    """The running services of one shop."""

    settings: Settings
    catalog: SqliteCatalog
    model: LocalModelWorker
    assistant: Assistant
    cache: SqliteAnswerCache | None = None
    queue: SqliteCloudQueue | None = None

    def close(self) -> None:
        """Stop the model thread and close this thread's database connection."""
        self.model.close()
        self.catalog.close()


def ensure_shop(settings: Settings) -> bool:
    """Create the demo shop when the data folder has no shop yet; return whether it did."""
    if settings.database_path.exists():
        return False
    from retail_assistant.demo import create_demo_shop

    summary = create_demo_shop(settings.database_path)
    log.info("created the demo shop at %s with %d products", summary.path, summary.products)
    return True


def build_services(settings: Settings, *, start_model: bool = True) -> Services:
    """Build the services for `settings`; the model starts loading in the background."""
    connections = ThreadLocalDatabase(settings.database_path)
    catalog = SqliteCatalog(connections)
    cache = SqliteAnswerCache(connections)
    queue = SqliteCloudQueue(connections)
    model = LocalModelWorker(settings.model_path, n_ctx=settings.n_ctx, n_threads=settings.n_threads)
    assistant = Assistant(
        catalog,
        model,
        cache=cache,
        queue=queue,
        reword_data_answers=settings.phrase_data_answers,
        chat_max_tokens=settings.max_tokens,
    )
    if start_model:
        model.start()
    return Services(settings=settings, catalog=catalog, model=model, assistant=assistant, cache=cache, queue=queue)


def configure_logging(settings: Settings, *, verbose: bool = False) -> None:
    """Send log records to a rotating file in the shop's log folder (and stderr when verbose)."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        settings.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            settings.log_dir / _LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        # A read-only data folder must not stop the app; records then go to stderr.
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(console)
