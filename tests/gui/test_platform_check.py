"""The display check that runs before Qt loads: no display, missing xcb libraries, the rest."""

from __future__ import annotations

from retail_assistant.gui.platform_check import (
    EXAMPLE_COMMAND,
    EXIT_MISSING_LIBRARIES,
    EXIT_NO_DISPLAY,
    XCB_LIBRARIES,
    find_display_problem,
    qt_platform_name,
)


def every_library(name: str) -> str:
    return f"lib{name}.so.0"


def no_library(name: str) -> None:
    return None


def all_but(missing: str):
    def find(name: str) -> str | None:
        return None if name == missing else every_library(name)

    return find


def test_no_display_is_one_line_with_command():
    problem = find_display_problem(environ={}, platform="linux", find_library=every_library)

    assert problem is not None
    assert problem.exit_status == EXIT_NO_DISPLAY
    assert "no display" in problem.message
    assert EXAMPLE_COMMAND in problem.message
    assert "\n" not in problem.message


def test_no_display_with_xcb_requested():
    problem = find_display_problem(environ={"QT_QPA_PLATFORM": "xcb"}, platform="linux", find_library=every_library)

    assert problem is not None
    assert problem.exit_status == EXIT_NO_DISPLAY


def socket_exists(path: str) -> bool:
    return True


def test_wayland_display_alone_suggests_wayland():
    environ = {"WAYLAND_DISPLAY": "wayland-0"}
    problem = find_display_problem(environ=environ, platform="linux", find_library=every_library)

    assert problem is not None
    assert "QT_QPA_PLATFORM=wayland" in problem.message


def test_display_without_server_is_named():
    problem = find_display_problem(environ={"DISPLAY": ":99"}, platform="linux", find_library=every_library,
                                   path_exists=lambda path: False)

    assert problem is not None
    assert problem.exit_status == EXIT_MISSING_LIBRARIES
    assert "/tmp/.X11-unix/X99" in problem.message
    assert "\n" not in problem.message


def test_remote_display_is_not_probed():
    environ = {"DISPLAY": "terminal.example:10.0"}

    assert find_display_problem(environ=environ, platform="linux", find_library=every_library,
                                path_exists=lambda path: False) is None


def test_offscreen_platform_needs_no_display():
    environ = {"QT_QPA_PLATFORM": "offscreen"}

    assert find_display_problem(environ=environ, platform="linux", find_library=no_library) is None


def test_display_with_all_libraries_passes():
    environ = {"DISPLAY": ":0"}

    assert find_display_problem(environ=environ, platform="linux", find_library=every_library,
                                path_exists=socket_exists) is None


def test_missing_xcb_cursor_names_package_and_command():
    problem = find_display_problem(environ={"DISPLAY": ":0"}, platform="linux", find_library=all_but("xcb-cursor"),
                                   path_exists=socket_exists)

    assert problem is not None
    assert problem.exit_status == EXIT_MISSING_LIBRARIES
    assert "libxcb-cursor0" in problem.message
    assert "sudo apt-get install libxcb-cursor0" in problem.message
    assert "libxcb-icccm4" not in problem.message
    assert "\n" not in problem.message


def test_all_libraries_missing_names_each():
    problem = find_display_problem(environ={"DISPLAY": ":0"}, platform="linux", find_library=no_library,
                                   path_exists=socket_exists)

    assert problem is not None
    for package in XCB_LIBRARIES.values():
        assert package in problem.message


def test_wayland_session_skips_xcb_libraries():
    environ = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}

    assert find_display_problem(environ=environ, platform="linux", find_library=no_library) is None


def test_other_systems_are_not_checked():
    for platform in ("win32", "darwin"):
        assert find_display_problem(environ={}, platform=platform, find_library=no_library) is None


def test_platform_name_reads_first_plugin():
    assert qt_platform_name({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert qt_platform_name({"QT_QPA_PLATFORM": "xcb:nograb"}) == "xcb"
    assert qt_platform_name({"QT_QPA_PLATFORM": " Offscreen "}) == "offscreen"
    assert qt_platform_name({}) == "xcb"
