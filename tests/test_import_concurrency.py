"""An import of many rows and the chat running at the same time never hit "database is locked".

The chat thread sends stock questions through SqliteCatalog and the Assistant (data
answers, no model), and a second thread makes small edits, as the inventory view
does, while the main thread imports 20,000 products. WAL lets the readers go on
during the import's write transaction, and the edits wait for it within the busy
timeout because the import holds the write lock only while it writes.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from retail_assistant.adapters.importing import import_file
from retail_assistant.adapters.store import open_database
from retail_assistant.adapters.store.catalog import SqliteCatalog
from retail_assistant.core.assistant import Assistant
from tests.core.fakes import ScriptedGenerator

CORPUS = Path(__file__).parent / "data" / "import_corpus"
ROWS = 20_000


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    try:
        import_file(db, CORPUS / "base_products.csv")
    finally:
        db.conn.close()
    return path


def bulk_file(tmp_path: Path) -> Path:
    lines = ["SKU;Nombre;Familia;PVP;Existencias"]
    lines.extend(f"BULK-{n:05d};Producto {n};Familia {n % 40};{n % 900 + 1},{n % 100:02d} €;{n % 50}" for n in range(ROWS))
    path = tmp_path / "bulk.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Loop(threading.Thread):
    """Run `step` again and again until stopped, recording when each run started and ended, and any exception."""

    def __init__(self, name: str, step, cleanup) -> None:
        super().__init__(name=name, daemon=True)
        self._step = step
        self._cleanup = cleanup
        self.stop = threading.Event()
        self.spans: list[tuple[float, float]] = []
        self.errors: list[BaseException] = []

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                began = time.monotonic()
                self._step()
                self.spans.append((began, time.monotonic()))
        except BaseException as error:  # noqa: BLE001 - the test reports every failure
            self.errors.append(error)
        finally:
            # SQLite connections are closed on the thread that opened them.
            self._cleanup()


def test_chat_and_edits_during_import(shop: Path, tmp_path: Path) -> None:
    path = bulk_file(tmp_path)
    catalog = SqliteCatalog(shop)
    assistant = Assistant(catalog, ScriptedGenerator(), reword_data_answers=False)
    seen_counts: set[int] = set()

    def ask() -> None:
        answer = assistant.answer("How many Aceite de oliva 1 l are in stock?")
        assert answer.skus == ("BASE-1",) or list(answer.skus) == ["BASE-1"]
        seen_counts.add(catalog.database().execute("SELECT count(*) FROM products").fetchone()[0])
        catalog.version()

    editor = threading.local()

    def edit() -> None:
        # Each thread needs its own connection, as in the app.
        if not hasattr(editor, "db"):
            editor.db = open_database(shop)
        editor_db = editor.db
        editor_db.execute(
            "UPDATE products SET stock_milli = stock_milli + 1, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE sku = 'BASE-2'"
        )
        editor_db.conn.commit()
        time.sleep(0.01)

    def close_editor() -> None:
        if hasattr(editor, "db"):
            editor.db.conn.close()

    chat = Loop("chat", ask, catalog.close)
    edits = Loop("editor", edit, close_editor)
    chat.start()
    edits.start()
    try:
        deadline = time.monotonic() + 10
        while not chat.spans and not chat.errors and time.monotonic() < deadline:
            time.sleep(0.01)

        importer_db = open_database(shop)
        started = time.monotonic()
        try:
            report = import_file(importer_db, path)
        finally:
            importer_db.conn.close()
        finished = time.monotonic()
        time.sleep(0.1)
    finally:
        chat.stop.set()
        edits.stop.set()
        chat.join(timeout=10)
        edits.join(timeout=10)

    assert chat.errors == []
    assert edits.errors == []
    assert report.new == ROWS
    assert report.rejected == ()
    # A run overlaps the import when it began before the import finished and ended after it started.
    assert any(began < finished and ended > started for began, ended in chat.spans), "no question during the import"
    assert any(began < finished and ended > started for began, ended in edits.spans), "no edit during the import"
    # Each question saw either the shop before the import or after it, never half of it.
    assert seen_counts <= {3, 3 + ROWS}


def test_import_waits_for_another_writer(shop: Path, tmp_path: Path) -> None:
    # The timer commits from its own thread, so the connection may be used across threads.
    other = sqlite3.connect(shop, timeout=5, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE products SET stock_milli = 1 WHERE sku = 'BASE-3'")
    release = threading.Timer(0.5, other.commit)
    release.start()

    db = open_database(shop)
    try:
        report = import_file(db, CORPUS / "policy_changes.csv")
    finally:
        db.conn.close()
        release.join()
        other.close()

    assert report.new == 1
    assert report.updated == 1
