"""The outcome of importing one product file, for the command line and the desktop app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = ["ImportReport", "RejectedRow"]


class RejectedRow(NamedTuple):
    """One row of an import file that was not imported, with the reason."""

    row_number: int
    """The row as a spreadsheet numbers it: the header is row 1, and a quoted cell
    with line breaks does not add rows."""

    reason: str


@dataclass(frozen=True)
class ImportReport:
    """Counts of what one import did, or would do on a dry run, to the products table."""

    path: Path
    format: str
    """The export format the file was read as: 'shopify' or 'square'."""

    new: int
    updated: int
    unchanged: int
    rejected: tuple[RejectedRow, ...] = ()
    """Rows left out because of invalid data, ordered by row number."""

    dry_run: bool = False
    """True when nothing was written to the shop database."""

    @property
    def imported(self) -> int:
        """The number of products with a valid row in the file: new, updated or unchanged."""
        return self.new + self.updated + self.unchanged

    def summary(self) -> str:
        """Describe the report in English: one line of counts, then one line per rejected row."""
        action = "checked (dry run, nothing written)" if self.dry_run else "imported"
        lines = [
            f"{action} {self.path} as {self.format}: {self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected"
        ]
        lines.extend(f"  row {row.row_number}: {row.reason}" for row in self.rejected)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """Return the report as plain JSON-ready values."""
        return {
            "path": str(self.path),
            "format": self.format,
            "dry_run": self.dry_run,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"row": row.row_number, "reason": row.reason} for row in self.rejected],
        }
