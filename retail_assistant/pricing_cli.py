"""The `price` command: print price recommendations as a table, as answers, or as JSON.

The command only recommends. Prices change when a person applies recommendations in the
desktop app's pricing view.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from retail_assistant.core.errors import InputError, RetailAssistantError
from retail_assistant.core.pricing import Recommendation
from retail_assistant.core.pricing_rules import PricingRules
from retail_assistant.core.pricing_wording import format_change, format_money, pricing_answer, reason_texts, recommendation_dict
from retail_assistant.pricing_service import recommend
from retail_assistant.settings import Settings

__all__ = ["output_language", "render_table", "run_price"]

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

_FULL_ANSWERS_UP_TO = 3
"""With this many SKUs or fewer, each recommendation is printed in full with its reasons."""

_NAME_WIDTH = 34


def run_price(
    settings: Settings,
    skus: Sequence[str],
    all_products: bool,
    as_json: bool,
    *,
    rules: PricingRules | None = None,
    today: date | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Print recommendations for `skus` or every product, and return the exit status.

    Exit status 2 with a message on standard error when no SKU and no --all is given,
    both are, an SKU is unknown, or there is no shop; 1 when the model or the database
    fails; 0 otherwise. `--json` prints one JSON list and nothing else on standard output.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if not skus and not all_products:
        return _fail(err, "name one or more SKUs, or use --all to price every product", EXIT_BAD_INPUT)
    if skus and all_products:
        return _fail(err, "give SKUs or --all, not both", EXIT_BAD_INPUT)
    if not settings.database_path.is_file():
        return _fail(
            err,
            f"no shop database at {settings.database_path}; create the demo shop with 'retail-assistant demo' "
            "or import your products first",
            EXIT_BAD_INPUT,
        )

    try:
        recommendations = recommend(settings.database_path, skus=None if all_products else list(skus), rules=rules,
                                    today=today)
    except InputError as error:
        log.warning("price command rejected its input: %s", error)
        return _fail(err, str(error), EXIT_BAD_INPUT)
    except RetailAssistantError as error:
        log.error("price command failed: %s", error)
        return _fail(err, str(error), EXIT_FAILURE)

    if as_json:
        print(json.dumps([recommendation_dict(recommendation) for recommendation in recommendations], ensure_ascii=False),
              file=out)
        return EXIT_OK

    language = output_language(settings.language)
    if not all_products and len(recommendations) <= _FULL_ANSWERS_UP_TO:
        print("\n\n".join(pricing_answer(recommendation, language).text for recommendation in recommendations), file=out)
    else:
        print(render_table(recommendations, language), file=out)
    return EXIT_OK


def output_language(setting: str) -> str:
    """Return "en" or "es" for the language setting; "auto" follows the locale environment variables."""
    if setting in ("en", "es"):
        return setting
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def render_table(recommendations: Sequence[Recommendation], language: str) -> str:
    """Return the recommendations as a text table with a summary line."""
    spanish = language == "es"
    header = (
        f"{'SKU':<12} {('Producto' if spanish else 'Product'):<{_NAME_WIDTH}} {('Ahora' if spanish else 'Now'):>9} "
        f"{('Nuevo' if spanish else 'New'):>9} {('Cambio' if spanish else 'Change'):>8}  "
        f"{('Beneficio esperado' if spanish else 'Expected profit'):<21} {('Motivo' if spanish else 'Reason')}"
    )
    lines = [header, "-" * len(header)]
    for recommendation in recommendations:
        name = recommendation.name(language)
        if len(name) > _NAME_WIDTH:
            name = name[: _NAME_WIDTH - 1] + "…"
        change_text = format_change(recommendation.change_share, language)
        profit = (f"{format_money(recommendation.expected_profit_current, language)} → "
                  f"{format_money(recommendation.expected_profit_new, language)}")
        reasons = reason_texts(recommendation, language)
        note = reasons[0] if reasons else ""
        if recommendation.clearance:
            note = ("LIQUIDACIÓN. " if spanish else "CLEARANCE. ") + note
        lines.append(
            f"{recommendation.sku:<12} {name:<{_NAME_WIDTH}} {recommendation.current_price.format(language):>9} "
            f"{recommendation.new_price.format(language):>9} {change_text:>8}  {profit:<21} {note}"
        )

    changed = sum(1 for recommendation in recommendations if recommendation.changed)
    if spanish:
        lines.append(f"\nCambiarían {changed} de {len(recommendations)} precios. Los precios incluyen IVA. "
                     "No se aplica nada desde la línea de órdenes: usa la pestaña Precios.")
    else:
        lines.append(f"\n{changed} of {len(recommendations)} prices would change. Prices include VAT. "
                     "Nothing is applied from the command line: use the Pricing tab.")
    return "\n".join(lines)


def _fail(err: TextIO, message: str, status: int) -> int:
    print(f"error: {message}", file=err)
    return status
