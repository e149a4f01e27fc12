"""The status bar's line about the cloud: online, offline and why, not set up, or local only.

A probe of the endpoint can take up to the probe timeout, so `CloudMonitor` runs it on a
TaskRunner's worker thread every `CHECK_INTERVAL_MS` and on request, never on the GUI
thread. After each answer the window only reads what the gateway last observed, which
costs no network call. When the line comes back, `came_online` fires so the window can
send the queued writing tasks.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from retail_assistant.gui.workers import TaskRunner

__all__ = ["CHECK_INTERVAL_MS", "CloudLine", "CloudMonitor", "CloudStatus", "OnlineStatusLabel", "check_cloud",
           "observe_cloud"]

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 30_000
"""How often the endpoint is probed: as often as the gateway trusts an observed state."""

_LOCAL_ONLY = "local_only"
_MAX_WIDTH = 420


class CloudLine(enum.Enum):
    """The state of the cloud line as the window shows it."""

    CHECKING = "checking"
    ONLINE = "online"
    OFFLINE = "offline"
    NOT_SET_UP = "not_set_up"
    LOCAL_ONLY = "local_only"


_COLORS = {
    CloudLine.ONLINE: QColor("#1a7f37"),
    CloudLine.OFFLINE: QColor("#b42318"),
}


@dataclass(frozen=True)
class CloudStatus:
    """The cloud line as the status bar shows it; `reason` is the gateway's own sentence, in English."""

    line: CloudLine
    reason: str = ""
    endpoint: str = ""


class _Observation(Protocol):
    @property
    def last(self) -> bool | None: ...

    reason: str


class ProbedGateway(Protocol):
    """The part of CloudGatewayService the monitor uses."""

    online: _Observation

    @property
    def configured(self) -> bool: ...

    @property
    def endpoint(self) -> str: ...

    def check(self) -> bool: ...


def check_cloud(cloud: ProbedGateway | None, policy: str) -> CloudStatus:
    """Probe the endpoint and return the status; blocks up to the probe timeout, so run it on a worker."""
    status = _without_network(cloud, policy)
    if status is not None:
        return status
    assert cloud is not None
    reachable = cloud.check()
    return _status(reachable, cloud)


def observe_cloud(cloud: ProbedGateway | None, policy: str) -> CloudStatus | None:
    """Return the status from what the gateway last observed, without any network call; None when nothing is known."""
    status = _without_network(cloud, policy)
    if status is not None:
        return status
    assert cloud is not None
    reachable = cloud.online.last
    if reachable is None:
        return None
    return _status(reachable, cloud)


def _without_network(cloud: ProbedGateway | None, policy: str) -> CloudStatus | None:
    if cloud is None:
        return CloudStatus(CloudLine.NOT_SET_UP)
    if not cloud.configured:
        return CloudStatus(CloudLine.NOT_SET_UP, endpoint=cloud.endpoint)
    # A local-only shop sends nothing out, not even a probe.
    if policy == _LOCAL_ONLY:
        return CloudStatus(CloudLine.LOCAL_ONLY, endpoint=cloud.endpoint)
    return None


def _status(reachable: bool, cloud: ProbedGateway) -> CloudStatus:
    line = CloudLine.ONLINE if reachable else CloudLine.OFFLINE
    return CloudStatus(line, cloud.online.reason, cloud.endpoint)


class CloudMonitor(QObject):
    """Probes the cloud on a worker thread every `interval_ms` and on request, and reports changes.

    `cloud` and `policy` are read at each check, so a gateway rebuilt by the settings
    dialog is picked up. A result that arrives after the gateway was replaced is dropped.
    """

    status_changed = Signal(object)
    """The new CloudStatus."""

    came_online = Signal()
    """The line is up after being down or unknown: time to send the queued tasks."""

    def __init__(
        self,
        runner: TaskRunner,
        *,
        cloud: Callable[[], ProbedGateway | None],
        policy: Callable[[], str],
        interval_ms: int = CHECK_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._cloud = cloud
        self._policy = policy
        self._checking = False
        self._check_again = False
        self._stopped = False
        self.status = CloudStatus(CloudLine.CHECKING)

        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)

    def start(self) -> None:
        """Check now, then every interval."""
        if self._stopped:
            return
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        """Stop the checks for good, as the window closes; a probe still running is ignored."""
        self._stopped = True
        self._timer.stop()

    def restart(self) -> None:
        """Forget the status and check again, as after the gateway was replaced."""
        self._apply(CloudStatus(CloudLine.CHECKING))
        if not self.check_now():
            # A probe of the old gateway is running; its result is dropped and a new check follows it.
            self._check_again = True

    @property
    def checking(self) -> bool:
        """Whether a probe is running on the worker thread."""
        return self._checking

    def check_now(self) -> bool:
        """Start a probe on the worker thread; return False when one is already running or the monitor is stopped."""
        if self._checking or self._stopped:
            return False
        cloud = self._cloud()
        policy = self._policy()
        quick = _without_network(cloud, policy)
        if quick is not None:
            self._apply(quick)
            return True

        self._checking = True
        self._runner.submit(
            lambda: check_cloud(cloud, policy),
            on_done=lambda status: self._on_checked(cloud, status),
            on_error=lambda error: self._on_check_failed(cloud, error),
        )
        return True

    def observe(self) -> None:
        """Update the status from the gateway's last observation (no network call), as after an answer."""
        status = observe_cloud(self._cloud(), self._policy())
        if status is not None:
            self._apply(status)

    def _on_checked(self, cloud: ProbedGateway | None, status: CloudStatus) -> None:
        self._checking = False
        if cloud is self._cloud():
            self._apply(status)
        self._follow_up()

    def _on_check_failed(self, cloud: ProbedGateway | None, error: Exception) -> None:
        self._checking = False
        log.error("the cloud check failed: %s", error)
        if cloud is self._cloud() and cloud is not None:
            self._apply(CloudStatus(CloudLine.OFFLINE, str(error), cloud.endpoint))
        self._follow_up()

    def _follow_up(self) -> None:
        if self._check_again:
            self._check_again = False
            self.check_now()

    def _apply(self, status: CloudStatus) -> None:
        previous = self.status
        self.status = status
        if status != previous:
            self.status_changed.emit(status)
        if status.line is CloudLine.ONLINE and previous.line is not CloudLine.ONLINE:
            self.came_online.emit()


class OnlineStatusLabel(QLabel):
    """A status bar label for the CloudStatus, shortened with "…" to fit; the tooltip has the whole reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = CloudStatus(CloudLine.CHECKING)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMaximumWidth(_MAX_WIDTH)
        self.retranslate()

    @property
    def status(self) -> CloudStatus:
        """The status shown."""
        return self._status

    def show_status(self, status: CloudStatus) -> None:
        """Show `status`."""
        self._status = status
        self.retranslate()

    def retranslate(self) -> None:
        """Show the current status in the current language."""
        status = self._status
        self.setText(self._text(status))
        self.setToolTip(self._tooltip(status))
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(_COLORS.get(self._status.line, self.palette().color(QPalette.ColorRole.WindowText)))
        area = self.contentsRect()
        elided = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)

    def _text(self, status: CloudStatus) -> str:
        line = status.line
        if line is CloudLine.ONLINE:
            return self.tr("Cloud: online")
        if line is CloudLine.OFFLINE:
            return self.tr("Cloud: offline ({reason})").format(reason=status.reason)
        if line is CloudLine.NOT_SET_UP:
            return self.tr("Cloud: not set up")
        if line is CloudLine.LOCAL_ONLY:
            return self.tr("Cloud: local only")
        return self.tr("Cloud: checking…")

    def _tooltip(self, status: CloudStatus) -> str:
        line = status.line
        if line is CloudLine.ONLINE:
            return self.tr("The cloud service at {endpoint} answers; long writing tasks may go there.").format(
                endpoint=status.endpoint)
        if line is CloudLine.OFFLINE:
            return self.tr("The cloud service at {endpoint} cannot be used: {reason}. Writing tasks are answered on "
                           "this computer and queued for the cloud.").format(endpoint=status.endpoint,
                                                                              reason=status.reason)
        if line is CloudLine.NOT_SET_UP:
            if status.endpoint:
                return self.tr("The cloud service at {endpoint} needs a model name and, for most providers, an API "
                               "key: open Settings → Cloud…").format(endpoint=status.endpoint)
            return self.tr("No cloud service is set up; every answer is made on this computer. Set one up in "
                           "Settings → Cloud…")
        if line is CloudLine.LOCAL_ONLY:
            return self.tr("The shop's policy is local only: every answer is made on this computer and nothing is "
                           "sent out.")
        return self.tr("Checking whether the cloud service answers…")
