"""Route badges, marks and the Retry link in the transcript, and the route choice next to Ask."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from retail_assistant.core.routing import Reason, Route
from retail_assistant.gui.chat_panel import ChatPanel
from retail_assistant.gui.transcript import EntryState, Transcript
from retail_assistant.gui.workers import AskQueue

from tests.gui.cloud_fakes import RoutedAsk, answer
from tests.gui.fakes import ScriptedAsk

WRITING = "Write a shelf label for our Manchego"


@pytest.fixture
def make_panel(qtbot):
    panels: list[ChatPanel] = []

    def make_panel(ask, language: str = "en") -> ChatPanel:
        panel = ChatPanel(AskQueue(ask), language=lambda: language)
        qtbot.addWidget(panel)
        panel.resize(700, 400)
        panel.show()
        panels.append(panel)
        return panel

    yield make_panel
    for panel in panels:
        assert panel.shut_down()


def ask_and_wait(qtbot, panel: ChatPanel, question: str) -> int:
    qtbot.keyClicks(panel.question_box, question)
    qtbot.keyClick(panel.question_box, Qt.Key.Key_Return)
    entry = panel.transcript.entry_ids()[-1]
    qtbot.waitUntil(lambda: panel.transcript.entry_state(entry) is EntryState.FINISHED, timeout=5000)
    return entry


def badge_background(transcript: Transcript, entry: int) -> str:
    """Return the background colour of the first character of the entry's label."""
    cursor = QTextCursor(transcript._entries[entry].frame.firstCursorPosition())
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
    return cursor.charFormat().background().color().name()


def link_point(transcript: Transcript, entry: int, href_prefix: str) -> QPoint:
    """Return a point in the viewport inside the entry's link whose target starts with `href_prefix`."""
    block = transcript._entries[entry].frame.firstCursorPosition().block().next()
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.charFormat().anchorHref().startswith(href_prefix):
            cursor = QTextCursor(transcript.document())
            cursor.setPosition(fragment.position() + 1)
            return transcript.cursorRect(cursor).center()
        iterator += 1
    raise AssertionError(f"no link {href_prefix!r} in the label of entry {entry}")


def test_badges_name_each_route(qtbot, make_panel):
    ask = RoutedAsk({
        "local one": answer("local one", "Here.", Route.LOCAL, Reason.GENERAL_CHAT),
        "cloud one": answer("cloud one", "There.", Route.CLOUD, Reason.LONG_WRITING),
        "cached one": answer("cached one", "Saved.", Route.CACHE, Reason.CACHED, cached_route="cloud"),
    })
    panel = make_panel(ask)
    transcript = panel.transcript

    local = ask_and_wait(qtbot, panel, "local one")
    cloud = ask_and_wait(qtbot, panel, "cloud one")
    cached = ask_and_wait(qtbot, panel, "cached one")

    assert transcript.entry_badge(local) == "local"
    assert transcript.entry_badge(cloud) == "cloud"
    assert transcript.entry_badge(cached) == "cache"
    assert transcript.entry_label(cloud) == "cloud long writing task: sent to the stronger cloud model"
    assert transcript.entry_label(cached).endswith("· saved answer from the cloud")
    backgrounds = {badge_background(transcript, entry) for entry in (local, cloud, cached)}
    assert len(backgrounds) == 3


def test_provisional_answer_says_queued(qtbot, make_panel):
    ask = RoutedAsk({WRITING: answer(WRITING, "Manchego, 12 months.", Route.LOCAL, Reason.CLOUD_UNREACHABLE,
                                     provisional=True, queued_task=4)})
    panel = make_panel(ask)

    entry = ask_and_wait(qtbot, panel, WRITING)

    label = panel.transcript.entry_label(entry)
    assert panel.transcript.entry_badge(entry) == "local"
    assert label.startswith("local offline: the cloud is unreachable")
    assert label.endswith("· provisional — queued for the cloud")


def test_interrupted_answer_offers_retry(qtbot, make_panel):
    ask = RoutedAsk({WRITING: answer(WRITING, "Manchego, aged twel", Route.CLOUD, Reason.CLOUD_FAILED,
                                     interrupted=True, error="the reply stopped")})
    panel = make_panel(ask)
    panel.choose_route(Route.CLOUD)
    entry = ask_and_wait(qtbot, panel, WRITING)
    transcript = panel.transcript

    label = transcript.entry_label(entry)
    assert label.startswith("cloud interrupted: the cloud stopped sending this answer")
    assert label.endswith("· Retry")
    assert transcript.entry_answer(entry) == "Manchego, aged twel"

    with qtbot.waitSignal(transcript.retry_requested, timeout=2000) as clicked:
        qtbot.mouseClick(transcript.viewport(), Qt.MouseButton.LeftButton, pos=link_point(transcript, entry, "retry:"))
    assert clicked.args == [entry]

    retried = transcript.entry_ids()[-1]
    qtbot.waitUntil(lambda: transcript.entry_state(retried) is EntryState.FINISHED, timeout=5000)
    assert retried != entry
    assert ask.questions == [WRITING, WRITING]
    assert ask.routes == [Route.CLOUD, Route.CLOUD]


def test_route_choice_lasts_one_question(qtbot, make_panel):
    ask = ScriptedAsk(["ok"])
    panel = make_panel(ask)

    assert panel.forced_route is None
    panel.route_box.setCurrentIndex(panel.route_box.findText("Cloud"))
    ask_and_wait(qtbot, panel, "Write a post")
    assert panel.forced_route is None
    panel.route_box.setCurrentIndex(panel.route_box.findText("This computer"))
    ask_and_wait(qtbot, panel, "Write another post")
    ask_and_wait(qtbot, panel, "And a third")

    assert ask.routes == [Route.CLOUD, Route.LOCAL, None]


def test_cloud_choice_disabled_without_cloud(qtbot, make_panel):
    panel = make_panel(ScriptedAsk())
    panel.choose_route(Route.CLOUD)

    panel.set_cloud_available(False)

    cloud_item = panel.route_box.model().item(2)
    assert panel.forced_route is None
    assert not cloud_item.isEnabled()
    assert "Settings → Cloud…" in cloud_item.toolTip()
    panel.set_cloud_available(True)
    assert cloud_item.isEnabled()


def test_spanish_badges_and_marks(qtbot, make_panel, translations):
    translations.apply("es")
    ask = RoutedAsk({WRITING: answer(WRITING, "Manchego.", Route.LOCAL, Reason.CLOUD_UNREACHABLE,
                                     provisional=True, queued_task=1)})
    panel = make_panel(ask, language="es")

    entry = ask_and_wait(qtbot, panel, WRITING)

    assert panel.transcript.entry_badge(entry) == "local"
    assert panel.transcript.entry_label(entry).startswith("local sin conexión: la nube no responde")
    assert panel.transcript.entry_label(entry).endswith("· provisional — en cola para la nube")
    assert panel.route_box.itemText(1) == "Este ordenador"
