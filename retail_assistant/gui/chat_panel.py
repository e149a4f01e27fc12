"""The Assistant tab: a question box, a route choice, Ask and Stop, and the transcript of answers.

The route choice ("Auto", "This computer", "Cloud") applies to the next question only and
goes back to "Auto" once it is asked, so one forced question never sends the following
ones to the cloud.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from retail_assistant.core.assistant import MAX_QUESTION_CHARS, Answer, AnswerStarted
from retail_assistant.core.routing import Route
from retail_assistant.gui.transcript import Transcript
from retail_assistant.gui.workers import AskQueue

__all__ = ["ChatPanel"]

log = logging.getLogger(__name__)

_TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole

# The route box's items, in order: the forced route of each (None for the automatic choice).
_ROUTE_CHOICES: tuple[Route | None, ...] = (None, Route.LOCAL, Route.CLOUD)
_CLOUD_INDEX = _ROUTE_CHOICES.index(Route.CLOUD)


class ChatPanel(QWidget):
    """Questions typed by staff, answered one at a time by an AskQueue.

    `answer_finished` carries each finished Answer, after the transcript shows it.
    """

    answer_finished = Signal(object)

    def __init__(self, ask_queue: AskQueue, *, language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queue = ask_queue
        self._language = language
        self._next_entry_id = 1
        self._forced_routes: dict[int, Route | None] = {}
        self._cloud_available = True

        self.transcript = Transcript(self)
        self.question_box = QLineEdit(self)
        self.question_box.setMaxLength(MAX_QUESTION_CHARS)
        self.question_box.setClearButtonEnabled(True)
        self.route_box = QComboBox(self)
        self.route_box.addItems(["", "", ""])
        self.ask_button = QPushButton(self)
        self.ask_button.setDefault(True)
        self.ask_button.setEnabled(False)
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)

        row = QHBoxLayout()
        row.addWidget(self.question_box, stretch=1)
        row.addWidget(self.route_box)
        row.addWidget(self.ask_button)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.transcript, stretch=1)
        layout.addLayout(row)

        self.question_box.returnPressed.connect(self.ask)
        self.question_box.textChanged.connect(self._update_ask_button)
        self.ask_button.clicked.connect(self.ask)
        self.stop_button.clicked.connect(self.stop)
        self.transcript.retry_requested.connect(self.retry)

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
        self._retranslate_route_box()
        self.transcript.set_language(self._language())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def forced_route(self) -> Route | None:
        """The route chosen for the next question, or None for the automatic choice."""
        return _ROUTE_CHOICES[max(self.route_box.currentIndex(), 0)]

    def choose_route(self, route: Route | None) -> None:
        """Select `route` (None for "Auto") for the next question."""
        self.route_box.setCurrentIndex(_ROUTE_CHOICES.index(route))

    def set_cloud_available(self, available: bool) -> None:
        """Enable or disable the "Cloud" choice; disabling it while chosen goes back to "Auto"."""
        self._cloud_available = available
        model = self.route_box.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(_CLOUD_INDEX)
            if item is not None:
                item.setEnabled(available)
        if not available and self.forced_route is Route.CLOUD:
            self.choose_route(None)
        self._retranslate_route_box()

    @Slot()
    def ask(self) -> None:
        """Queue the typed question with the chosen route and clear the box; an empty box does nothing."""
        question = self.question_box.text().strip()
        if not question:
            return

        self._submit(question, self.forced_route)
        self.question_box.clear()
        self.choose_route(None)

    @Slot(int)
    def retry(self, entry_id: int) -> None:
        """Ask the question of entry `entry_id` again, with the route chosen for it then."""
        self._submit(self.transcript.entry_question(entry_id), self._forced_routes.get(entry_id))

    @Slot()
    def stop(self) -> None:
        """Stop the running answer; questions queued behind it still run."""
        self._queue.stop()

    def shut_down(self) -> bool:
        """Cancel every answer and stop the worker thread; return whether it stopped in time."""
        return self._queue.shut_down()

    def _submit(self, question: str, route: Route | None) -> None:
        entry_id = self._next_entry_id
        self._next_entry_id += 1
        self._forced_routes[entry_id] = route
        self.transcript.add_question(entry_id, question, pending=self._queue.busy)
        self._queue.submit(entry_id, question, route=route)

    def _retranslate_route_box(self) -> None:
        self.route_box.setItemText(0, self.tr("Auto"))
        self.route_box.setItemText(1, self.tr("This computer"))
        self.route_box.setItemText(2, self.tr("Cloud"))
        self.route_box.setItemData(0, self.tr("The assistant chooses: data questions here, long writing in the cloud "
                                              "when the shop allows it and the line is up"), _TOOLTIP_ROLE)
        self.route_box.setItemData(1, self.tr("Answer the next question on this computer only"), _TOOLTIP_ROLE)
        if self._cloud_available:
            cloud_tip = self.tr("Send the next question to the cloud (questions about stock and prices stay here)")
        else:
            cloud_tip = self.tr("No cloud service can be used: set one up in Settings → Cloud…, "
                                "and check that the shop's policy is not local only")
        self.route_box.setItemData(2, cloud_tip, _TOOLTIP_ROLE)
        self.route_box.setToolTip(self.tr("Where the next question is answered"))

    @Slot(str)
    def _update_ask_button(self, text: str) -> None:
        self.ask_button.setEnabled(bool(text.strip()))

    @Slot(int, object)
    def _on_answer_started(self, entry_id: int, event: AnswerStarted) -> None:
        self.transcript.start_answer(entry_id, event.route, event.reason)

    @Slot(int, object)
    def _on_answer_finished(self, entry_id: int, answer: Answer) -> None:
        self.transcript.finish(entry_id, answer)
        self.answer_finished.emit(answer)

    @Slot(int, object)
    def _on_answer_failed(self, entry_id: int, error: Exception) -> None:
        self.transcript.fail(entry_id, error)
