"""Importing a product export file into the shop database in one transaction.

The file is read and checked completely before the database is touched. Then every
valid row is written inside one transaction, which commits together with a row in
the `imports` table, or rolls back on a dry run or an error. Rows with invalid data
are left out and listed in the report.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.importing import shopify, square
from retail_assistant.adapters.importing.csv_text import CsvTable, read_csv_table
from retail_assistant.adapters.importing.detection import AUTO, choose_format
from retail_assistant.adapters.importing.records import ParsedFile, ProductRecord
from retail_assistant.adapters.importing.writer import (
    CatalogWriter,
    WriteOutcome,
    read_default_vat_bp,
    record_import,
)
from retail_assistant.core.errors import StoreError
from retail_assistant.core.import_report import ImportReport, RejectedRow

__all__ = ["import_products"]

log = logging.getLogger(__name__)

_READERS: dict[str, Callable[[CsvTable], ParsedFile]] = {
    shopify.FORMAT: shopify.parse_shopify,
    square.FORMAT: square.parse_square,
}


def import_products(
    db: sqlite_utils.Database, path: Path, *, format: str = AUTO, dry_run: bool = False
) -> ImportReport:
    """Import the products of a Shopify or Square export file into the shop database.

    `format` is "auto" (detect it from the header), "shopify" or "square". A dry run
    reads and checks everything, writes nothing and returns the same report.

    Raises InputError when the file is missing or unreadable or `format` is unknown,
    ImportFileError when the file is empty or not in a supported format, and
    StoreError when the database cannot be written.
    """
    started_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    path = path.resolve()
    table = read_csv_table(path)
    chosen = choose_format(table, format)
    parsed = _READERS[chosen](table)
    records, duplicates = _without_duplicate_skus(parsed.records)
    rejected = tuple(sorted([*table.malformed, *parsed.rejected, *duplicates]))

    counts_pending = ImportReport(
        path=path, format=chosen, new=0, updated=0, unchanged=0, rejected=rejected, dry_run=dry_run
    )
    try:
        report = _write(db, records, counts_pending, started_at=started_at)
    except sqlite3.Error as error:
        raise StoreError(
            f"importing {path} into the shop database failed: {error}; nothing was imported. "
            "Close other programs that write to the shop database and try again"
        ) from error

    log.info(
        "%s %s as %s: %d new, %d updated, %d unchanged, %d rejected",
        "checked" if dry_run else "imported",
        path,
        chosen,
        report.new,
        report.updated,
        report.unchanged,
        len(report.rejected),
    )
    for row in report.rejected:
        log.debug("rejected row %d of %s: %s", row.row_number, path, row.reason)
    return report


def _without_duplicate_skus(
    records: tuple[ProductRecord, ...],
) -> tuple[list[ProductRecord], list[RejectedRow]]:
    # Two rows with one SKU would silently overwrite each other, so the later one is rejected.
    first_row: dict[str, int] = {}
    unique_records: list[ProductRecord] = []
    rejected: list[RejectedRow] = []
    for record in records:
        earlier = first_row.get(record.sku)
        if earlier is not None:
            reason = f"the SKU {record.sku!r} is already used on row {earlier}; give each variant its own SKU"
            rejected.append(RejectedRow(record.row_number, reason))
            continue
        first_row[record.sku] = record.row_number
        unique_records.append(record)
    return unique_records, rejected


def _write(
    db: sqlite_utils.Database, records: list[ProductRecord], pending: ImportReport, *, started_at: str
) -> ImportReport:
    # IMMEDIATE takes the write lock at once, so a concurrent writer makes this wait
    # for the busy timeout instead of failing halfway through the file. BEGIN stays
    # outside the try block: when it fails, there is no transaction of ours to roll back.
    db.execute("BEGIN IMMEDIATE")
    try:
        writer = CatalogWriter(db, default_vat_bp=read_default_vat_bp(db))
        outcomes = Counter(writer.write(record) for record in records)
        report = replace(
            pending,
            new=outcomes[WriteOutcome.NEW],
            updated=outcomes[WriteOutcome.UPDATED],
            unchanged=outcomes[WriteOutcome.UNCHANGED],
        )
        if report.dry_run:
            db.rollback()
            return report

        record_import(db, report, started_at=started_at)
        db.commit()
        return report
    except BaseException:
        db.rollback()
        raise
