"""Mapping the columns of a file to our fields: suggested from the header, correctable by the user.

The suggestion compares each column name, without case, accents or punctuation,
with the names shops and point-of-sale systems use for each field, in English and
Spanish. An exact match ("precio") beats a partial one ("precio venta iva incl."),
and the longer name wins among matches of the same kind ("precio coste" is the
cost, not the price). When two columns are equally good candidates for one field,
neither gets it and both are flagged, rather than one picked at random.

The user's mapping is a list of "COLUMN=FIELD" entries, where FIELD may carry an
option after a colon: "Precio=price:comma" (the column writes decimal commas),
"Fecha=date:day-first" (the dates are 14/03/2024). "COLUMN=ignore" leaves a column out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from retail_assistant.adapters.importing.dates import DAY_FIRST, MONTH_FIRST
from retail_assistant.adapters.importing.table import Table, column_key
from retail_assistant.core.errors import InputError

__all__ = [
    "FIELDS",
    "IGNORE",
    "OPTIONS",
    "ColumnChoice",
    "ColumnMapping",
    "FieldSpec",
    "fields_for",
    "parse_mapping",
    "resolve_mapping",
]

IGNORE = "ignore"

AMOUNT = "amount"
QUANTITY = "quantity"
PERCENT = "percent"
DATE = "date"
TEXT = "text"
IDENTIFIER = "identifier"
BARCODE = "barcode"

OPTIONS = {"comma": ",", "point": ".", DAY_FIRST: DAY_FIRST, MONTH_FIRST: MONTH_FIRST}
"""Options a mapping entry may add after its field: decimal mark or date order."""


@dataclass(frozen=True)
class FieldSpec:
    """One field a column can fill: its name, the kind of value and the column names that suggest it."""

    name: str
    kind: str
    synonyms: tuple[str, ...]
    description: str


_PRODUCT_FIELDS = (
    FieldSpec("sku", IDENTIFIER, ("sku", "ref", "referencia", "reference", "codigo", "code", "item code",
                                  "product code", "codigo articulo", "cod articulo", "id producto", "product id",
                                  "variant sku", "article", "articulo code"), "stock-keeping unit"),
    FieldSpec("barcode", BARCODE, ("barcode", "ean", "ean13", "ean 13", "ean8", "gtin", "upc", "codigo de barras",
                                   "codigo barras", "cod barras", "variant barcode"), "EAN, UPC or GTIN"),
    FieldSpec("name", TEXT, ("name", "nombre", "product", "producto", "product name", "nombre producto",
                             "title", "titulo", "item", "item name", "articulo", "denominacion"), "name in both languages"),
    FieldSpec("name_en", TEXT, ("name en", "name english", "english name", "nombre en", "nombre ingles"), "English name"),
    FieldSpec("name_es", TEXT, ("name es", "name spanish", "spanish name", "nombre es", "nombre espanol"), "Spanish name"),
    FieldSpec("description", TEXT, ("description", "descripcion", "desc", "body", "body html", "details",
                                    "detalles"), "free text"),
    FieldSpec("category", TEXT, ("category", "categoria", "familia", "family", "department", "departamento",
                                 "seccion", "section", "type", "tipo", "product type"), "category name"),
    FieldSpec("supplier", TEXT, ("supplier", "proveedor", "vendor", "vendedor", "distribuidor"), "supplier name"),
    FieldSpec("price", AMOUNT, ("price", "precio", "pvp", "p v p", "precio venta", "sale price", "retail price",
                                "selling price", "precio de venta", "precio con iva", "variant price"),
              "shelf price including VAT"),
    FieldSpec("cost", AMOUNT, ("cost", "coste", "costo", "precio coste", "precio de coste", "precio compra",
                               "precio de compra", "purchase price", "unit cost", "cost price", "cost per item"),
              "purchase cost excluding VAT"),
    FieldSpec("vat", PERCENT, ("vat", "iva", "tax", "tax rate", "impuesto", "vat rate", "tipo iva", "iva %",
                               "vat %"), "VAT rate in percent"),
    FieldSpec("stock", QUANTITY, ("stock", "existencias", "quantity", "qty", "cantidad", "inventory",
                                  "on hand", "unidades", "uds", "stock actual", "inventory quantity",
                                  "available", "disponible"), "stock on hand"),
    FieldSpec("unit", TEXT, ("unit", "unidad", "uom", "unidad de medida", "unit of measure"), "unit of sale"),
)

_SALES_FIELDS = (
    FieldSpec("date", DATE, ("date", "fecha", "sold on", "day", "dia", "created at", "fecha venta", "sale date",
                             "paid at", "fecha de venta"), "day of the sale"),
    FieldSpec("sku", IDENTIFIER, ("sku", "ref", "referencia", "reference", "codigo", "code", "item code",
                                  "product code", "lineitem sku", "codigo articulo"), "product SKU"),
    FieldSpec("barcode", BARCODE, ("barcode", "ean", "ean13", "gtin", "upc", "codigo de barras", "codigo barras"),
              "product barcode"),
    FieldSpec("name", TEXT, ("name", "nombre", "product", "producto", "item", "item name", "articulo",
                             "lineitem name", "descripcion"), "product name, used when there is no SKU"),
    FieldSpec("quantity", QUANTITY, ("quantity", "qty", "cantidad", "uds", "unidades", "units", "units sold",
                                     "lineitem quantity"), "quantity sold"),
    FieldSpec("unit_price", AMOUNT, ("unit price", "precio unitario", "price", "precio", "pvp", "lineitem price",
                                     "precio unidad"), "price per unit including VAT"),
    FieldSpec("amount", AMOUNT, ("amount", "total", "importe", "line total", "gross sales", "subtotal",
                                 "importe total", "total linea"), "line total including VAT"),
    FieldSpec("order", IDENTIFIER, ("order", "pedido", "ticket", "receipt", "transaction id", "transaction",
                                    "order id", "numero ticket", "factura"), "order or receipt number"),
)

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "products": {spec.name: spec for spec in _PRODUCT_FIELDS},
    "sales": {spec.name: spec for spec in _SALES_FIELDS},
}


def fields_for(kind: str) -> dict[str, FieldSpec]:
    """Return the fields a file of `kind` ('products' or 'sales') can fill, by name."""
    return FIELDS[kind]


@dataclass(frozen=True)
class ColumnChoice:
    """A user's choice for one column: its field (None to ignore it) and an option."""

    field: str | None
    option: str | None = None


@dataclass
class ColumnMapping:
    """The columns chosen for each field, with the options and problems of each column."""

    fields: dict[str, str] = field(default_factory=dict)
    """Field name -> column key."""

    options: dict[str, str] = field(default_factory=dict)
    """Column key -> decimal mark ("," or ".") or date order."""

    problems: dict[str, str] = field(default_factory=dict)
    """Column key -> why the column is flagged."""

    notes: dict[str, str] = field(default_factory=dict)
    """Column key -> how the column was chosen, for the preview."""

    tied: dict[str, str] = field(default_factory=dict)
    """Column key -> the field it ties for with another column, so neither was suggested."""

    def key(self, field_name: str) -> str | None:
        """Return the key of the column mapped to `field_name`, or None."""
        return self.fields.get(field_name)

    def field_of(self, key: str) -> str | None:
        """Return the field the column `key` is mapped to, or None."""
        for name, mapped in self.fields.items():
            if mapped == key:
                return name
        return None


def parse_mapping(entries: Sequence[str] | Mapping[str, str] | None, *, kind: str) -> dict[str, ColumnChoice]:
    """Parse the user's mapping ("COLUMN=FIELD[:OPTION]" entries, or a dict) into choices by column key.

    Raises InputError naming the entry when a field or option is unknown or a field is chosen twice.
    """
    if not entries:
        return {}
    pairs: list[tuple[str, str]] = []
    if isinstance(entries, Mapping):
        pairs = [(str(column), str(target)) for column, target in entries.items()]
    else:
        for entry in entries:
            column, separator, target = str(entry).rpartition("=")
            if not separator or not column.strip():
                raise InputError(
                    f"invalid mapping {entry!r}: write COLUMN=FIELD, for example 'Precio venta=price'"
                )
            pairs.append((column, target))

    known = fields_for(kind)
    choices: dict[str, ColumnChoice] = {}
    chosen_fields: dict[str, str] = {}
    for column, target in pairs:
        name, _, option = target.strip().partition(":")
        name = name.strip().casefold()
        option = option.strip().casefold() or None
        if name in ("", IGNORE, "-"):
            choices[column_key(column)] = ColumnChoice(None)
            continue
        if name not in known:
            raise InputError(
                f"invalid mapping {column}={target}: {name!r} is not a field of a {kind} file; "
                f"use one of {', '.join(known)} or {IGNORE}"
            )
        if option is not None:
            _check_option(column, target, option, known[name])
        if name in chosen_fields:
            raise InputError(
                f"invalid mapping: the field {name} is given to both {chosen_fields[name]!r} and {column!r}; "
                "keep one of them"
            )
        chosen_fields[name] = column
        choices[column_key(column)] = ColumnChoice(name, OPTIONS[option] if option else None)
    return choices


def _check_option(column: str, target: str, option: str, spec: FieldSpec) -> None:
    numeric = spec.kind in (AMOUNT, QUANTITY, PERCENT)
    if option in ("comma", "point") and numeric:
        return
    if option in (DAY_FIRST, MONTH_FIRST) and spec.kind == DATE:
        return
    allowed = "none"
    if numeric:
        allowed = "comma or point"
    elif spec.kind == DATE:
        allowed = f"{DAY_FIRST} or {MONTH_FIRST}"
    raise InputError(
        f"invalid mapping {column}={target}: the option {option!r} does not apply to {spec.name}; "
        f"options for it: {allowed}"
    )


def resolve_mapping(
    table: Table,
    *,
    kind: str,
    choices: dict[str, ColumnChoice],
    preset: Mapping[str, str] | None = None,
) -> ColumnMapping:
    """Combine the suggestion (or a format's `preset` of field -> column name) with the user's choices.

    Raises InputError when a choice names a column the file does not have.
    """
    for key in choices:
        if key not in table.labels:
            raise InputError(
                f"the mapping names the column {key!r}, which {table.path.name} does not have; "
                f"its columns are {', '.join(repr(label) for label in table.labels.values())}"
            )

    result = ColumnMapping()
    if preset is not None:
        for field_name, name in preset.items():
            key = table.key(name)
            if key is not None:
                result.fields[field_name] = key
                result.notes[key] = "the format's column"
    else:
        _suggest(table, kind, result)

    # Each field has one column, so a column chosen by the user replaces the suggested one.
    for key, choice in choices.items():
        previous = result.field_of(key)
        if previous is not None:
            del result.fields[previous]
        if choice.field is not None:
            result.fields[choice.field] = key
            result.notes[key] = "chosen in the mapping"
            # Choosing a column for a field settles the tie of every column over that field.
            for tied_key, tied_field in list(result.tied.items()):
                if tied_field == choice.field or tied_key == key:
                    result.problems.pop(tied_key, None)
                    del result.tied[tied_key]
        else:
            result.notes[key] = "ignored in the mapping"
        if choice.option is not None:
            result.options[key] = choice.option
    return result


def _suggest(table: Table, kind: str, result: ColumnMapping) -> None:
    specs = fields_for(kind)
    candidates: dict[str, list[tuple[tuple[int, int], str]]] = {}
    for key, label in table.labels.items():
        best = _best_field(_normalised(label), specs)
        if best is not None:
            score, field_name = best
            candidates.setdefault(field_name, []).append((score, key))

    for field_name, ranked in candidates.items():
        ranked.sort(reverse=True)
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            tied = [key for score, key in ranked if score == ranked[0][0]]
            names = " and ".join(repr(table.label(key)) for key in tied)
            for key in tied:
                result.problems[key] = (
                    f"the columns {names} could each be the {field_name}; choose one in the mapping"
                )
                result.tied[key] = field_name
            continue
        key = ranked[0][1]
        result.fields[field_name] = key
        result.notes[key] = "suggested from the column name"

    # Many Spanish point-of-sale exports call the product name "Descripción".
    if kind == "products" and not any(name in result.fields for name in ("name", "name_en", "name_es")):
        description = result.fields.pop("description", None)
        if description is not None:
            result.fields["name"] = description
            result.notes[description] = "used as the name, because no column is called name"


def _best_field(header: str, specs: dict[str, FieldSpec]) -> tuple[tuple[int, int], str] | None:
    words = header.split()
    best: tuple[tuple[int, int], str] | None = None
    for spec in specs.values():
        for synonym in spec.synonyms:
            if header == synonym:
                # Every exact match is equally good, so two columns named for one field tie.
                score = (2, 0)
            elif _contains_words(words, synonym.split()):
                score = (1, len(synonym))
            else:
                continue
            if best is None or score > best[0]:
                best = (score, spec.name)
    return best


def _contains_words(words: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return any(words[index : index + size] == wanted for index in range(len(words) - size + 1))


def _normalised(label: str) -> str:
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", plain).split())
