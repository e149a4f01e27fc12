"""The Cloud queue tab over a real queue in the shop database: rows, details, Remove and Run now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from retail_assistant.adapters.store.cloud_queue import SqliteCloudQueue
from retail_assistant.adapters.store.connections import ThreadLocalDatabase
from retail_assistant.gui.queue_view import QueueColumn, QueueView
from retail_assistant.gui.workers import TaskRunner


@pytest.fixture
def queue(home):
    connections = ThreadLocalDatabase(home / "shop.sqlite")
    yield SqliteCloudQueue(connections)
    connections.close()


@pytest.fixture
def make_view(qtbot, queue, home):
    made: list[TaskRunner] = []

    def make_view() -> QueueView:
        # The view reads through its own connection on the worker thread, as in the window.
        worker_connections = ThreadLocalDatabase(home / "shop.sqlite")
        runner = TaskRunner("test-store-worker", close_connection=worker_connections.close)
        made.append(runner)
        worker_queue = SqliteCloudQueue(worker_connections)
        view = QueueView(lambda: worker_queue, runner)
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.show()
        qtbot.waitExposed(view)
        return view

    yield make_view
    for runner in made:
        assert runner.shut_down(5000)


def fill(queue: SqliteCloudQueue) -> dict[str, int]:
    ids = {
        "waiting": queue.enqueue("Write a label for the honey", language="en", reason="cloud_unreachable",
                                 provisional_answer="Local honey label"),
        "done": queue.enqueue("Write a post about olive oil", language="en", reason="cloud_unreachable",
                              provisional_answer="Local oil post"),
        "failed": queue.enqueue("Escribe un correo al proveedor", language="es", reason="cloud_unreachable",
                                provisional_answer=None),
    }
    queue.finish(ids["done"], "Cloud oil post")
    queue.fail(ids["failed"], "the cloud rejected the key", retry=False)
    return ids


def cell(view: QueueView, row: int, column: QueueColumn) -> str:
    return view.model.data(view.model.index(row, column))


def select_rows(view: QueueView, rows: list[int]) -> None:
    selection = view.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.model.index(row, 0), flags)


def test_tasks_listed_with_answers(qtbot, make_view, queue):
    fill(queue)
    view = make_view()

    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)

    assert [cell(view, row, QueueColumn.STATUS) for row in range(3)] == ["waiting", "done", "failed"]
    assert cell(view, 0, QueueColumn.QUESTION) == "Write a label for the honey"
    assert cell(view, 1, QueueColumn.PROVISIONAL) == "Local oil post"
    assert cell(view, 1, QueueColumn.ANSWER) == "Cloud oil post"
    assert len(cell(view, 0, QueueColumn.CREATED)) == len("2025-06-02 12:00")
    assert view.model.data(view.model.index(2, QueueColumn.STATUS), Qt.ItemDataRole.ToolTipRole) == (
        "the cloud rejected the key")
    assert view.summary.text() == "Waiting for the cloud: 1 of 3 tasks"


def test_detail_pane_shows_whole_task(qtbot, make_view, queue):
    fill(queue)
    view = make_view()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)

    select_rows(view, [1])

    detail = view.detail.toPlainText()
    assert "Write a post about olive oil" in detail
    assert "Local oil post" in detail
    assert "Cloud oil post" in detail


def test_remove_keeps_waiting_tasks(qtbot, make_view, queue):
    ids = fill(queue)
    view = make_view()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)

    select_rows(view, [0])
    assert not view.remove_button.isEnabled()
    select_rows(view, [0, 1, 2])
    assert view.remove_button.isEnabled()
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert [task.id for task in queue.tasks()] == [ids["waiting"]]


def test_run_now_needs_cloud_and_waiting_task(qtbot, make_view, queue):
    fill(queue)
    view = make_view()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)

    assert not view.run_button.isEnabled()
    view.set_cloud_ready(True)
    assert view.run_button.isEnabled()
    with qtbot.waitSignal(view.run_requested, timeout=2000):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)

    view.set_running(True)
    assert not view.run_button.isEnabled()
    assert view.summary.text().endswith("sending the waiting tasks to the cloud…")


def test_refresh_of_hidden_view_waits_for_show(qtbot, make_view, queue):
    view = make_view()
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    view.hide()
    fill(queue)

    view.refresh()
    assert view.model.rowCount() == 0

    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
