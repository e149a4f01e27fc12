"""Checking, before Qt loads, that a window can open on this machine.

Qt aborts the whole process when its platform plugin cannot start, with a message
that names a plugin rather than the missing package. On Linux the two usual causes
are a machine with no display at all (a server, a container, an SSH session) and a
desktop whose xcb plugin lacks system libraries that the PySide6 wheels do not
bundle. Both are detected here from the environment and the dynamic loader, without
importing Qt, so the app can print one useful line instead.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "EXAMPLE_COMMAND",
    "EXIT_MISSING_LIBRARIES",
    "EXIT_NO_DISPLAY",
    "XCB_LIBRARIES",
    "DisplayProblem",
    "find_display_problem",
    "qt_platform_name",
]

def _program() -> str:
    # Show a command that runs as typed: the bare name when it is on PATH, otherwise the
    # script in this environment (".venv/bin/retail-assistant" after `make run`).
    if shutil.which("retail-assistant"):
        return "retail-assistant"
    script = Path(sys.prefix) / "bin" / "retail-assistant"
    if not script.exists():
        return "retail-assistant"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


EXAMPLE_COMMAND = f'{_program()} ask "How many jars of honey are left?"'
"""The command-line equivalent shown when no window can open."""

EXIT_NO_DISPLAY = 0
"""A machine without a display is not an error: the command line still works there."""

EXIT_MISSING_LIBRARIES = 1

XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-image": "libxcb-image0",
}
"""Libraries that Qt 6.5 and later need for its xcb plugin, mapped to their Debian package names."""

LibraryFinder = Callable[[str], "str | None"]

_LOCAL_DISPLAY = re.compile(r"^(?:unix)?:(\d+)(?:\.\d+)?$")
"""A DISPLAY served through a socket on this machine (":0", ":1.0"), not over TCP."""


@dataclass(frozen=True)
class DisplayProblem:
    """Why the window cannot open: a one-line message and the exit status to return."""

    message: str
    exit_status: int


def qt_platform_name(environ: Mapping[str, str]) -> str:
    """Return the platform plugin Qt will try first, as QT_QPA_PLATFORM or the session implies.

    QT_QPA_PLATFORM may list fallbacks ("wayland;xcb") and plugin options
    ("xcb:nograb"); only the first plugin's name matters here.
    """
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        first = requested.split(";")[0]
        return first.split(":")[0].strip().lower()

    # Qt 6 prefers its wayland plugin in a Wayland session and uses xcb everywhere else.
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def find_display_problem(
    *,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    find_library: LibraryFinder = ctypes.util.find_library,
    path_exists: Callable[[str], bool] = os.path.exists,
) -> DisplayProblem | None:
    """Return why the desktop window cannot open here, or None when it can.

    Only Linux is checked: Windows and macOS always have their platform plugin.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None

    plugin = qt_platform_name(environ)
    if plugin != "xcb":
        # offscreen, wayland, vnc, eglfs and the rest were chosen on purpose; Qt reports their own failures.
        return None

    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return DisplayProblem(
            "retail-assistant: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window "
            f"cannot open; ask from the command line instead: {EXAMPLE_COMMAND}",
            EXIT_NO_DISPLAY,
        )
    if not environ.get("DISPLAY"):
        return DisplayProblem(
            "retail-assistant: WAYLAND_DISPLAY is set but DISPLAY is not, and Qt would use its X11 plugin; "
            "start with QT_QPA_PLATFORM=wayland, or ask from the command line instead: " + EXAMPLE_COMMAND,
            EXIT_MISSING_LIBRARIES,
        )

    display = environ["DISPLAY"]
    local = _LOCAL_DISPLAY.match(display)
    if local and not path_exists(f"/tmp/.X11-unix/X{local.group(1)}"):
        # Qt aborts when it cannot connect; a local display without its socket has no X server.
        return DisplayProblem(
            f"retail-assistant: no X server is running on display {display} (no socket "
            f"/tmp/.X11-unix/X{local.group(1)}); start the desktop session or set DISPLAY to a running "
            f"display, or ask from the command line instead: {EXAMPLE_COMMAND}",
            EXIT_MISSING_LIBRARIES,
        )

    # NOTE: find_library reads the ldconfig cache, so a library found only through
    # LD_LIBRARY_PATH is reported missing even though Qt would load it.
    missing = [package for library, package in XCB_LIBRARIES.items() if not find_library(library)]
    if missing:
        return DisplayProblem(
            f"retail-assistant: the window cannot open because Qt's xcb plugin needs system libraries "
            f"that are missing: {', '.join(missing)}; install them with: sudo apt-get install "
            f"{' '.join(missing)} (Debian and Ubuntu names)",
            EXIT_MISSING_LIBRARIES,
        )
    return None
