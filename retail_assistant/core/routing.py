"""Where an answer runs, and the reason shown with it.

This first version has two local routes: the shop's data (SQLite, in milliseconds) and
the local model. The cache and the cloud join later; `Route` already names them so
the command line and the window speak one vocabulary.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Reason", "Route", "RouteDecision"]


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
}


@dataclass(frozen=True)
class RouteDecision:
    """A route and the reason for it."""

    route: Route
    reason: Reason
