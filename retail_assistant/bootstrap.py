"""The composition root: builds the services from the settings.

The command line, the desktop app and the tests all start here, so each gets the
same store, model worker and assistant, wired the same way.
"""

from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from retail_assistant.adapters.cloud_gateway import CloudGatewayService
from retail_assistant.adapters.llm import LocalModelWorker
from retail_assistant.adapters.store.cloud_log import SqliteCloudLog
from retail_assistant.adapters.store.answer_cache import SqliteAnswerCache
from retail_assistant.adapters.store.catalog import SqliteCatalog
from retail_assistant.adapters.store.cloud_queue import SqliteCloudQueue
from retail_assistant.adapters.store.connections import ThreadLocalDatabase
from retail_assistant.core.answers import DataAnswer
from retail_assistant.core.assistant import Assistant
from retail_assistant.core.catalog import Product
from retail_assistant.core.routing import Policy
from retail_assistant.settings import Settings

__all__ = ["Services", "build_services", "configure_logging", "ensure_shop", "rebuild_cloud"]

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
    cloud: CloudGatewayService | None = None
    cloud_log: SqliteCloudLog | None = None

    def close(self) -> None:
        """Stop the model thread, close the cloud's connections and this thread's database connection."""
        self.model.close()
        if self.cloud is not None:
            self.cloud.close()
        self.catalog.close()


class PricingServiceAdvisor:
    """The `PricingAdvisor` port over the pricing service (onnxruntime, loaded on first use)."""

    def __init__(self, database_path: Path) -> None:
        self._database_path = database_path

    def advise(self, product: Product, language: str) -> DataAnswer:
        from retail_assistant.pricing_service import answer_pricing_question

        return answer_pricing_question(self._database_path, product, language)


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
    cloud = build_cloud_gateway(settings, connections)
    assistant = Assistant(
        catalog,
        model,
        cloud=cloud,
        cache=cache,
        queue=queue,
        pricing=PricingServiceAdvisor(settings.database_path),
        reword_data_answers=settings.phrase_data_answers,
        chat_max_tokens=settings.max_tokens,
    )
    if start_model:
        model.start()
    return Services(settings=settings, catalog=catalog, model=model, assistant=assistant, cache=cache, queue=queue,
                    cloud=cloud, cloud_log=SqliteCloudLog(connections))


def build_cloud_gateway(settings: Settings, connections: ThreadLocalDatabase) -> CloudGatewayService | None:
    """Build the cloud gateway from the settings, or return None when no cloud URL is set.

    Raises InputError when the cloud settings are invalid (a URL without /v1, a missing CA file).
    """
    if not settings.cloud_url:
        return None
    from retail_assistant.adapters.cloud.secrets import load_api_key
    from retail_assistant.adapters.cloud.settings import CloudSettings, ModelPrice

    model = settings.cloud_model or ""
    prices = {}
    if settings.cloud_price_input is not None and settings.cloud_price_output is not None and model:
        prices[model] = ModelPrice(Decimal(settings.cloud_price_input), Decimal(settings.cloud_price_output))
    cloud_settings = CloudSettings(
        base_url=settings.cloud_url,
        model=model,
        preset=settings.cloud_preset,
        api_key=load_api_key(settings.cloud_url).value,
        proxy_url=settings.cloud_proxy,
        ca_file=Path(settings.cloud_ca_file) if settings.cloud_ca_file else None,
        prices=prices,
    )
    budget = None
    if settings.cloud_monthly_budget is not None:
        budget = int(Decimal(settings.cloud_monthly_budget) * 100)
    return CloudGatewayService(
        cloud_settings,
        SqliteCloudLog(connections),
        policy=Policy(settings.cloud_policy),
        allow_business_data=settings.cloud_allow_business_data,
        monthly_budget_cents=budget,
        warning_share=float(settings.cloud_budget_warning),
    )


def rebuild_cloud(services: Services) -> CloudGatewayService | None:
    """Replace the cloud gateway and the assistant of `services` with ones built from `services.settings`.

    Returns the gateway that was replaced, which the caller closes once no call can still be
    using it: a question or a queue run may be streaming from it on another thread. Raises
    InputError, leaving `services` unchanged, when the cloud settings are invalid.
    """
    settings = services.settings
    cloud = build_cloud_gateway(settings, services.catalog.connections)
    previous = services.cloud
    services.cloud = cloud
    services.assistant = Assistant(
        services.catalog,
        services.model,
        cloud=cloud,
        cache=services.cache,
        queue=services.queue,
        pricing=PricingServiceAdvisor(settings.database_path),
        reword_data_answers=settings.phrase_data_answers,
        chat_max_tokens=settings.max_tokens,
    )
    log.info("rebuilt the cloud gateway: %s", cloud.endpoint if cloud is not None else "no cloud set up")
    return previous


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
