"""Importing a products or sales file into the shop database in one transaction.

The file is read, its columns detected and every row checked before the database is
touched. That is the slow part, and it takes no lock. Then a read transaction plans
each row's outcome against the stored data, and the rows are staged in temporary
tables (see staging.py). Finally one write transaction, begun with `BEGIN IMMEDIATE`,
checks that the data planned against is unchanged (or plans again), writes every
row together with the import's row in `imports` and its changes in
`import_changes`, and commits. Readers (the chat) go on reading the last committed
data meanwhile, because the database is in WAL mode. A dry run stops after the plan
and returns the report the import would give.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from retail_assistant.adapters.importing import generic, shopify, square
from retail_assistant.adapters.importing.columns import ColumnReaders, uses_from_mapping
from retail_assistant.adapters.importing.detection import AUTO, choose_format
from retail_assistant.adapters.importing.history import begin_import, finish_import, now_text
from retail_assistant.adapters.importing.mapping import (
    ColumnChoice,
    ColumnMapping,
    fields_for,
    parse_mapping,
    resolve_mapping,
)
from retail_assistant.adapters.importing.reading import read_table
from retail_assistant.adapters.importing.records import ParsedFile, ProductRecord
from retail_assistant.adapters.importing.sales import SHOPIFY_ORDERS, SQUARE_ITEM_SALES, ProductIndex, parse_sales
from retail_assistant.adapters.importing.sales_writer import DAYS_TABLE, plan_sales, verify_sales
from retail_assistant.adapters.importing.staging import (
    apply_products,
    apply_sales,
    drop_staging,
    stage_products,
    stage_sales,
    verify_products,
)
from retail_assistant.adapters.importing.table import Row, Table
from retail_assistant.adapters.importing.writer import (
    POLICIES,
    ProductPlan,
    ProductWriter,
    WriteOutcome,
    read_default_vat_bp,
    read_shop_currency,
)
from retail_assistant.core.errors import ImportFileError, InputError, StoreError
from retail_assistant.core.import_report import FlaggedRow, ImportReport, RejectedRow

__all__ = ["MappingInput", "import_file", "import_products", "import_sales"]

log = logging.getLogger(__name__)

MappingInput = Sequence[str] | Mapping[str, str] | None
"""A column mapping: "COLUMN=FIELD[:OPTION]" entries, or a dict of column name -> "FIELD[:OPTION]"."""

_PRODUCT_READERS = {shopify.FORMAT: shopify, square.FORMAT: square}
_SALES_PRESETS = {shopify.FORMAT: SHOPIFY_ORDERS, square.FORMAT: SQUARE_ITEM_SALES}


def import_file(
    db: sqlite_utils.Database,
    path: Path,
    *,
    kind: str = "products",
    format: str = AUTO,
    dry_run: bool = False,
    policy: str = "update",
    mapping: MappingInput = None,
) -> ImportReport:
    """Import the products or sales lines of a CSV or XLSX file into the shop database.

    `format` is "auto" (detect it from the header), "shopify", "square" or "generic".
    `policy` sets what to do with rows matching existing data: "update", "skip" or
    "stop". `mapping` corrects the suggested columns of a generic file or a sales
    export. A dry run reads and checks everything, writes nothing and returns the
    same report.

    Raises InputError when the file is missing or unreadable, an option is invalid,
    or the 'stop' policy meets existing data; ImportFileError when the file cannot be
    read as the layout it claims; StoreError when the database cannot be written.
    """
    started_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if policy not in POLICIES:
        raise InputError(f"unknown policy {policy!r}; use one of {', '.join(POLICIES)}")
    choices = parse_mapping(mapping, kind=kind if kind in ("products", "sales") else "products")
    path = path.resolve()
    table = read_table(path)
    chosen = choose_format(table, format, kind=kind)

    if kind == "products":
        parsed = _parse_products(db, table, chosen, choices)
    else:
        parsed = _parse_sales(db, table, chosen, choices)

    pending = ImportReport(
        path=path,
        format=chosen,
        new=0,
        updated=0,
        unchanged=0,
        rejected=tuple(parsed.rejected),
        dry_run=dry_run,
        kind=kind,
        flagged=tuple(parsed.flagged),
        columns=parsed.columns,
        encoding=table.encoding,
        delimiter=table.delimiter,
        policy=policy,
    )
    try:
        if kind == "products":
            report = _write_products(db, parsed.records, pending, started_at=started_at)
        else:
            report = _write_sales(db, parsed, pending, started_at=started_at)
    except sqlite3.Error as error:
        raise StoreError(
            f"importing {path} into the shop database failed: {error}; nothing was imported. "
            "Close other programs that write to the shop database and try again"
        ) from error

    log.info(
        "%s %s as %s %s: %d new, %d updated, %d unchanged, %d skipped, %d rejected, %d flagged",
        "checked" if dry_run else "imported",
        path,
        chosen,
        kind,
        report.new,
        report.updated,
        report.unchanged,
        report.skipped,
        len(report.rejected),
        len(report.flagged),
    )
    return report


def import_products(
    db: sqlite_utils.Database,
    path: Path,
    *,
    format: str = AUTO,
    dry_run: bool = False,
    policy: str = "update",
    mapping: MappingInput = None,
) -> ImportReport:
    """Import the products of a file; see import_file."""
    return import_file(db, path, kind="products", format=format, dry_run=dry_run, policy=policy, mapping=mapping)


def import_sales(
    db: sqlite_utils.Database,
    path: Path,
    *,
    format: str = AUTO,
    dry_run: bool = False,
    policy: str = "update",
    mapping: MappingInput = None,
) -> ImportReport:
    """Import the sales lines of a file; see import_file."""
    return import_file(db, path, kind="sales", format=format, dry_run=dry_run, policy=policy, mapping=mapping)


# -- reading --------------------------------------------------------------------------------


@dataclass
class _Malformed:
    """Rows that do not fit the header, set aside while the rows stream past."""

    rejected: list[RejectedRow] = field(default_factory=list)

    def filter(self, rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            if row.problem:
                self.rejected.append(RejectedRow(row.number, row.problem))
            else:
                yield row


def _parse_products(
    db: sqlite_utils.Database, table: Table, chosen: str, choices: dict[str, ColumnChoice]
) -> ParsedFile:
    currency = read_shop_currency(db)
    malformed = _Malformed()
    reader = _PRODUCT_READERS.get(chosen)
    if reader is not None:
        if choices:
            raise InputError(
                f"a column mapping applies to generic files and sales exports, not to a {chosen} product "
                "export; drop the mapping, or import the file with the format generic"
            )
        rows = list(malformed.filter(table.rows()))
        readers = ColumnReaders(table, reader.column_uses(table), rows, prior=".", shop_currency=currency)
        parse = shopify.parse_shopify if chosen == shopify.FORMAT else square.parse_square
        parsed = parse(table, rows, readers)
        parsed.columns = readers.reports({}, {})
    else:
        mapping = resolve_mapping(table, kind="products", choices=choices)
        _require(table, mapping, [("sku", "barcode")], kind="products")
        readers = _readers(table, mapping, "products", currency)
        parsed = generic.parse_generic_products(table, malformed.filter(table.rows()), mapping, readers)
        parsed.columns = readers.reports(mapping.problems, mapping.notes)

    records, duplicates = _without_duplicates(parsed.records)
    parsed.records = records
    parsed.rejected = sorted([*malformed.rejected, *parsed.rejected, *duplicates])
    parsed.flagged = sorted(
        [*parsed.flagged, *(FlaggedRow(record.row_number, flag) for record in records for flag in record.flags),
         *_shared_barcodes(records)]
    )
    return parsed


def _parse_sales(
    db: sqlite_utils.Database, table: Table, chosen: str, choices: dict[str, ColumnChoice]
) -> ParsedFile:
    preset = _SALES_PRESETS.get(chosen)
    mapping = resolve_mapping(table, kind="sales", choices=choices, preset=preset)
    _require(
        table,
        mapping,
        [("date",), ("quantity",), ("sku", "barcode", "name"), ("unit_price", "amount")],
        kind="sales",
    )
    readers = _readers(table, mapping, "sales", read_shop_currency(db), prior="." if preset else None)
    malformed = _Malformed()
    parsed = parse_sales(table, malformed.filter(table.rows()), mapping, readers, ProductIndex.load(db))
    parsed.columns = readers.reports(mapping.problems, mapping.notes)
    parsed.rejected = sorted([*malformed.rejected, *parsed.rejected])
    parsed.flagged = sorted(parsed.flagged)
    return parsed


def _readers(
    table: Table, mapping: ColumnMapping, kind: str, currency: str | None, *, prior: str | None = None
) -> ColumnReaders:
    kinds = {name: spec.kind for name, spec in fields_for(kind).items()}
    return ColumnReaders(table, uses_from_mapping(mapping, kinds), table.rows(), prior=prior, shop_currency=currency)


def _require(table: Table, mapping: ColumnMapping, groups: list[tuple[str, ...]], *, kind: str) -> None:
    for group in groups:
        if any(mapping.key(name) for name in group):
            continue
        wanted = " or ".join(group)
        found = ", ".join(repr(label) for label in table.labels.values())
        known = (
            "It is not a Shopify product export or a Square item library export either. "
            if kind == "products"
            else ""
        )
        raise ImportFileError(
            f"the import file {table.path} has no column for the {wanted}{table.separator_hint()}; its "
            f"columns are {found}. {known}Choose the column in the mapping "
            f"(on the command line: --map 'COLUMN={group[0]}')"
        )


def _without_duplicates(records: list[ProductRecord]) -> tuple[list[ProductRecord], list[RejectedRow]]:
    # Two rows for one product would silently overwrite each other, so the later one is rejected.
    first_row: dict[str, int] = {}
    unique_records: list[ProductRecord] = []
    rejected: list[RejectedRow] = []
    for record in records:
        key = record.sku if record.sku is not None else f"barcode:{record.barcode}"
        earlier = first_row.get(key)
        if earlier is None:
            first_row[key] = record.row_number
            unique_records.append(record)
            continue
        if record.sku is not None:
            reason = f"the SKU {record.sku!r} is already used on row {earlier}; give each variant its own SKU"
        else:
            reason = f"the barcode {record.barcode!r} is already used on row {earlier}; keep one row per product"
        rejected.append(RejectedRow(record.row_number, reason))
    return unique_records, rejected


def _shared_barcodes(records: list[ProductRecord]) -> list[FlaggedRow]:
    first_row: dict[str, ProductRecord] = {}
    flagged: list[FlaggedRow] = []
    for record in records:
        if record.barcode is None or record.sku is None:
            continue
        earlier = first_row.setdefault(record.barcode, record)
        if earlier is not record:
            flagged.append(
                FlaggedRow(
                    record.row_number,
                    f"the barcode {record.barcode!r} is also on row {earlier.row_number} ({earlier.sku!r}); "
                    "a scan finds only one of them",
                )
            )
    return flagged


# -- writing --------------------------------------------------------------------------------


def _write_products(
    db: sqlite_utils.Database, records: list[ProductRecord], pending: ImportReport, *, started_at: str
) -> ImportReport:
    # Plan in a read transaction, which takes no lock. BEGIN stays outside the try
    # blocks: when it fails, there is no transaction of ours to roll back.
    db.execute("BEGIN")
    try:
        plan = _plan_products(db, records, pending.policy)
        db.commit()
    except BaseException:
        db.rollback()
        raise
    report = _with_product_plan(pending, plan)
    if report.dry_run:
        return report

    try:
        stage_products(db, plan)
        db.commit()
        # IMMEDIATE takes the write lock at once, so a concurrent writer makes this wait
        # for the busy timeout instead of failing halfway through the file.
        db.execute("BEGIN IMMEDIATE")
        try:
            if not verify_products(db, plan):
                # Another connection changed products this file touches since the plan.
                log.info("products changed during the import of %s; planning again under the write lock", report.path)
                plan = _plan_products(db, records, pending.policy)
                report = _with_product_plan(pending, plan)
                stage_products(db, plan)
            report = replace(report, import_id=begin_import(db, report=report, started_at=started_at))
            apply_products(db, plan, report.import_id or 0)
            finish_import(db, report)
            db.commit()
        except BaseException:
            db.rollback()
            raise
    finally:
        drop_staging(db)
    return report


def _plan_products(db: sqlite_utils.Database, records: list[ProductRecord], policy: str) -> ProductPlan:
    writer = ProductWriter(db, default_vat_bp=read_default_vat_bp(db), policy=policy, now=now_text(db))
    return writer.plan(records)


def _with_product_plan(pending: ImportReport, plan: ProductPlan) -> ImportReport:
    return replace(
        pending,
        new=plan.outcomes[WriteOutcome.NEW],
        updated=plan.outcomes[WriteOutcome.UPDATED],
        unchanged=plan.outcomes[WriteOutcome.UNCHANGED],
        skipped=plan.outcomes[WriteOutcome.SKIPPED],
        rejected=tuple(sorted([*pending.rejected, *plan.rejected])),
        flagged=tuple(sorted([*pending.flagged, *plan.flagged])),
    )


def _write_sales(
    db: sqlite_utils.Database, parsed: ParsedFile, pending: ImportReport, *, started_at: str
) -> ImportReport:
    # The plan fills a temporary table of the file's days, which only a commit keeps;
    # the transaction writes nothing else.
    db.execute("BEGIN")
    try:
        plan = plan_sales(db, parsed.sales, policy=pending.policy)
        db.commit()
    except BaseException:
        db.rollback()
        raise
    report = replace(pending, new=len(plan.lines), replaced=plan.replaced, skipped=plan.skipped)
    if report.dry_run:
        drop_staging(db)
        return report

    try:
        stage_sales(db, plan.lines)
        db.commit()
        db.execute("BEGIN IMMEDIATE")
        try:
            if not verify_sales(db, plan):
                log.info("sales changed during the import of %s; planning again under the write lock", report.path)
                plan = plan_sales(db, parsed.sales, policy=pending.policy)
                report = replace(pending, new=len(plan.lines), replaced=plan.replaced, skipped=plan.skipped)
                stage_sales(db, plan.lines)
            report = replace(report, import_id=begin_import(db, report=report, started_at=started_at))
            first, last = apply_sales(db, report.import_id or 0, replaced_days=DAYS_TABLE if plan.replaces else None)
            finish_import(db, report, first_sale_id=first, last_sale_id=last)
            db.commit()
        except BaseException:
            db.rollback()
            raise
    finally:
        drop_staging(db)
    return report
