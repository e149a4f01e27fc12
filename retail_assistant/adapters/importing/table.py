"""A file to import as a header and rows of text cells, numbered as a spreadsheet numbers them.

CSV files and Excel workbooks both become a Table, so every format reader works on
text cells alone. Rows are streamed: `Table.rows()` reads the file again on each
call, so a detection pass and a parsing pass over a million lines never hold all
the rows in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Row", "Table", "column_key"]


def column_key(name: str) -> str:
    """Return the lookup key of a column name: case-folded, with runs of spaces collapsed.

    Shopify's newer exports write "Option1 name" where older ones write "Option1 Name",
    so column lookups ignore case.
    """
    return " ".join(name.split()).casefold()


# Not frozen: a frozen dataclass takes four times as long to create, which is over a
# second for the two passes over a million lines. Nothing changes a Row after creation.
@dataclass(slots=True)
class Row:
    """One data row: its spreadsheet row number and its cells keyed by column key."""

    number: int
    cells: Mapping[str, str]
    typed: frozenset[str] = frozenset()
    """Keys of the cells that a workbook stored as numbers, written here as plain
    decimals with a point, so no separator detection applies to them."""

    problem: str = ""
    """The reason the row cannot be read (more cells than the header), or ''."""

    note: str = ""
    """A warning about how the row was read (decoded as Windows-1252), or ''."""

    def text(self, key: str | None) -> str:
        """Return the cell under `key` without surrounding spaces, or "" when the column is absent."""
        if key is None:
            return ""
        return self.cells.get(key, "").strip()

    def raw(self, key: str | None) -> str:
        """Return the cell under `key` exactly as written, or "" when the column is absent."""
        if key is None:
            return ""
        return self.cells.get(key, "")


@dataclass(frozen=True)
class Table:
    """The header of one file and a way to read its data rows."""

    path: Path
    encoding: str
    """'utf-8', 'utf-8-sig', 'utf-16', 'cp1252', 'mixed (utf-8, cp1252)' or 'xlsx'."""

    delimiter: str
    """The cell separator of a CSV file; '' for a workbook."""

    labels: Mapping[str, str]
    """Column key -> the column name as the header writes it, in header order."""

    read_rows: Callable[[], Iterator[Row]] = field(repr=False, compare=False)
    sheet: str = ""
    """The worksheet read from a workbook; '' for a CSV file."""

    def rows(self) -> Iterator[Row]:
        """Yield the data rows in file order, reading the file again."""
        return self.read_rows()

    def key(self, *names: str) -> str | None:
        """Return the key of the first of `names` that the header contains, or None."""
        for name in names:
            key = column_key(name)
            if key in self.labels:
                return key
        return None

    def label(self, key: str | None) -> str:
        """Return the column name as the header writes it, or "" for an absent column."""
        if key is None:
            return ""
        return self.labels.get(key, key)

    def separator_hint(self) -> str:
        """Return a sentence for error messages when the header looks like one unsplit column, else ''."""
        if len(self.labels) != 1:
            return ""
        only = next(iter(self.labels.values()))
        for mark, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if mark in only:
                return (
                    f" (its header is one column that contains {name}; save the file again with "
                    "one separator throughout)"
                )
        return ""
