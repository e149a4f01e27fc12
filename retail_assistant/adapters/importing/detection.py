"""Choosing the export format of a file from its header row."""

from __future__ import annotations

from retail_assistant.adapters.importing import shopify, square
from retail_assistant.adapters.importing.csv_text import CsvTable
from retail_assistant.core.errors import ImportFileError, InputError

__all__ = ["AUTO", "SUPPORTED_FORMATS", "choose_format"]

AUTO = "auto"
SUPPORTED_FORMATS = (shopify.FORMAT, square.FORMAT)

_DESCRIPTIONS = {
    shopify.FORMAT: "a Shopify product export",
    square.FORMAT: "a Square item library export",
}
_SUPPORTED_TEXT = "Shopify's product export CSV and Square's item library export CSV"


def choose_format(table: CsvTable, requested: str) -> str:
    """Return the format to read `table` as: `requested`, or the one its header shows for "auto".

    Raises InputError for an unknown `requested` value and ImportFileError when the
    header does not fit the format.
    """
    if requested not in (AUTO, *SUPPORTED_FORMATS):
        raise InputError(
            f"unknown import format {requested!r}; use one of {', '.join((AUTO, *SUPPORTED_FORMATS))}"
        )

    if requested == shopify.FORMAT:
        _check_columns(table, requested, shopify.missing_columns(table))
        return requested
    if requested == square.FORMAT:
        _check_columns(table, requested, square.missing_columns(table))
        return requested

    # Shopify's product export has none of Square's signature columns (Token, Item
    # Name, Variation Name), so a Square match is unambiguous and is tested first.
    if square.matches(table):
        return square.FORMAT
    if shopify.matches(table):
        return shopify.FORMAT
    raise ImportFileError(
        f"the import file {table.path} is neither a Shopify product export nor a Square item "
        f"library export{_separator_hint(table)}; the supported formats are {_SUPPORTED_TEXT}"
    )


def _check_columns(table: CsvTable, format: str, missing: list[str]) -> None:
    if not missing:
        return
    noun = "column" if len(missing) == 1 else "columns"
    raise ImportFileError(
        f"the import file {table.path} is not {_DESCRIPTIONS[format]}: it lacks the {noun} "
        f"{', '.join(missing)}{_separator_hint(table)}; export the file from "
        f"{format.capitalize()} again, or let the format be detected (auto)"
    )


def _separator_hint(table: CsvTable) -> str:
    # Excel in locales with a decimal comma, Spanish among them, saves CSV with
    # semicolons, which reads as a single column.
    if len(table.labels) == 1 and ";" in next(iter(table.labels.values())):
        return (
            " (its columns are separated by semicolons, as Excel saves them in some languages; "
            "import the file exactly as Shopify or Square exported it, before opening it in Excel)"
        )
    return ""
