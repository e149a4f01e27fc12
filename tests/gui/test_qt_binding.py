"""The Qt binding itself: a known PySide6 fault that would crash the app after a few answers."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    fired = Signal(int)


def test_signal_emit_keeps_true_alive():
    # PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to True on every
    # Signal.emit() call; after a few hundred emits Python aborts with "bool_dealloc:
    # deallocating True or False". Python 3.12 and later make True immortal, which hides it.
    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(20):
        emitter.fired.emit(1)
    lost = before - sys.getrefcount(True)

    assert lost == 0, (
        f"PySide6 {PySide6.__version__} lost {lost} references to True in 20 Signal.emit() calls; "
        "the app would abort after a few hundred signals. Install a PySide6-Essentials without "
        "this fault (6.11.3 has none)."
    )
