"""Where an answer runs, and the reason shown with it: the routing policy.

`decide` weighs, in this order: the kind of task (data questions never leave the
machine), a route the user forced, the shop's policy (local only, ask first,
automatic), business data the shop keeps local, whether the cloud is configured and
reachable, the monthly cloud budget, and the size of the task against its latency
budget (short chat stays local, long writing goes to the stronger cloud model). It is
pure: the caller supplies the cloud's state, so a decision takes microseconds.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["CloudState", "Policy", "Privacy", "Reason", "Route", "RouteDecision", "RouteRequest", "TaskKind", "decide"]


class Route(enum.Enum):
    """Where an answer was produced."""

    CACHE = "cache"
    LOCAL = "local"
    CLOUD = "cloud"


class Reason(enum.Enum):
    """Why an answer took its route; each has an English and a Spanish wording."""

    SHOP_DATA = "shop_data"
    SHOP_DATA_REWORDED = "shop_data_reworded"
    SHOP_DATA_REWORDING_REJECTED = "shop_data_rewording_rejected"
    NO_PRODUCT = "no_product"
    GENERAL_CHAT = "general_chat"
    MODEL_UNAVAILABLE = "model_unavailable"
    CACHED = "cached"
    FORCED_LOCAL = "forced_local"
    FORCED_CLOUD = "forced_cloud"
    DATA_STAYS_LOCAL = "data_stays_local"
    LONG_WRITING = "long_writing"
    PERSONAL_DATA_MASKED = "personal_data_masked"
    BUSINESS_DATA_LOCAL = "business_data_local"
    POLICY_LOCAL_ONLY = "policy_local_only"
    POLICY_ASK_FIRST = "policy_ask_first"
    CLOUD_NOT_CONFIGURED = "cloud_not_configured"
    CLOUD_UNREACHABLE = "cloud_unreachable"
    CLOUD_FAILED = "cloud_failed"
    CLOUD_INTERRUPTED = "cloud_interrupted"
    PRICING_MODEL = "pricing_model"
    PRICING_UNAVAILABLE = "pricing_unavailable"
    BUDGET_REACHED = "budget_reached"
    SHORT_CHAT_LOCAL = "short_chat_local"

    def text(self, language: str) -> str:
        """Return the reason as shop staff read it."""
        english, spanish = _REASONS[self]
        return spanish if language == "es" else english


_REASONS = {
    Reason.SHOP_DATA: (
        "data question: computed from the shop's database on this computer",
        "pregunta de datos: calculada con la base de datos de la tienda en este ordenador",
    ),
    Reason.SHOP_DATA_REWORDED: (
        "data question: computed from the shop's database; worded by the local model, numbers checked",
        "pregunta de datos: calculada con la base de datos de la tienda; redactada por el modelo local, "
        "cifras comprobadas",
    ),
    Reason.SHOP_DATA_REWORDING_REJECTED: (
        "data question: computed from the shop's database; the local model's wording changed "
        "a number or name, so the plain wording is shown",
        "pregunta de datos: calculada con la base de datos de la tienda; la redacción del modelo local "
        "cambiaba una cifra o un nombre, así que se muestra la redacción simple",
    ),
    Reason.NO_PRODUCT: (
        "data question: no matching product in the shop's database",
        "pregunta de datos: ningún producto coincide en la base de datos de la tienda",
    ),
    Reason.GENERAL_CHAT: (
        "general chat: answered by the local model, not from the shop's data",
        "conversación general: respondida por el modelo local, no con los datos de la tienda",
    ),
    Reason.MODEL_UNAVAILABLE: (
        "general chat: the local model is not available",
        "conversación general: el modelo local no está disponible",
    ),
    Reason.CACHED: (
        "repeated request: the saved answer is still valid",
        "petición repetida: la respuesta guardada sigue siendo válida",
    ),
    Reason.FORCED_LOCAL: ("you chose to run this on this computer", "elegiste ejecutarlo en este ordenador"),
    Reason.FORCED_CLOUD: ("you chose to send this to the cloud", "elegiste enviarlo a la nube"),
    Reason.DATA_STAYS_LOCAL: (
        "data question: always answered from the shop's data on this computer, never in the cloud",
        "pregunta de datos: siempre se responde con los datos de la tienda en este ordenador, nunca en la nube",
    ),
    Reason.LONG_WRITING: (
        "long writing task: sent to the stronger cloud model",
        "tarea de redacción larga: enviada al modelo de la nube, más capaz",
    ),
    Reason.PERSONAL_DATA_MASKED: (
        "writing task with customer data: sent to the cloud with that data masked",
        "tarea de redacción con datos de clientes: enviada a la nube con esos datos ocultos",
    ),
    Reason.BUSINESS_DATA_LOCAL: (
        "contains costs, margins or supplier terms, which the shop keeps on this computer",
        "contiene costes, márgenes o condiciones de proveedores, que la tienda mantiene en este ordenador",
    ),
    Reason.POLICY_LOCAL_ONLY: (
        "the shop's policy is local only: answered on this computer",
        "la política de la tienda es solo local: respondida en este ordenador",
    ),
    Reason.POLICY_ASK_FIRST: (
        "the shop's policy asks before sending to the cloud: answered on this computer",
        "la política de la tienda pide permiso antes de enviar a la nube: respondida en este ordenador",
    ),
    Reason.CLOUD_NOT_CONFIGURED: (
        "no cloud service is set up: answered on this computer",
        "no hay un servicio en la nube configurado: respondida en este ordenador",
    ),
    Reason.CLOUD_UNREACHABLE: (
        "offline: the cloud is unreachable, so this is a provisional answer from this computer",
        "sin conexión: la nube no responde, así que esta es una respuesta provisional de este ordenador",
    ),
    Reason.CLOUD_FAILED: (
        "the cloud call failed, so this is a provisional answer from this computer",
        "la llamada a la nube falló, así que esta es una respuesta provisional de este ordenador",
    ),
    Reason.CLOUD_INTERRUPTED: (
        "the cloud's answer was cut off: the text so far is shown; ask again to retry",
        "la respuesta de la nube se cortó: se muestra el texto recibido; pregunta de nuevo para reintentar",
    ),
    Reason.PRICING_MODEL: (
        "pricing question: recommended by the pricing model on this computer from the shop's data; "
        "nothing changes until you apply it",
        "pregunta de precio: recomendado por el modelo de precios en este ordenador con los datos de la tienda; "
        "nada cambia hasta que lo apliques",
    ),
    Reason.PRICING_UNAVAILABLE: (
        "pricing question: the pricing model could not run",
        "pregunta de precio: el modelo de precios no pudo ejecutarse",
    ),
    Reason.BUDGET_REACHED: (
        "monthly cloud budget reached: answered on this computer",
        "presupuesto mensual de la nube agotado: respondida en este ordenador",
    ),
    Reason.SHORT_CHAT_LOCAL: (
        "short question: answered quickly by the local model, not from the shop's data",
        "pregunta breve: respondida rápido por el modelo local, no con los datos de la tienda",
    ),
}


@dataclass(frozen=True)
class RouteDecision:
    """A route and the reason for it."""

    route: Route
    reason: Reason
    queue_for_cloud: bool = False
    """Whether the task should also wait in the queue for the cloud (offline writing)."""
    budget_warning: bool = False
    """Whether this month's cloud spending passed the warning level."""


class Policy(enum.Enum):
    """The shop's rule for sending work to the cloud."""

    LOCAL_ONLY = "local_only"
    ASK_FIRST = "ask_first"
    AUTOMATIC = "automatic"


class Privacy(enum.Enum):
    """The kind of data a request would send, the most sensitive one present."""

    PUBLIC = "public"
    PERSONAL = "personal"
    """Customer data: masked before sending."""
    BUSINESS = "business"
    """Costs, margins, supplier terms: sent only when the shop allows it."""


class TaskKind(enum.Enum):
    """The kind of work a request gives the model."""

    DATA = "data"
    CHAT = "chat"
    WRITING = "writing"


@dataclass(frozen=True)
class RouteRequest:
    """The facts about one request that the router weighs."""

    kind: TaskKind
    privacy: Privacy = Privacy.PUBLIC
    forced: Route | None = None
    can_wait: bool = True
    """Whether the task may be queued for the cloud when offline."""


@dataclass(frozen=True)
class CloudState:
    """The cloud's state at decision time, as the router uses it."""

    configured: bool
    reachable: bool
    policy: Policy = Policy.AUTOMATIC
    allow_business_data: bool = False
    monthly_budget_cents: int | None = None
    month_spent_cents: int = 0
    warning_share: float = 0.8


def decide(request: RouteRequest, cloud: CloudState) -> RouteDecision:
    """Return where `request` runs and why, given the cloud's state."""
    if request.kind is TaskKind.DATA:
        # Numbers come from the shop's data, so no policy or flag sends them out.
        reason = Reason.DATA_STAYS_LOCAL if request.forced is Route.CLOUD else Reason.SHOP_DATA
        return RouteDecision(Route.LOCAL, reason)
    if request.forced is Route.LOCAL:
        return RouteDecision(Route.LOCAL, Reason.FORCED_LOCAL)

    warning = _over_warning(cloud)
    if request.forced is Route.CLOUD:
        return RouteDecision(Route.CLOUD, Reason.FORCED_CLOUD, budget_warning=warning)

    if cloud.policy is Policy.LOCAL_ONLY:
        return RouteDecision(Route.LOCAL, Reason.POLICY_LOCAL_ONLY)
    if request.privacy is Privacy.BUSINESS and not cloud.allow_business_data:
        return RouteDecision(Route.LOCAL, Reason.BUSINESS_DATA_LOCAL)
    if not cloud.configured:
        return RouteDecision(Route.LOCAL, Reason.CLOUD_NOT_CONFIGURED)
    if request.kind is TaskKind.CHAT:
        return RouteDecision(Route.LOCAL, Reason.SHORT_CHAT_LOCAL)
    if _budget_reached(cloud):
        return RouteDecision(Route.LOCAL, Reason.BUDGET_REACHED)
    if cloud.policy is Policy.ASK_FIRST:
        return RouteDecision(Route.LOCAL, Reason.POLICY_ASK_FIRST)
    if not cloud.reachable:
        return RouteDecision(Route.LOCAL, Reason.CLOUD_UNREACHABLE, queue_for_cloud=request.can_wait)

    reason = Reason.PERSONAL_DATA_MASKED if request.privacy is Privacy.PERSONAL else Reason.LONG_WRITING
    return RouteDecision(Route.CLOUD, reason, budget_warning=warning)


def _budget_reached(cloud: CloudState) -> bool:
    return cloud.monthly_budget_cents is not None and cloud.month_spent_cents >= cloud.monthly_budget_cents


def _over_warning(cloud: CloudState) -> bool:
    if cloud.monthly_budget_cents is None or cloud.monthly_budget_cents <= 0:
        return False
    return cloud.month_spent_cents >= cloud.warning_share * cloud.monthly_budget_cents
