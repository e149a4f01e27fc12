"""Choosing the layout of a file from its header row, for products or for sales lines."""

from __future__ import annotations

from retail_assistant.adapters.importing import generic, shopify, square
from retail_assistant.adapters.importing.sales import sales_format
from retail_assistant.adapters.importing.table import Table
from retail_assistant.core.errors import ImportFileError, InputError

__all__ = ["AUTO", "KINDS", "SUPPORTED_FORMATS", "choose_format"]

AUTO = "auto"
SUPPORTED_FORMATS = (shopify.FORMAT, square.FORMAT, generic.FORMAT)
KINDS = ("products", "sales")

_DESCRIPTIONS = {
    shopify.FORMAT: "a Shopify product export",
    square.FORMAT: "a Square item library export",
}
_SALES_DESCRIPTIONS = {
    shopify.FORMAT: "a Shopify orders export (columns Lineitem quantity and Lineitem name)",
    square.FORMAT: "a Square item sales export (columns Item, Qty and Gross Sales)",
}


def choose_format(table: Table, requested: str, *, kind: str = "products") -> str:
    """Return the layout to read `table` as: `requested`, or the one its header shows for "auto".

    Raises InputError for an unknown `requested` value or kind, and ImportFileError
    when the header does not fit the layout or contains the other kind of data.
    """
    if kind not in KINDS:
        raise InputError(f"unknown kind of file {kind!r}; use one of {', '.join(KINDS)}")
    if requested not in (AUTO, *SUPPORTED_FORMATS):
        raise InputError(
            f"unknown import format {requested!r}; use one of {', '.join((AUTO, *SUPPORTED_FORMATS))}"
        )
    if kind == "sales":
        return _sales_layout(table, requested)

    if sales_format(table) is not None and requested != generic.FORMAT:
        raise ImportFileError(
            f"the import file {table.path} is a {sales_format(table)} sales export, not a product list; "
            "import it as sales lines (--kind sales)"
        )
    if requested == shopify.FORMAT:
        _check_columns(table, requested, shopify.missing_columns(table))
        return requested
    if requested == square.FORMAT:
        _check_columns(table, requested, square.missing_columns(table))
        return requested
    if requested == generic.FORMAT:
        return requested

    # Shopify's product export has none of Square's signature columns (Token, Item
    # Name, Variation Name), so a Square match is unambiguous and is tested first.
    if square.matches(table):
        return square.FORMAT
    if shopify.matches(table):
        return shopify.FORMAT
    return generic.FORMAT


def _sales_layout(table: Table, requested: str) -> str:
    if requested != generic.FORMAT and (square.matches(table) or shopify.matches(table)):
        raise ImportFileError(
            f"the import file {table.path} is a product list, not sales lines; import it as products (--kind products)"
        )
    detected = sales_format(table)
    if requested == AUTO:
        return detected or generic.FORMAT
    if requested in (shopify.FORMAT, square.FORMAT) and detected != requested:
        raise ImportFileError(
            f"the import file {table.path} is not {_SALES_DESCRIPTIONS[requested]}{table.separator_hint()}; "
            "export the sales again, or let the format be detected (auto)"
        )
    return requested


def _check_columns(table: Table, format: str, missing: list[str]) -> None:
    if not missing:
        return
    noun = "column" if len(missing) == 1 else "columns"
    raise ImportFileError(
        f"the import file {table.path} is not {_DESCRIPTIONS[format]}: it lacks the {noun} "
        f"{', '.join(missing)}{table.separator_hint()}; export the file from "
        f"{format.capitalize()} again, or let the format be detected (auto)"
    )
