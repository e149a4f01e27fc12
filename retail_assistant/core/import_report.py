"""The outcome of importing one product or sales file, for the command line and the desktop app.

A report is plain data: counts, the rows left out (rejected) and the rows imported
with a warning (flagged), each with its spreadsheet row number, and one line per
column saying how it was read. The same report describes a preview (dry run) and
an applied import, so what the preview shows is what the import does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = ["ColumnReport", "FlaggedRow", "ImportReport", "RejectedRow", "UndoReport"]


class RejectedRow(NamedTuple):
    """One row of an import file that was not imported, with the reason."""

    row_number: int
    """The row as a spreadsheet numbers it: the header is row 1, and a quoted cell
    with line breaks does not add rows."""

    reason: str


class FlaggedRow(NamedTuple):
    """One row that was imported as given but deserves a look, with the reason.

    Examples: negative stock (oversold), a name that reads like an instruction to a
    language model, a line that was not UTF-8.
    """

    row_number: int
    reason: str


@dataclass(frozen=True)
class ColumnReport:
    """The reading of one column of the file."""

    label: str
    """The column name as the header writes it."""

    field: str | None
    """The field the column fills (for example 'price'), or None when it is ignored."""

    detected: str = ""
    """The formats detected in its cells, for example 'decimal comma, thousands point, €'."""

    samples: tuple[tuple[str, str], ...] = ()
    """A few cells as written, each with the value it was read as."""

    problem: str = ""
    """The reason the column is flagged (ambiguous separators or dates, mixed currencies), or ''."""

    def to_dict(self) -> dict[str, object]:
        """Return the column as plain JSON-ready values."""
        return {
            "column": self.label,
            "field": self.field,
            "detected": self.detected,
            "samples": [{"cell": cell, "value": value} for cell, value in self.samples],
            "problem": self.problem,
        }


@dataclass(frozen=True)
class ImportReport:
    """Counts of what one import did, or would do on a dry run, to the shop database."""

    path: Path
    format: str
    """The layout the file was read as: 'shopify', 'square' or 'generic'."""

    new: int
    """Products inserted, or sales lines added."""

    updated: int
    """Existing products with at least one value changed."""

    unchanged: int
    """Existing products whose stated values were already stored."""

    rejected: tuple[RejectedRow, ...] = ()
    """Rows left out because of invalid data, ordered by row number."""

    dry_run: bool = False
    """True when nothing was written to the shop database."""

    kind: str = "products"
    """The file's contents: 'products' or 'sales'."""

    skipped: int = 0
    """Rows matching existing data that the 'skip' policy left out."""

    replaced: int = 0
    """Sales lines already stored for a product and day the file covers, deleted by the 'update' policy."""

    flagged: tuple[FlaggedRow, ...] = ()
    """Rows imported as given that deserve a look, ordered by row number."""

    columns: tuple[ColumnReport, ...] = ()
    encoding: str = ""
    delimiter: str = ""
    """The cell separator of a CSV file; '' for a workbook."""

    policy: str = "update"
    """The policy for rows matching existing data: 'update', 'skip' or 'stop'."""

    import_id: int | None = None
    """The number of the import in the shop's import history; None for a dry run."""

    @property
    def imported(self) -> int:
        """The number of rows with valid data in the file: new, updated or unchanged."""
        return self.new + self.updated + self.unchanged

    def summary(self) -> str:
        """Describe the report in English: one line of counts, then one line per rejected or flagged row."""
        action = "checked (dry run, nothing written)" if self.dry_run else "imported"
        what = f"{self.format} sales lines" if self.kind == "sales" else self.format
        counts = [f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.kind == "sales":
            counts = [f"{self.new} new", f"{self.replaced} replaced"]
        if self.skipped:
            counts.append(f"{self.skipped} skipped")
        counts.append(f"{len(self.rejected)} rejected")

        lines = [f"{action} {self.path} as {what}: {', '.join(counts)}"]
        lines.extend(f"  row {row.row_number}: {row.reason}" for row in self.rejected)
        lines.extend(f"  row {row.row_number} (flagged): {row.reason}" for row in self.flagged)
        lines.extend(
            f"  column {column.label!r} (flagged): {column.problem}" for column in self.columns if column.problem
        )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """Return the report as plain JSON-ready values."""
        return {
            "path": str(self.path),
            "format": self.format,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "import_id": self.import_id,
            "policy": self.policy,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "replaced": self.replaced,
            "rejected": [{"row": row.row_number, "reason": row.reason} for row in self.rejected],
            "flagged": [{"row": row.row_number, "reason": row.reason} for row in self.flagged],
            "columns": [column.to_dict() for column in self.columns],
        }


@dataclass(frozen=True)
class UndoReport:
    """The result of undoing one import: what it restored and what it kept."""

    import_id: int
    path: str
    kind: str
    restored: int
    """Products whose previous values were written back."""

    deleted: int
    """Rows the import had inserted (products, categories, suppliers, sales lines) that were deleted."""

    kept: tuple[str, ...] = ()
    """Changes left in place because the data was edited after the import, one sentence each."""

    def summary(self) -> str:
        """Describe the undo in English: one line of counts, then one line per change kept."""
        lines = [
            f"undid import {self.import_id} of {self.path} ({self.kind}): "
            f"{self.restored} restored, {self.deleted} deleted, {len(self.kept)} kept"
        ]
        lines.extend(f"  kept: {reason}" for reason in self.kept)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """Return the undo report as plain JSON-ready values."""
        return {
            "import_id": self.import_id,
            "path": self.path,
            "kind": self.kind,
            "restored": self.restored,
            "deleted": self.deleted,
            "kept": list(self.kept),
        }
