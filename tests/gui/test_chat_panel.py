"""The Assistant tab with a fake assistant: asking, queueing, stopping, errors, plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from retail_assistant.core.errors import InputError
from retail_assistant.gui.chat_panel import ChatPanel
from retail_assistant.gui.transcript import EntryState
from retail_assistant.gui.workers import AskQueue

from tests.gui.fakes import EndlessAsk, ScriptedAsk


@pytest.fixture
def make_panel(qtbot):
    panels: list[ChatPanel] = []

    def make_panel(ask) -> ChatPanel:
        panel = ChatPanel(AskQueue(ask), language=lambda: "en")
        qtbot.addWidget(panel)
        panel.resize(600, 400)
        panel.show()
        panels.append(panel)
        return panel

    yield make_panel
    for panel in panels:
        assert panel.shut_down()


def type_question(qtbot, panel: ChatPanel, question: str) -> int:
    qtbot.keyClicks(panel.question_box, question)
    qtbot.keyClick(panel.question_box, Qt.Key.Key_Return)
    return panel.transcript.entry_ids()[-1]


def test_enter_asks_and_clears_box(qtbot, make_panel):
    panel = make_panel(ScriptedAsk(["Hello", " there"]))

    entry = type_question(qtbot, panel, "Hi")
    qtbot.waitUntil(lambda: panel.transcript.entry_state(entry) is EntryState.FINISHED, timeout=5000)

    assert panel.question_box.text() == ""
    assert panel.transcript.entry_answer(entry) == "Hello there"
    assert panel.transcript.entry_badge(entry) == "local"
    assert panel.transcript.entry_label(entry).startswith("local general chat")


def test_ask_button_needs_text(qtbot, make_panel):
    panel = make_panel(ScriptedAsk())

    assert not panel.ask_button.isEnabled()
    qtbot.keyClicks(panel.question_box, "   ")
    assert not panel.ask_button.isEnabled()
    qtbot.keyClicks(panel.question_box, "Hi")
    assert panel.ask_button.isEnabled()


def test_blank_question_adds_nothing(qtbot, make_panel):
    panel = make_panel(ScriptedAsk())

    qtbot.keyClicks(panel.question_box, "   ")
    qtbot.keyClick(panel.question_box, Qt.Key.Key_Return)

    assert panel.transcript.entry_ids() == []


def test_second_question_shows_as_pending(qtbot, make_panel):
    panel = make_panel(EndlessAsk())

    first = type_question(qtbot, panel, "Tell me everything")
    second = type_question(qtbot, panel, "And then?")

    assert panel.transcript.entry_state(second) is EntryState.PENDING
    assert panel.transcript.entry_label(second) == "waiting for the answer above…"
    assert panel.stop_button.isEnabled()

    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.transcript.entry_state(first) is EntryState.STOPPED, timeout=5000)
    qtbot.waitUntil(lambda: panel.transcript.entry_state(second) is not EntryState.PENDING, timeout=5000)
    assert panel.transcript.entry_label(first).endswith("· stopped")

    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.transcript.entry_state(second) is EntryState.STOPPED, timeout=5000)
    qtbot.waitUntil(lambda: not panel.stop_button.isEnabled(), timeout=5000)

    text = panel.transcript.toPlainText()
    assert text.index("Tell me everything") < text.index("And then?")


def test_error_shown_in_transcript(qtbot, make_panel):
    error = InputError("the question has 5000 characters, more than 4000; shorten it")
    panel = make_panel(ScriptedAsk(errors={"too long": error}))

    entry = type_question(qtbot, panel, "too long")
    qtbot.waitUntil(lambda: panel.transcript.entry_state(entry) is EntryState.FAILED, timeout=5000)

    assert panel.transcript.entry_label(entry) == "Not answered: the question needs changing"
    assert panel.transcript.entry_answer(entry) == str(error)
    assert not panel.stop_button.isEnabled()


def test_markup_in_answers_stays_plain_text(qtbot, make_panel):
    panel = make_panel(ScriptedAsk(["<b>Ham</b> & ", "<img src=x>"]))

    entry = type_question(qtbot, panel, "<i>which</i> ham?")
    qtbot.waitUntil(lambda: panel.transcript.entry_state(entry) is EntryState.FINISHED, timeout=5000)

    assert panel.transcript.entry_answer(entry) == "<b>Ham</b> & <img src=x>"
    assert "<i>which</i> ham?" in panel.transcript.toPlainText()
    page = panel.transcript.toHtml()
    assert "&lt;b&gt;Ham&lt;/b&gt; &amp; &lt;img src=x&gt;" in page
    assert "<img" not in page
