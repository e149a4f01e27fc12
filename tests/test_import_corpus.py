"""The import corpus: one small file per kind of defect, each checked row by row against expected.json.

Each case imports its file into a fresh shop, after its 'before' files. It checks
the report's counts, the exact set of rejected and flagged rows with fragments of
each reason, the problems flagged per column, and the values stored in the database.
A dry run of the same file, made first, must report exactly what the import does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from retail_assistant.adapters.importing import ImportReport, import_file
from retail_assistant.adapters.store import open_database
from retail_assistant.core import errors

CORPUS = Path(__file__).parent / "data" / "import_corpus"
CASES: list[dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["cases"]
COUNTS = ("new", "updated", "unchanged", "skipped", "replaced")
REPORT_FIELDS = ("format", "encoding", "delimiter")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "shop.sqlite")
    yield database
    database.conn.close()


def prepare(db: sqlite_utils.Database, case: dict[str, Any]) -> None:
    for key, value in case.get("shop", {}).items():
        db.execute("INSERT INTO shop (key, value) VALUES (?, ?)", [key, value])
    db.conn.commit()
    for name in case.get("before", []):
        report = import_file(db, CORPUS / name)
        assert report.rejected == (), f"{name} must import cleanly to prepare {case['name']}"


def run(db: sqlite_utils.Database, case: dict[str, Any], *, dry_run: bool = False) -> ImportReport:
    return import_file(
        db,
        CORPUS / case["file"],
        kind=case.get("kind", "products"),
        format=case.get("format", "auto"),
        policy=case.get("policy", "update"),
        mapping=case.get("mapping"),
        dry_run=dry_run,
    )


def stored_product(db: sqlite_utils.Database, sku: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM products WHERE sku = ?", [sku]))
    return rows[0] if rows else None


def check_rows(kind: str, found: tuple[Any, ...], expected: dict[str, list[str]]) -> None:
    reasons: dict[int, list[str]] = {}
    for row in found:
        reasons.setdefault(row.row_number, []).append(row.reason)
    assert sorted(reasons) == sorted(int(number) for number in expected), f"{kind} rows: {reasons}"
    for number, fragments in expected.items():
        text = " | ".join(reasons[int(number)])
        for fragment in fragments:
            assert fragment in text, f"{kind} row {number}: {fragment!r} not in {text!r}"


def check_database(db: sqlite_utils.Database, expect: dict[str, Any]) -> None:
    for sku, values in expect.get("products", {}).items():
        product = stored_product(db, sku)
        assert product is not None, f"{sku!r} is not in the database"
        for column, value in values.items():
            assert product[column] == value, f"{sku} {column}: {product[column]!r} != {value!r}"
    for sku in expect.get("absent", []):
        assert stored_product(db, sku) is None, f"{sku!r} should not have been imported"
    for sku, length in expect.get("description_lengths", {}).items():
        assert len(stored_product(db, sku)["description"]) == length
    if "sales" in expect:
        # Lines are stored in (sku, day) order, not file order, so both lists are compared sorted.
        sales = [list(row) for row in db.execute("SELECT sold_on, sku, quantity_milli, unit_price_cents FROM sales")]
        assert sorted(sales) == sorted(expect["sales"])


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_corpus_file(db: sqlite_utils.Database, case: dict[str, Any]) -> None:
    prepare(db, case)
    expect = case.get("expect", {})

    if "error" in case:
        error_type = getattr(errors, case["error"]["type"])
        with pytest.raises(error_type) as caught:
            run(db, case)
        for fragment in case["error"]["contains"]:
            assert fragment in str(caught.value)
        check_database(db, expect)
        return

    preview = run(db, case, dry_run=True)
    report = run(db, case)

    for name in COUNTS:
        assert getattr(report, name) == expect.get(name, 0), name
    for name in REPORT_FIELDS:
        if name in expect:
            assert getattr(report, name) == expect[name], name
    check_rows("rejected", report.rejected, expect["rejected"])
    check_rows("flagged", report.flagged, expect["flagged"])

    problems = {column.label: column.problem for column in report.columns if column.problem}
    if "column_problems" in expect:
        assert sorted(problems) == sorted(expect["column_problems"])
        for label, fragment in expect["column_problems"].items():
            assert fragment in problems[label]
    detected = {column.label: column.detected for column in report.columns}
    for label, fragments in expect.get("column_detected", {}).items():
        for fragment in fragments:
            assert fragment in detected[label]

    assert preview.dry_run is True
    assert {**preview.to_dict(), "dry_run": False, "import_id": report.import_id} == report.to_dict()
    check_database(db, expect)


def test_every_rejection_names_row_and_reason(db: sqlite_utils.Database) -> None:
    for case in CASES:
        if "error" in case or case.get("before") or case.get("shop"):
            continue
        report = run(db, case, dry_run=True)
        for row in report.rejected:
            assert row.row_number >= 2, case["name"]
            assert len(row.reason) > 20, case["name"]


def test_corpus_files_all_have_cases() -> None:
    used = {case["file"] for case in CASES} | {name for case in CASES for name in case.get("before", [])}
    data_files = {path.name for path in CORPUS.iterdir() if path.suffix in (".csv", ".txt", ".xlsx", ".xls")}

    assert data_files - used == set()
