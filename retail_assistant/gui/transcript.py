"""The transcript: each question with its route label and its answer, in the order asked.

Each entry is one QTextFrame in the document, holding three parts: the question
block, the label block (the state, or a coloured route badge, the reason and marks
such as "provisional" once known) and the answer blocks. Keeping one frame per
entry lets a queued question appear below the running one while the running
answer still grows inside its own frame. Every text
goes in through `QTextCursor.insertText`, which never interprets markup, so a
product name such as "<b>Ham</b>" shows as typed. The one link, "Retry" on an
interrupted cloud answer, is a character format with an anchor, not markup.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFrame, QTextFrameFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from retail_assistant.core.assistant import Answer
from retail_assistant.core.routing import Reason, Route
from retail_assistant.gui.errors import describe_error

__all__ = ["EntryState", "Transcript"]

_LABEL_COLOR = QColor("#57606a")
_LINK_COLOR = QColor("#0969da")
_BADGE_TEXT_COLOR = QColor("#ffffff")
_BADGE_COLORS = {
    Route.LOCAL: QColor("#1a7f37"),
    Route.CLOUD: QColor("#0969da"),
    Route.CACHE: QColor("#8250df"),
}
# No-break spaces inside the badge's background give it some padding on both sides.
_BADGE_PADDING = "\u00a0"
_RETRY_SCHEME = "retry"
_ERROR_COLOR = QColor("#b42318")
_QUESTION_COLOR = QColor("#1f2328")
_FRAME_BORDER = QColor("#d0d7de")
_FRAME_BACKGROUND = QColor("#ffffff")


class EntryState(enum.Enum):
    """The progress of one question: waiting, running, done, stopped or failed."""

    PENDING = "pending"
    WORKING = "working"
    ANSWERING = "answering"
    FINISHED = "finished"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass
class _Entry:
    entry_id: int
    frame: QTextFrame
    question: str
    state: EntryState
    route: Route | None = None
    reason: Reason | None = None
    error: BaseException | None = None
    details: dict[str, object] = field(default_factory=dict)


class Transcript(QTextBrowser):
    """A read-only view of the questions and answers of this session.

    `retry_requested` carries the id of an entry whose "Retry" link was clicked.
    """

    retry_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self._entries: dict[int, _Entry] = {}
        self._language = "en"
        self.document().setDocumentMargin(10)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.retranslate()

    def set_language(self, language: str) -> None:
        """Show labels and reasons in `language` ("en" or "es"), including those already shown."""
        self._language = language
        self.retranslate()

    def retranslate(self) -> None:
        """Rewrite the placeholder and every entry's label in the current language."""
        self.setPlaceholderText(self.tr(
            "Answers appear here. Ask about stock or prices, for example: How many jars of honey are left?"
        ))
        for entry in self._entries.values():
            self._write_label(entry)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- entries ---------------------------------------------------------------------------

    def add_question(self, entry_id: int, question: str, *, pending: bool) -> None:
        """Add an entry for `question` at the end, waiting behind another answer when `pending`."""
        follow = self._at_bottom()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        frame = cursor.insertFrame(self._frame_format())

        cursor.setBlockFormat(QTextBlockFormat())
        cursor.insertText(question, self._question_format())
        cursor.insertBlock(self._label_block_format(), self._label_format())
        cursor.insertBlock(QTextBlockFormat(), self._answer_format())

        entry = _Entry(entry_id, frame, question, EntryState.PENDING if pending else EntryState.WORKING)
        self._entries[entry_id] = entry
        self._write_label(entry)
        self._follow(follow)

    def mark_working(self, entry_id: int) -> None:
        """Show that the entry's question left the queue and is being answered."""
        entry = self._entries[entry_id]
        entry.state = EntryState.WORKING
        self._write_label(entry)

    def start_answer(self, entry_id: int, route: Route, reason: Reason) -> None:
        """Show where the answer runs and why."""
        entry = self._entries[entry_id]
        entry.state = EntryState.ANSWERING
        entry.route = route
        entry.reason = reason
        self._write_label(entry)

    def append_text(self, entry_id: int, text: str) -> None:
        """Add streamed text at the end of the entry's answer."""
        follow = self._at_bottom()
        cursor = self._entries[entry_id].frame.lastCursorPosition()
        cursor.insertText(text, self._answer_format())
        self._follow(follow)

    def finish(self, entry_id: int, answer: Answer) -> None:
        """Replace the streamed text by the finished answer and mark it done or stopped.

        The answer's details add marks to the label: provisional, cached, interrupted (with a
        "Retry" link) and the cloud budget warning.
        """
        entry = self._entries[entry_id]
        entry.state = EntryState.STOPPED if answer.stopped else EntryState.FINISHED
        entry.route = answer.route
        entry.reason = answer.reason
        entry.details = dict(answer.details)
        self._write_label(entry)
        self._write_answer(entry, answer.text, self._answer_format())

    def fail(self, entry_id: int, error: BaseException) -> None:
        """Show that the entry's question was not answered, and why."""
        entry = self._entries[entry_id]
        entry.state = EntryState.FAILED
        entry.error = error
        self._write_label(entry)
        self._write_answer(entry, describe_error(error).detail, self._answer_format(error=True))

    # -- reading back, for tests and copying -----------------------------------------------

    def entry_ids(self) -> list[int]:
        """Return the ids of the entries, oldest first."""
        return list(self._entries)

    def entry_state(self, entry_id: int) -> EntryState:
        """Return the state of one entry."""
        return self._entries[entry_id].state

    def entry_label(self, entry_id: int) -> str:
        """Return the label line of one entry as shown, with runs of spaces (and the badge's padding) as one space."""
        return " ".join(self._label_cursor(self._entries[entry_id]).selectedText().split())

    def entry_badge(self, entry_id: int) -> str:
        """Return the route badge of one entry as shown ("local", "cloud", "cache"), or "" before the route is known."""
        entry = self._entries[entry_id]
        if entry.route is None or entry.state in (EntryState.PENDING, EntryState.WORKING, EntryState.FAILED):
            return ""
        return self._route_name(entry.route)

    def entry_question(self, entry_id: int) -> str:
        """Return the question of one entry."""
        return self._entries[entry_id].question

    def entry_answer(self, entry_id: int) -> str:
        """Return the answer part of one entry as shown, lines joined with newlines."""
        return self._answer_cursor(self._entries[entry_id]).selection().toPlainText()

    # -- writing ---------------------------------------------------------------------------

    def _write_label(self, entry: _Entry) -> None:
        cursor = self._label_cursor(entry)
        # The first run replaces the old label; each further run goes after it.
        for text, char_format in self._label_runs(entry):
            cursor.insertText(text, char_format)

    def _write_answer(self, entry: _Entry, text: str, char_format: QTextCharFormat) -> None:
        follow = self._at_bottom()
        cursor = self._answer_cursor(entry)
        cursor.insertText(text, char_format)
        self._follow(follow)

    def _label_runs(self, entry: _Entry) -> list[tuple[str, QTextCharFormat]]:
        plain = self._label_format()
        if entry.state is EntryState.PENDING:
            return [(self.tr("waiting for the answer above…"), plain)]
        if entry.state is EntryState.WORKING:
            return [(self.tr("working…"), plain)]
        if entry.state is EntryState.FAILED:
            assert entry.error is not None
            return [(describe_error(entry.error).summary, self._label_format(error=True))]

        assert entry.route is not None and entry.reason is not None
        badge = f"{_BADGE_PADDING}{self._route_name(entry.route)}{_BADGE_PADDING}"
        runs = [(badge, self._badge_format(entry.route)), (" ", plain)]
        if entry.details.get("interrupted"):
            # The router's reason for this case speaks of a local answer; the text shown is the cloud's, cut short.
            runs.append((self.tr("interrupted: the cloud stopped sending this answer, so it is incomplete"), plain))
        else:
            runs.append((entry.reason.text(self._language), plain))
        runs.extend((f" · {mark}", plain) for mark in self._marks(entry))
        if entry.details.get("interrupted"):
            runs.append((" · ", plain))
            runs.append((self.tr("Retry"), self._link_format(f"{_RETRY_SCHEME}:{entry.entry_id}")))
        return runs

    def _marks(self, entry: _Entry) -> list[str]:
        details = entry.details
        marks = []
        if details.get("provisional"):
            if details.get("queued_task") is not None:
                marks.append(self.tr("provisional — queued for the cloud"))
            else:
                marks.append(self.tr("provisional"))
        if entry.route is Route.CACHE:
            cached_route = details.get("cached_route")
            if cached_route == Route.CLOUD.value:
                marks.append(self.tr("saved answer from the cloud"))
            elif cached_route == Route.LOCAL.value:
                marks.append(self.tr("saved answer from this computer"))
        if details.get("budget_warning"):
            marks.append(self.tr("this month's cloud spending passed the warning level"))
        if entry.state is EntryState.STOPPED:
            marks.append(self.tr("stopped"))
        return marks

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != _RETRY_SCHEME:
            return
        try:
            entry_id = int(url.path())
        except ValueError:
            return
        if entry_id in self._entries:
            self.retry_requested.emit(entry_id)

    def _route_name(self, route: Route) -> str:
        if route is Route.CACHE:
            return self.tr("cache")
        if route is Route.CLOUD:
            return self.tr("cloud")
        return self.tr("local")

    def _label_cursor(self, entry: _Entry) -> QTextCursor:
        # The label is the frame's second block; select all of its text.
        cursor = entry.frame.firstCursorPosition()
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _answer_cursor(self, entry: _Entry) -> QTextCursor:
        # The answer runs from the third block to the end of the frame.
        cursor = entry.frame.firstCursorPosition()
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.MoveAnchor, 2)
        cursor.setPosition(entry.frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _follow(self, was_at_bottom: bool) -> None:
        # Keep the newest text in view, unless the user scrolled up to read older answers.
        if was_at_bottom:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    # -- formats ---------------------------------------------------------------------------

    def _frame_format(self) -> QTextFrameFormat:
        frame_format = QTextFrameFormat()
        frame_format.setBorder(1)
        frame_format.setBorderBrush(_FRAME_BORDER)
        frame_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame_format.setPadding(8)
        frame_format.setBottomMargin(6)
        frame_format.setBackground(_FRAME_BACKGROUND)
        return frame_format

    def _question_format(self) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setFontWeight(QFont.Weight.Bold)
        char_format.setForeground(_QUESTION_COLOR)
        return char_format

    def _label_block_format(self) -> QTextBlockFormat:
        block_format = QTextBlockFormat()
        block_format.setTopMargin(2)
        block_format.setBottomMargin(4)
        return block_format

    def _label_format(self, *, error: bool = False) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setForeground(_ERROR_COLOR if error else _LABEL_COLOR)
        char_format.setFontPointSize(max(self.font().pointSizeF() * 0.9, 7.0))
        char_format.setFontItalic(not error)
        char_format.setFontWeight(QFont.Weight.Bold if error else QFont.Weight.Normal)
        return char_format

    def _badge_format(self, route: Route) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setForeground(_BADGE_TEXT_COLOR)
        char_format.setBackground(_BADGE_COLORS[route])
        char_format.setFontWeight(QFont.Weight.Bold)
        char_format.setFontPointSize(max(self.font().pointSizeF() * 0.8, 7.0))
        return char_format

    def _link_format(self, href: str) -> QTextCharFormat:
        char_format = self._label_format()
        char_format.setFontItalic(False)
        char_format.setFontWeight(QFont.Weight.Bold)
        char_format.setForeground(_LINK_COLOR)
        char_format.setFontUnderline(True)
        char_format.setAnchor(True)
        char_format.setAnchorHref(href)
        return char_format

    def _answer_format(self, *, error: bool = False) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setForeground(_ERROR_COLOR if error else _QUESTION_COLOR)
        return char_format
