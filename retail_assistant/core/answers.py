"""The app's own wording of data answers, and the check of a model's rewording.

Answers follow the language of the question, which may differ from the window's, so
their templates live here in both languages rather than in the Qt translation files.
A model may reword an answer; `check_phrasing` accepts the rewording only when every
number in it is one the app computed, every key figure is present, the product's name
is kept and it is in the question's language. Otherwise the caller shows the template
text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from retail_assistant.core.catalog import Product
from retail_assistant.core.money import format_decimal
from retail_assistant.core.numbers import number_readings
from retail_assistant.core.text import tokens
from retail_assistant.core.understanding import detect_language

__all__ = ["DataAnswer", "check_phrasing", "not_found_answer", "price_answer", "stock_answer", "unit_label"]

# unit -> (English singular, English plural, Spanish singular, Spanish plural)
_UNITS = {
    "unit": ("unit", "units", "unidad", "unidades"),
    "jar": ("jar", "jars", "tarro", "tarros"),
    "can": ("can", "cans", "lata", "latas"),
    "bottle": ("bottle", "bottles", "botella", "botellas"),
    "pack": ("pack", "packs", "paquete", "paquetes"),
    "box": ("box", "boxes", "caja", "cajas"),
    "bag": ("bag", "bags", "bolsa", "bolsas"),
    "piece": ("piece", "pieces", "pieza", "piezas"),
    "kg": ("kg", "kg", "kg", "kg"),
    "l": ("l", "l", "l", "l"),
}


@dataclass(frozen=True)
class DataAnswer:
    """An answer computed from the shop's data: its plain text and the numbers it may contain."""

    text: str
    facts: str
    """The same facts in one line, as given to a model that rewords them."""
    allowed_numbers: frozenset[Decimal]
    key_numbers: frozenset[Decimal]
    names: tuple[str, ...]
    rewordable: bool
    language: str


def unit_label(unit: str, amount: Decimal, language: str) -> str:
    """Return the unit's name in `language`, plural unless `amount` is exactly one."""
    forms = _UNITS.get(unit, (unit, unit, unit, unit))
    offset = 2 if language == "es" else 0
    return forms[offset] if amount == 1 else forms[offset + 1]


def stock_answer(products: Sequence[Product], language: str, *, more: int = 0) -> DataAnswer:
    """Word the stock of one or several products; `more` counts matching products not listed."""
    lines = []
    for product in products:
        amount = product.stock.amount
        quantity = f"{product.stock.format(language)} {unit_label(product.unit, amount, language)}"
        lines.append((product, quantity))

    if len(lines) == 1:
        product, quantity = lines[0]
        name = product.name(language)
        if product.stock.milli <= 0:
            text = _pick(language, f"{name} is out of stock (0 left).", f"No quedan existencias de {name} (0).")
        else:
            text = _pick(language, f"There are {quantity} of {name} in stock.", f"Quedan {quantity} de {name}.")
    else:
        heading = _pick(language, "Stock of the matching products:", "Existencias de los productos que coinciden:")
        rows = [f"• {product.name(language)}: {quantity}" for product, quantity in lines]
        text = "\n".join([heading, *rows, *_more_line(more, language)])

    return _data_answer(text, products, language, key=[p.stock.amount for p in products])


def price_answer(products: Sequence[Product], language: str, *, more: int = 0) -> DataAnswer:
    """Word the shelf price (VAT included) of one or several products; `more` counts products not listed."""
    def vat(product: Product) -> str:
        return format_decimal(product.vat_rate, places=0 if product.vat_rate == product.vat_rate.to_integral_value() else 1,
                              language=language)

    if len(products) == 1:
        product = products[0]
        name = product.name(language)
        price = product.price.format(language)
        per = unit_label(product.unit, Decimal(1), language)
        text = _pick(
            language,
            f"{name} costs {price} per {per} (VAT {vat(product)} % included).",
            f"{name} cuesta {price} por {per} (IVA del {vat(product)} % incluido).",
        )
    else:
        heading = _pick(language, "Prices of the matching products (VAT included):",
                        "Precios de los productos que coinciden (IVA incluido):")
        rows = [f"• {p.name(language)}: {p.price.format(language)}" for p in products]
        text = "\n".join([heading, *rows, *_more_line(more, language)])

    allowed_extra = [p.vat_rate for p in products] + [Decimal(1)]
    return _data_answer(text, products, language, key=[p.price.amount for p in products], extra=allowed_extra)


def not_found_answer(words: Sequence[str], suggestions: Sequence[Product], language: str) -> str:
    """Word that no product matches, with the closest names when there are some."""
    asked = " ".join(words) or "?"
    if not suggestions:
        return _pick(
            language,
            f"No product in the catalogue matches \"{asked}\". Check the name in the Inventory tab.",
            f"Ningún producto del catálogo coincide con \"{asked}\". Comprueba el nombre en la pestaña Inventario.",
        )
    names = ", ".join(product.name(language) for product in suggestions)
    return _pick(
        language,
        f"No product matches \"{asked}\" exactly. Did you mean: {names}?",
        f"Ningún producto coincide exactamente con \"{asked}\". ¿Quizá: {names}?",
    )


def check_phrasing(phrased: str, answer: DataAnswer) -> bool:
    """Return whether a model's rewording keeps exactly the computed numbers and the names."""
    if not phrased.strip():
        return False
    if detect_language(phrased) != answer.language:
        return False

    readings = number_readings(phrased)
    if any(not (values & answer.allowed_numbers) for values in readings):
        return False
    found = set().union(*readings) if readings else set()
    if not answer.key_numbers <= found:
        return False

    words = set(tokens(phrased))
    return all(set(tokens(name)) <= words for name in answer.names)


def _data_answer(
    text: str,
    products: Sequence[Product],
    language: str,
    *,
    key: Sequence[Decimal],
    extra: Sequence[Decimal] = (),
) -> DataAnswer:
    allowed: set[Decimal] = {*key, *extra}
    names = tuple(product.name(language) for product in products)
    for name in names:
        for values in number_readings(name):
            allowed |= values
    facts = " ".join(text.split())
    return DataAnswer(
        text=text,
        facts=facts,
        allowed_numbers=frozenset(allowed),
        key_numbers=frozenset(key),
        names=names,
        rewordable=len(products) == 1,
        language=language,
    )


def _more_line(more: int, language: str) -> list[str]:
    if more <= 0:
        return []
    return [_pick(
        language,
        f"…and {more} more. Add words from the name to narrow the list.",
        f"…y {more} más. Añade palabras del nombre para acotar la lista.",
    )]


def _pick(language: str, english: str, spanish: str) -> str:
    return spanish if language == "es" else english
