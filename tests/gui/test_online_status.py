"""The cloud indicator: probes on a worker thread, periodic and on request, and the line coming back."""

from __future__ import annotations

import threading

import pytest

from retail_assistant.gui.online_status import CloudLine, CloudMonitor, OnlineStatusLabel
from retail_assistant.gui.workers import TaskRunner

from tests.gui.cloud_fakes import FakeProbedCloud, TickCounter


@pytest.fixture
def make_monitor(qtbot):
    made: list[tuple[CloudMonitor, TaskRunner]] = []

    def make_monitor(cloud, *, policy: str = "automatic", interval_ms: int = 60_000):
        runner = TaskRunner("test-cloud-worker")
        monitor = CloudMonitor(runner, cloud=lambda: cloud, policy=lambda: policy, interval_ms=interval_ms)
        label = OnlineStatusLabel()
        qtbot.addWidget(label)
        monitor.status_changed.connect(label.show_status)
        made.append((monitor, runner))
        return monitor, label

    yield make_monitor
    for monitor, runner in made:
        monitor.stop()
        assert runner.shut_down(5000)


def test_probe_runs_off_gui_thread(qtbot, make_monitor):
    cloud = FakeProbedCloud(delay=0.6)
    monitor, label = make_monitor(cloud)
    ticks = TickCounter()

    monitor.start()
    assert monitor.checking
    qtbot.waitUntil(lambda: label.status.line is CloudLine.ONLINE, timeout=5000)
    ticks.stop()

    assert cloud.check_threads != [threading.get_ident()]
    assert cloud.checks == 1
    assert ticks.ticks >= 10
    assert ticks.longest_gap() < 0.3
    assert label.text() == "Cloud: online"


def test_offline_shows_the_reason(qtbot, make_monitor):
    cloud = FakeProbedCloud(reachable=False, reason="the connection was refused")
    monitor, label = make_monitor(cloud)

    monitor.check_now()
    qtbot.waitUntil(lambda: label.status.line is CloudLine.OFFLINE, timeout=5000)

    assert label.text() == "Cloud: offline (the connection was refused)"
    assert "the connection was refused" in label.toolTip()
    assert cloud.endpoint in label.toolTip()


def test_line_back_fires_came_online_once(qtbot, make_monitor):
    cloud = FakeProbedCloud(reachable=False)
    monitor, label = make_monitor(cloud)
    came_online: list[bool] = []
    monitor.came_online.connect(lambda: came_online.append(True))

    monitor.check_now()
    qtbot.waitUntil(lambda: label.status.line is CloudLine.OFFLINE, timeout=5000)
    cloud.reachable = True
    monitor.check_now()
    qtbot.waitUntil(lambda: label.status.line is CloudLine.ONLINE, timeout=5000)
    monitor.check_now()
    qtbot.waitUntil(lambda: cloud.checks == 3 and not monitor.checking, timeout=5000)

    assert came_online == [True]


def test_second_check_waits_for_first(qtbot, make_monitor):
    cloud = FakeProbedCloud(delay=0.3)
    monitor, _ = make_monitor(cloud)

    assert monitor.check_now()
    assert not monitor.check_now()
    qtbot.waitUntil(lambda: not monitor.checking, timeout=5000)
    assert cloud.checks == 1


def test_periodic_checks_repeat(qtbot, make_monitor):
    cloud = FakeProbedCloud()
    monitor, _ = make_monitor(cloud, interval_ms=100)

    monitor.start()

    qtbot.waitUntil(lambda: cloud.checks >= 3, timeout=5000)


def test_no_probe_without_usable_cloud(qtbot, make_monitor):
    missing, missing_label = make_monitor(None)
    cloud = FakeProbedCloud()
    local_only, local_label = make_monitor(cloud, policy="local_only")
    unset = FakeProbedCloud(configured=False)
    not_set_up, unset_label = make_monitor(unset)

    for monitor in (missing, local_only, not_set_up):
        monitor.check_now()

    assert missing_label.text() == "Cloud: not set up"
    assert local_label.text() == "Cloud: local only"
    assert unset_label.text() == "Cloud: not set up"
    assert cloud.checks == 0
    assert unset.checks == 0


def test_observe_reads_last_state_without_probe(qtbot, make_monitor):
    cloud = FakeProbedCloud()
    monitor, label = make_monitor(cloud)

    monitor.observe()
    assert label.status.line is CloudLine.CHECKING

    cloud.online.set(False, "the last call timed out")
    monitor.observe()

    assert label.text() == "Cloud: offline (the last call timed out)"
    assert cloud.checks == 0
