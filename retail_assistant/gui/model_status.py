"""The status bar's line about the local model: loading, ready, or failed and why.

LocalModelWorker calls its listeners on the model's own thread, where no widget may
be touched, so the listener here only emits a signal; Qt queues it to the GUI
thread, which then updates the label.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from retail_assistant.adapters.llm import LocalModelWorker, ModelState

__all__ = ["ModelStatusLabel"]

log = logging.getLogger(__name__)

_FAILED_STYLE = "color: #b42318;"


class _StateBridge(QObject):
    """Carries model state changes from the model thread to the GUI thread."""

    changed = Signal(str, str)

    def forward(self, state: ModelState, message: str | None) -> None:
        # Runs on the model thread. The window may already be gone when the model
        # closes, and a deleted bridge raises RuntimeError: nothing is left to update.
        try:
            self.changed.emit(state.value, message or "")
        except RuntimeError:
            log.debug("model state %s arrived after the window closed", state.value)


class ModelStatusLabel(QLabel):
    """A status bar label showing the local model's state, shortened with "…" to fit.

    The full text stays in `text()` and in the tooltip.
    """

    def __init__(self, worker: LocalModelWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model_name = worker.path.name
        self._message = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._bridge = _StateBridge(self)
        self._bridge.changed.connect(self._on_changed, Qt.ConnectionType.QueuedConnection)
        worker.add_listener(self._bridge.forward)
        # Read the state after subscribing, so a change in between is not lost.
        self._state = worker.state
        if worker.error is not None:
            self._message = str(worker.error)
        self.retranslate()

    @property
    def state(self) -> ModelState:
        """The last model state shown."""
        return self._state

    def retranslate(self) -> None:
        """Show the current state in the current language."""
        text = self._state_text()
        self.setText(text)
        self.setToolTip(text)
        self.setStyleSheet(_FAILED_STYLE if self._state is ModelState.FAILED else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect()
        elided = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)

    @Slot(str, str)
    def _on_changed(self, state: str, message: str) -> None:
        self._state = ModelState(state)
        self._message = message
        self.retranslate()

    def _state_text(self) -> str:
        name = self._model_name
        if self._state is ModelState.LOADING:
            return self.tr("Local model: loading {name}…").format(name=name)
        if self._state is ModelState.READY:
            return self.tr("Local model: ready ({name})").format(name=name)
        if self._state is ModelState.FAILED:
            return self.tr("Local model not available: {reason}. Stock and price questions still work.").format(
                reason=self._message
            )
        if self._state is ModelState.CLOSED:
            return self.tr("Local model: closed")
        return self.tr("Local model: not started")
