"""The Assistant tab: a question box, Ask and Stop, and the transcript of answers."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from retail_assistant.core.assistant import MAX_QUESTION_CHARS, Answer, AnswerStarted
from retail_assistant.gui.transcript import Transcript
from retail_assistant.gui.workers import AskQueue

__all__ = ["ChatPanel"]

log = logging.getLogger(__name__)


class ChatPanel(QWidget):
    """Questions typed by staff, answered one at a time by an AskQueue."""

    def __init__(self, ask_queue: AskQueue, *, language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queue = ask_queue
        self._language = language
        self._next_entry_id = 1

        self.transcript = Transcript(self)
        self.question_box = QLineEdit(self)
        self.question_box.setMaxLength(MAX_QUESTION_CHARS)
        self.question_box.setClearButtonEnabled(True)
        self.ask_button = QPushButton(self)
        self.ask_button.setDefault(True)
        self.ask_button.setEnabled(False)
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)

        row = QHBoxLayout()
        row.addWidget(self.question_box, stretch=1)
        row.addWidget(self.ask_button)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.transcript, stretch=1)
        layout.addLayout(row)

        self.question_box.returnPressed.connect(self.ask)
        self.question_box.textChanged.connect(self._update_ask_button)
        self.ask_button.clicked.connect(self.ask)
        self.stop_button.clicked.connect(self.stop)

        self._queue.job_started.connect(self.transcript.mark_working)
        self._queue.answer_started.connect(self._on_answer_started)
        self._queue.text_arrived.connect(self.transcript.append_text)
        self._queue.answer_finished.connect(self._on_answer_finished)
        self._queue.answer_failed.connect(self._on_answer_failed)
        self._queue.busy_changed.connect(self.stop_button.setEnabled)

        self.retranslate()
        self.setFocusProxy(self.question_box)

    def retranslate(self) -> None:
        """Set every text of the panel in the current language."""
        self.question_box.setPlaceholderText(self.tr("Ask about your shop, e.g. How many jars of honey are left?"))
        self.ask_button.setText(self.tr("Ask"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the answer that is being written"))
        self.transcript.set_language(self._language())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def ask(self) -> None:
        """Queue the typed question and clear the box; an empty box does nothing."""
        question = self.question_box.text().strip()
        if not question:
            return

        entry_id = self._next_entry_id
        self._next_entry_id += 1
        self.transcript.add_question(entry_id, question, pending=self._queue.busy)
        self._queue.submit(entry_id, question)
        self.question_box.clear()

    @Slot()
    def stop(self) -> None:
        """Stop the running answer; questions queued behind it still run."""
        self._queue.stop()

    def shut_down(self) -> bool:
        """Cancel every answer and stop the worker thread; return whether it stopped in time."""
        return self._queue.shut_down()

    @Slot(str)
    def _update_ask_button(self, text: str) -> None:
        self.ask_button.setEnabled(bool(text.strip()))

    @Slot(int, object)
    def _on_answer_started(self, entry_id: int, event: AnswerStarted) -> None:
        self.transcript.start_answer(entry_id, event.route, event.reason)

    @Slot(int, object)
    def _on_answer_finished(self, entry_id: int, answer: Answer) -> None:
        self.transcript.finish(entry_id, answer)

    @Slot(int, object)
    def _on_answer_failed(self, entry_id: int, error: Exception) -> None:
        self.transcript.fail(entry_id, error)
