"""The wording of price recommendations in English and Spanish.

Recommendations reach shop staff through the assistant's answers, the command line and
the pricing view, in the language of the question or the window, so their texts live
here in both languages, like the other data answers (`core/answers.py`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from retail_assistant.core.answers import DataAnswer, unit_label
from retail_assistant.core.money import Money, format_decimal
from retail_assistant.core.numbers import number_readings
from retail_assistant.core.pricing import Driver, DriverCode, Recommendation

__all__ = [
    "explanation",
    "format_change",
    "format_day",
    "format_money",
    "horizon_phrase",
    "pricing_answer",
    "reason_texts",
    "recommendation_dict",
]

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}


def format_day(day: date, language: str) -> str:
    """Format a day as staff read it: "Friday 6 June", "viernes 6 de junio"."""
    if language == "es":
        return f"{_WEEKDAYS['es'][day.weekday()]} {day.day} de {_MONTHS['es'][day.month - 1]}"
    return f"{_WEEKDAYS['en'][day.weekday()]} {day.day} {_MONTHS['en'][day.month - 1]}"


def horizon_phrase(recommendation: Recommendation, language: str) -> str:
    """Return the period the figures cover: "over the next 7 days" or "until Friday 6 June"."""
    if recommendation.expires_on is not None:
        day = format_day(recommendation.expires_on, language)
        return f"hasta el {day}" if language == "es" else f"until {day}"
    days = recommendation.horizon_days
    if language == "es":
        return "mañana" if days == 1 else f"en los próximos {days} días"
    return "tomorrow" if days == 1 else f"over the next {days} days"


def reason_texts(recommendation: Recommendation, language: str) -> list[str]:
    """Return one sentence per driver of the recommendation, most important first."""
    return [_driver_text(driver, recommendation, language) for driver in recommendation.drivers]


def explanation(recommendation: Recommendation, language: str) -> str:
    """Return the reasons of a recommendation as one paragraph."""
    return " ".join(reason_texts(recommendation, language))


def pricing_answer(recommendation: Recommendation, language: str) -> DataAnswer:
    """Word a recommendation as the assistant's answer to "What should I charge for X?".

    The answer is not offered for rewording: it carries too many figures for a small
    model to keep exactly.
    """
    rec = recommendation
    name = rec.name(language)
    current = rec.current_price.format(language)
    new = rec.new_price.format(language)

    lines = [_headline(rec, name, current, new, language)]
    if rec.expected_profit_new is not None and rec.expected_profit_current is not None:
        lines.append(_outlook(rec, current, new, language))
    lines.append(_pick(language, "Why: ", "Por qué: ") + explanation(rec, language))
    if rec.changed:
        lines.append(_pick(
            language,
            "Nothing changes until you apply it in the Pricing tab.",
            "No cambia nada hasta que lo apliques en la pestaña Precios.",
        ))
    text = "\n".join(lines)

    allowed: set[Decimal] = set()
    for values in number_readings(text):
        allowed |= values
    return DataAnswer(
        text=text,
        facts=" ".join(text.split()),
        allowed_numbers=frozenset(allowed),
        key_numbers=frozenset({rec.new_price.amount}),
        names=(name,),
        rewordable=False,
        language=language,
    )


def recommendation_dict(recommendation: Recommendation) -> dict[str, object]:
    """Return a recommendation as JSON-ready values: money as decimal text, explanations in both languages."""
    rec = recommendation
    return {
        "sku": rec.sku,
        "name_en": rec.name_en,
        "name_es": rec.name_es,
        "current_price": str(rec.current_price.amount),
        "new_price": str(rec.new_price.amount),
        "change_percent": str((rec.change_share * 100).quantize(Decimal("0.1"))),
        "cost": None if rec.cost is None else str(rec.cost.amount),
        "vat_percent": str(rec.vat_rate.normalize()),
        "prices_include_vat": True,
        "horizon_days": rec.horizon_days,
        "expected_units_current": round(rec.expected_units_current, 2),
        "expected_units_new": round(rec.expected_units_new, 2),
        "expected_profit_current": _money_text(rec.expected_profit_current),
        "expected_profit_new": _money_text(rec.expected_profit_new),
        "clearance": rec.clearance,
        "expires_on": None if rec.expires_on is None else rec.expires_on.isoformat(),
        "slow_mover": rec.slow_mover,
        "weekly_units": round(rec.weekly_units, 2),
        "calibration": round(rec.calibration, 3),
        "drivers": [driver.code.value for driver in rec.drivers],
        "explanation_en": explanation(rec, "en"),
        "explanation_es": explanation(rec, "es"),
    }


def _headline(rec: Recommendation, name: str, current: str, new: str, language: str) -> str:
    if not rec.changed:
        return _pick(
            language,
            f"{name}: keep the price at {current} (VAT included).",
            f"{name}: mantén el precio en {current} (IVA incluido).",
        )
    change = format_change(rec.change_share, language)
    if rec.clearance:
        return _pick(
            language,
            f"{name}: clearance price {new} instead of {current} (VAT included), {change}.",
            f"{name}: precio de liquidación {new} en lugar de {current} (IVA incluido), {change}.",
        )
    return _pick(
        language,
        f"{name}: I recommend {new} instead of {current} (VAT included), {change}.",
        f"{name}: te recomiendo {new} en lugar de {current} (IVA incluido), {change}.",
    )


def _outlook(rec: Recommendation, current: str, new: str, language: str) -> str:
    period = horizon_phrase(rec, language)
    units_new = _units(rec.expected_units_new, rec.unit, language)
    units_current = _units(rec.expected_units_current, rec.unit, language)
    profit_new = format_money(rec.expected_profit_new, language)
    profit_current = format_money(rec.expected_profit_current, language)
    if not rec.changed:
        return _pick(
            language,
            f"Expected {period}: about {units_new} sold and {profit_new} profit.",
            f"Previsión {period}: se venderían aprox. {units_new} con {profit_new} de beneficio.",
        )
    return _pick(
        language,
        f"Expected {period}: about {units_new} sold and {profit_new} profit at {new}, "
        f"against {units_current} and {profit_current} at {current}.",
        f"Previsión {period}: se venderían aprox. {units_new} con {profit_new} de beneficio a {new}, "
        f"frente a {units_current} y {profit_current} a {current}.",
    )


def _driver_text(driver: Driver, rec: Recommendation, language: str) -> str:
    percent = "" if driver.percent is None else format_decimal(abs(driver.percent), places=0, language=language)
    if driver.code in _RULE_DRIVERS:
        return _rule_text(driver.code, percent, language)
    if driver.code in (DriverCode.EXPIRING, DriverCode.BELOW_COST_CLEARANCE):
        return _stock_text(driver, rec, language)
    return _demand_text(driver, rec, percent, language)


_RULE_DRIVERS = (
    DriverCode.NO_COST,
    DriverCode.NO_PRICE,
    DriverCode.BELOW_COST_RAISED,
    DriverCode.MIN_MARGIN,
    DriverCode.MAX_CHANGE,
)


def _rule_text(code: DriverCode, percent: str, language: str) -> str:
    """Word a reason that comes from the data or the shop's rules rather than from demand."""
    if code is DriverCode.NO_COST:
        return _pick(
            language,
            "No purchase cost is recorded, so profit cannot be compared and the price is kept. "
            "Add the cost to get a recommendation.",
            "No hay coste de compra registrado, así que no se puede comparar el beneficio y se mantiene el "
            "precio. Añade el coste para obtener una recomendación.",
        )
    if code is DriverCode.NO_PRICE:
        return _pick(language, "The product has no shelf price; set one first.",
                     "El producto no tiene precio de venta; ponle uno primero.")
    if code is DriverCode.BELOW_COST_RAISED:
        return _pick(
            language,
            "The current price is below cost, so it rises to cost, even though that is more than the maximum change.",
            "El precio actual está por debajo del coste, así que sube hasta el coste aunque supere el cambio máximo.",
        )
    if code is DriverCode.MIN_MARGIN:
        return _pick(
            language,
            f"The current price leaves less than the minimum margin of {percent} %, so it rises as far as the "
            "maximum change allows.",
            f"El precio actual deja menos del margen mínimo del {percent} %, así que sube todo lo que permite el "
            "cambio máximo.",
        )
    return _pick(
        language,
        f"The change is capped at the maximum of {percent} % per step; the next step may go further.",
        f"El cambio se limita al máximo del {percent} % por paso; el siguiente paso puede ir más allá.",
    )


def _stock_text(driver: Driver, rec: Recommendation, language: str) -> str:
    """Word a reason about stock that expires within the horizon."""
    if driver.code is DriverCode.BELOW_COST_CLEARANCE:
        return _pick(
            language,
            "Clearance: the price is below cost, because unsold units would be thrown away.",
            "Liquidación: el precio queda por debajo del coste, porque las unidades sin vender se tirarían.",
        )
    units = _units(float(driver.units or 0), rec.unit, language)
    day = format_day(driver.day, language) if driver.day else ""
    one = driver.units == 1
    if rec.new_price < rec.current_price:
        return _pick(
            language,
            f"{units} {'expires' if one else 'expire'} on {day}; the lower price sells more before then.",
            f"{units} {'caduca' if one else 'caducan'} el {day}; el precio más bajo vende más antes de esa fecha.",
        )
    return _pick(
        language,
        f"{units} {'expires' if one else 'expire'} on {day}, but a lower price would not sell enough more "
        "to pay for itself.",
        f"{units} {'caduca' if one else 'caducan'} el {day}, pero bajar el precio no vendería lo bastante más "
        "para compensar.",
    )


def _demand_text(driver: Driver, rec: Recommendation, percent: str, language: str) -> str:
    """Word a reason about demand: its response to price, season, promotions and history."""
    code = driver.code
    if code is DriverCode.RAISE:
        if driver.percent is None or driver.percent >= 0:
            return _pick(language, "Sales should hold at the higher price, and each sale earns more.",
                         "Las ventas deberían mantenerse con el precio más alto, y cada venta deja más.")
        return _pick(
            language,
            f"At the higher price about {percent} % fewer units sell, but the higher margin earns more in total.",
            f"Con el precio más alto se vende un {percent} % menos, pero el margen mayor deja más beneficio en total.",
        )
    if code is DriverCode.LOWER:
        return _pick(
            language,
            f"A lower price should sell about {percent} % more, which outweighs the smaller margin.",
            f"Un precio más bajo debería vender un {percent} % más, lo que compensa el margen menor.",
        )
    if code is DriverCode.KEEP:
        return _pick(
            language,
            "The current price already gives the highest expected profit within your rules.",
            "El precio actual ya da el mayor beneficio esperado dentro de tus reglas.",
        )
    if code in (DriverCode.SEASON_UP, DriverCode.SEASON_DOWN):
        up = code is DriverCode.SEASON_UP
        return _pick(
            language,
            f"Last year, sales over the same days were {percent} % {'above' if up else 'below'} the weeks before.",
            f"El año pasado, las ventas de esos mismos días fueron un {percent} % "
            f"{'más altas' if up else 'más bajas'} que en las semanas anteriores.",
        )
    if code is DriverCode.PROMOTION:
        return _pick(
            language,
            f"A promotion of {percent} % off runs in this period, and the profit counts the promoted price.",
            f"Hay una promoción del {percent} % en este periodo, y el beneficio cuenta con el precio rebajado.",
        )
    if code is DriverCode.SLOW_MOVER:
        units = _units(float(driver.units or 0), rec.unit, language)
        return _pick(
            language,
            f"Slow mover: about {units} sold a week, so the estimate is uncertain.",
            f"Rotación lenta: se venden aprox. {units} a la semana, así que la estimación es incierta.",
        )
    if code is DriverCode.NO_HISTORY:
        return _pick(
            language,
            "No sales in the last 8 weeks or a year ago, so the estimate rests on the category.",
            "Sin ventas en las últimas 8 semanas ni hace un año, así que la estimación se basa en la categoría.",
        )
    above = driver.percent is not None and driver.percent > 0
    return _pick(
        language,
        f"Adjusted to this shop's recent sales, which ran {percent} % {'above' if above else 'below'} the model's expectation.",
        f"Ajustado a las ventas recientes de la tienda, que fueron un {percent} % "
        f"{'más altas' if above else 'más bajas'} de lo que esperaba el modelo.",
    )


def _units(amount: float, unit: str, language: str) -> str:
    if 0 < amount < 0.05:
        smallest = format_decimal(Decimal("0.1"), places=1, language=language)
        label = unit_label(unit, Decimal("0.1"), language)
        return f"menos de {smallest} {label}" if language == "es" else f"under {smallest} {label}"
    value = Decimal(str(round(amount, 1)))
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return f"{format_decimal(value, places=0 if value == value.to_integral_value() else 1, language=language)} " \
           f"{unit_label(unit, value, language)}"


def format_money(money: Money | None, language: str) -> str:
    """Format money with a minus sign before the currency for a loss ("−€2.73", "−2,73 €"); "—" for None."""
    if money is None:
        return "—"
    if money.cents < 0:
        return "−" + Money(-money.cents).format(language)
    return money.format(language)


def format_change(share: Decimal, language: str) -> str:
    """Format a price change share as a signed percent with one decimal ("+7.8 %", "−7,7 %")."""
    value = share * 100
    sign = ""
    if value > 0:
        sign = "+"
    elif value < 0:
        sign = "−"
    return f"{sign}{format_decimal(abs(value), places=1, language=language)} %"


def _money_text(money: Money | None) -> str | None:
    return None if money is None else str(money.amount)


def _pick(language: str, english: str, spanish: str) -> str:
    return spanish if language == "es" else english
