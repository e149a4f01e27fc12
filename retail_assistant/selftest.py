"""`retail-assistant self-test`: checks that each real component works on this machine.

Each check runs on its own and reports passed or failed with the reason, so one broken
part (say, no display libraries) does not hide the state of the others.
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from retail_assistant.bootstrap import build_services, ensure_shop
from retail_assistant.core.errors import RetailAssistantError
from retail_assistant.core.routing import Route
from retail_assistant.settings import Settings

__all__ = ["Check", "SelfTestResult", "run_self_test"]


@dataclass(frozen=True)
class Check:
    """One component's result."""

    name: str
    passed: bool
    detail: str
    seconds: float


@dataclass(frozen=True)
class SelfTestResult:
    """All checks, in the order they ran."""

    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        """Whether every check passed."""
        return all(check.passed for check in self.checks)

    def to_dict(self) -> dict[str, object]:
        """Return the result as JSON-ready values."""
        return {"passed": self.passed, "checks": [asdict(check) for check in self.checks]}


def run_self_test(settings: Settings) -> SelfTestResult:
    """Run every check against the shop and model of `settings`."""
    checks = [
        _timed("database", lambda: _check_database(settings)),
        _timed("local model", lambda: _check_model(settings)),
        _timed("data question", lambda: _check_data_question(settings)),
        _timed("pricing model", _check_pricing_model),
        _timed("window", lambda: _check_window(settings)),
        _timed("cloud settings", lambda: _check_cloud(settings)),
    ]
    return SelfTestResult(tuple(checks))


def _timed(name: str, check: Callable[[], str]) -> Check:
    started = time.perf_counter()
    try:
        detail = check()
        passed = True
    except (RetailAssistantError, AssertionError, OSError, ImportError, RuntimeError) as error:
        detail = str(error) or type(error).__name__
        passed = False
    return Check(name, passed, detail, round(time.perf_counter() - started, 3))


def _check_database(settings: Settings) -> str:
    created = ensure_shop(settings)
    services = build_services(settings, start_model=False)
    try:
        count = services.catalog.repository().count()
    finally:
        services.close()
    assert count > 0, f"the shop database {settings.database_path} has no products; import a file or run 'demo'"
    return f"{count} products in {settings.database_path}" + (" (demo shop created)" if created else "")


def _check_model(settings: Settings) -> str:
    from retail_assistant.core.chat import ChatMessage, GenerationOptions

    services = build_services(settings)
    try:
        assert services.model.wait_ready(120), f"model did not load: {services.model.error}"
        reply = services.model.complete([ChatMessage("user", "Say hello.")],
                                        GenerationOptions(max_tokens=8, temperature=0.0))
    finally:
        services.close()
    assert reply.strip(), "the model produced no text"
    return f"{settings.model_path.name} loaded and replied"


def _check_data_question(settings: Settings) -> str:
    ensure_shop(settings)
    services = build_services(settings)
    try:
        product = services.catalog.repository().page(search="", offset=0, limit=1)[0]
        # Forcing the local route skips the cache, so the check reads the database.
        answer = services.assistant.answer(f"How many {product.name_en} are in stock?", route=Route.LOCAL)
    finally:
        services.close()
    expected = product.stock.format("en")
    assert answer.route is Route.LOCAL, f"route was {answer.route.value}, expected local"
    assert re.search(rf"(?<![\d.,]){re.escape(expected)}(?![\d.,]*\d)", answer.text), (
        f"the answer {answer.text!r} does not contain the stock {expected}"
    )
    return f"stock of {product.sku} answered exactly ({expected}) in {answer.seconds:.2f} s"


def _check_pricing_model() -> str:
    try:
        from retail_assistant.adapters.pricing.onnx_model import DemandModel, default_model_path
    except ModuleNotFoundError as error:
        # A build without the pricing adapter has nothing to check; a missing dependency
        # of the adapter (onnxruntime, numpy) is a failure.
        if not (error.name or "").startswith("retail_assistant.adapters.pricing"):
            raise
        return "no pricing model in this version"

    model = DemandModel.load(default_model_path(), threads=1)
    # Any finite input must give finite multipliers: this checks that onnxruntime runs
    # the file, not what the model predicts.
    multipliers = model.predict([[0.0] * model.columns, [1.0] * model.columns])
    assert all(math.isfinite(value) for value in multipliers), (
        f"the pricing model {model.path} returned a value that is not finite: {list(multipliers)}"
    )
    return f"{model.path.name} ran on {len(multipliers)} rows of {model.columns} features"


def _check_window(settings: Settings) -> str:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from retail_assistant.gui.launch import open_window_for_check

    return open_window_for_check(settings)


def _check_cloud(settings: Settings) -> str:
    if not settings.cloud_url:
        return "no cloud endpoint set: local only"
    assert re.match(r"https?://", settings.cloud_url), (
        f"cloud URL {settings.cloud_url!r} must start with http:// or https://"
    )
    return f"cloud endpoint set to {settings.cloud_url} (not contacted)"
