"""The import and undo commands: reports on standard output, exit status 0 or 2 with the fix on standard error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retail_assistant.adapters.store import open_database
from retail_assistant.import_cli import run_import, run_undo_import
from retail_assistant.settings import Settings, load_settings

CORPUS = Path(__file__).parent / "data" / "import_corpus"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(home=tmp_path / "shop")


def products(settings: Settings) -> int:
    db = open_database(settings.database_path)
    try:
        return db.execute("SELECT count(*) FROM products").fetchone()[0]
    finally:
        db.conn.close()


def test_import_prints_json_report(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    status = run_import(settings, CORPUS / "spanish_excel_products.csv", as_json=True)

    output = capsys.readouterr()
    report = json.loads(output.out)
    assert status == 0
    assert report["new"] == 4
    assert report["import_id"] == 1
    assert report["flagged"] == [{"row": 5, "reason": report["flagged"][0]["reason"]}]
    assert output.err == ""


def test_import_prints_summary(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    status = run_import(settings, CORPUS / "check_digits.csv")

    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert lines[0].endswith("6 new, 0 updated, 0 unchanged, 4 rejected")
    assert lines[1].startswith("  row 6: invalid Barcode '73513538'")


def test_mapping_entries_applied(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    status = run_import(settings, CORPUS / "ambiguous_thousands.csv", mapping=["Stock=stock:point"], as_json=True)

    assert status == 0
    assert json.loads(capsys.readouterr().out)["rejected"] == []


def test_dry_run_leaves_no_shop(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    status = run_import(settings, CORPUS / "utf8_bom.csv", dry_run=True, as_json=True)

    assert status == 0
    assert json.loads(capsys.readouterr().out)["dry_run"] is True
    assert not settings.database_path.exists()


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        ({"path": CORPUS / "no_such_file.csv"}, "was not found"),
        ({"path": CORPUS / "old_excel.xls"}, "save it as .xlsx"),
        ({"path": CORPUS / "utf8_bom.csv", "policy": "merge"}, "unknown policy 'merge'"),
        ({"path": CORPUS / "utf8_bom.csv", "mapping": ["Price"]}, "write COLUMN=FIELD"),
        ({"path": CORPUS / "utf8_bom.csv", "mapping": ["Price=cost:day-first"]}, "does not apply"),
        ({"path": CORPUS / "utf8_bom.csv", "mapping": ["Precio=price"]}, "does not have"),
        ({"path": CORPUS / "utf8_bom.csv", "kind": "sales"}, "no column for the date"),
        ({"path": CORPUS / "utf8_bom.csv", "format": "shopify"}, "is not a Shopify product export"),
    ],
)
def test_bad_input_exits_two(
    settings: Settings, capsys: pytest.CaptureFixture[str], arguments: dict, fragment: str
) -> None:
    path = arguments.pop("path")

    status = run_import(settings, path, as_json=True, **arguments)

    output = capsys.readouterr()
    assert status == 2
    assert output.out == ""
    assert output.err.startswith("error: ")
    assert fragment in output.err


def test_stop_policy_exits_two_and_writes_nothing(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    run_import(settings, CORPUS / "base_products.csv")
    capsys.readouterr()

    status = run_import(settings, CORPUS / "policy_changes.csv", policy="stop")

    assert status == 2
    assert "rows match products already in the shop" in capsys.readouterr().err
    assert products(settings) == 3


def test_undo_restores_and_reports(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    run_import(settings, CORPUS / "base_products.csv")
    capsys.readouterr()

    status = run_undo_import(settings, as_json=True)

    report = json.loads(capsys.readouterr().out)
    assert status == 0
    assert report["import_id"] == 1
    assert report["deleted"] == 8
    assert products(settings) == 0


def test_undo_without_import_exits_two(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_undo_import(settings, as_json=False) == 2
    assert "no shop" in capsys.readouterr().err

    run_import(settings, CORPUS / "base_products.csv")
    run_undo_import(settings, as_json=False)
    capsys.readouterr()
    assert run_undo_import(settings, as_json=False) == 2
    assert "no import to undo" in capsys.readouterr().err


def test_sales_import_from_command(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    run_import(settings, CORPUS / "base_products.csv")
    capsys.readouterr()

    status = run_import(settings, CORPUS / "sales_day_first.csv", kind="sales", as_json=True)

    report = json.loads(capsys.readouterr().out)
    assert status == 0
    assert report["kind"] == "sales"
    assert report["new"] == 2
    assert [row["row"] for row in report["rejected"]] == [4, 5]
