"""The Cloud log tab over a real log in the shop database: rows, what was sent, the budget, CSV export."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog

from retail_assistant.adapters.store.cloud_log import CloudCall, SqliteCloudLog
from retail_assistant.adapters.store.connections import ThreadLocalDatabase
from retail_assistant.gui.cloud_log_view import CloudLogView, LogColumn
from retail_assistant.gui.workers import TaskRunner

NOW = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
SENT = [
    {"role": "system", "content": "You are the helpful assistant of a small shop."},
    {"role": "user", "content": "Write to [EMAIL_1] about the honey order"},
]


def call(**changes) -> CloudCall:
    base = CloudCall(at=NOW, reason="personal_data_masked", endpoint="https://api.example.test/v1", model="small-model",
                     sent_json=json.dumps(SENT), outcome="completed", prompt_tokens=120, completion_tokens=80,
                     cost_micros=6_000, latency_ms=1530)
    return replace(base, **changes)


@pytest.fixture
def cloud_log(home):
    connections = ThreadLocalDatabase(home / "shop.sqlite")
    yield SqliteCloudLog(connections)
    connections.close()


@pytest.fixture
def make_view(qtbot, home):
    made: list[TaskRunner] = []

    def make_view(settings) -> CloudLogView:
        worker_connections = ThreadLocalDatabase(home / "shop.sqlite")
        runner = TaskRunner("test-store-worker", close_connection=worker_connections.close)
        made.append(runner)
        worker_log = SqliteCloudLog(worker_connections)
        view = CloudLogView(lambda: worker_log, runner, settings=lambda: settings, language=lambda: "en")
        qtbot.addWidget(view)
        view.resize(1000, 500)
        view.show()
        qtbot.waitExposed(view)
        return view

    yield make_view
    for runner in made:
        assert runner.shut_down(5000)


def cell(view: CloudLogView, row: int, column: LogColumn) -> str:
    return view.model.data(view.model.index(row, column))


def test_calls_listed_newest_first(qtbot, make_view, cloud_log, settings):
    cloud_log.record(call())
    cloud_log.record(call(outcome="failed", error="the cloud service timed out", reason="long_writing",
                          prompt_tokens=None, completion_tokens=None, cost_micros=0, latency_ms=None))
    view = make_view(settings)

    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)

    assert cell(view, 0, LogColumn.OUTCOME) == "failed"
    assert cell(view, 0, LogColumn.TOKENS) == "—"
    assert cell(view, 0, LogColumn.REASON) == "long writing task: sent to the stronger cloud model"
    assert cell(view, 1, LogColumn.OUTCOME) == "completed"
    assert cell(view, 1, LogColumn.MODEL) == "small-model"
    assert cell(view, 1, LogColumn.TOKENS) == "120 + 80"
    assert cell(view, 1, LogColumn.COST) == "0.006000"
    assert cell(view, 1, LogColumn.LATENCY) == "1.53 s"
    assert view.model.data(view.model.index(0, LogColumn.OUTCOME), Qt.ItemDataRole.ToolTipRole) == (
        "the cloud service timed out")


def test_detail_shows_masked_text_sent(qtbot, make_view, cloud_log, settings):
    cloud_log.record(call())
    view = make_view(settings)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)

    view.table.selectionModel().select(
        view.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    detail = view.detail.toPlainText()
    assert "user: Write to [EMAIL_1] about the honey order" in detail
    assert "https://api.example.test/v1" in detail
    assert "customer data masked" in detail


def test_month_cost_against_budget(qtbot, make_view, cloud_log, settings):
    cloud_log.record(call(cost_micros=9_000_000))
    budgeted = replace(settings, cloud_monthly_budget="10", cloud_budget_warning="0.8")
    view = make_view(budgeted)

    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)

    text = view.budget_label.text()
    assert text.startswith("This month's cloud cost: 9.0000")
    assert "monthly budget 10.00, warning at 80%" in text
    assert text.endswith("warning level passed")


def test_missing_budget_is_stated(qtbot, make_view, settings):
    view = make_view(settings)

    qtbot.waitUntil(lambda: not view.loading, timeout=5000)

    assert view.budget_label.text() == "This month's cloud cost: 0.0000 · no monthly budget set"


def test_export_writes_csv(qtbot, make_view, cloud_log, settings, tmp_path, monkeypatch):
    cloud_log.record(call())
    cloud_log.record(call(reason="forced_cloud"))
    target = tmp_path / "exported.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV files (*.csv)"))
    view = make_view(settings)

    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "Wrote 2 calls" in view.budget_label.text(), timeout=5000)
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["reason"] for row in rows] == ["personal_data_masked", "forced_cloud"]
    assert view.export_button.isEnabled()


def test_export_failure_names_the_path(qtbot, make_view, settings, tmp_path):
    view = make_view(settings)
    target = tmp_path / "no-such-folder" / "log.csv"

    view.export_csv(target)

    qtbot.waitUntil(lambda: "Cannot write" in view.budget_label.text(), timeout=5000)
    assert str(target) in view.budget_label.text()
