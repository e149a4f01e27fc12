"""The Qt plugins and translations the bundle keeps, applied by the Qt hooks in installer/hooks/.

PyInstaller's PySide6 hooks collect every plugin of each type that QtGui can use, and
the libraries those plugins link (GTK, Wayland, EGL device integrations, Qt PDF). The
app needs far fewer. The hooks filter the plugins before PyInstaller resolves their
libraries, so a dropped plugin leaves none of them behind.
"""

from __future__ import annotations

from pathlib import PurePath

__all__ = ["KEPT_QT_TRANSLATIONS", "keep_plugin", "keep_qt_translation", "select"]

KEPT_PLUGIN_FOLDERS = frozenset({
    "platforms",
    "darwin",  # platforms/darwin on macOS
    "accessiblebridge",  # screen readers
    "platforminputcontexts",  # compose and ibus: typing á or ñ with dead keys on X11
    "platformthemes",
    "xcbglintegrations",
    "iconengines",
    "imageformats",
    "styles",
})
"""Plugin folders (plugin types) the app uses; evdev input, EGL device integrations and
the Wayland client integrations are dropped."""

KEPT_PLATFORMS = frozenset({"qoffscreen", "qminimal", "qxcb", "qwindows", "qdirect2d", "qcocoa"})
"""Platform plugins: offscreen for tests and the self-test without a display, xcb for an
X11 desktop (and Wayland through XWayland), and the native ones of Windows and macOS."""

EXCLUDED_PLUGINS = frozenset({
    "qgtk3",  # links GTK 3, cairo and pango, bundled from the build machine
    "qtvirtualkeyboardplugin",  # links Qt Quick
    "qpdf",  # links Qt PDF
})

KEPT_QT_TRANSLATIONS = frozenset({"qtbase_es.qm"})
"""Qt's own translations of its standard dialogs, for the app's languages other than English."""


def _plugin_stem(filename: str) -> str:
    stem = PurePath(filename).name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_plugin(destination_folder: str, filename: str) -> bool:
    """Return whether the plugin `filename`, collected into `destination_folder`, stays in the bundle."""
    folder = PurePath(destination_folder.replace("\\", "/")).name
    stem = _plugin_stem(filename)
    if folder not in KEPT_PLUGIN_FOLDERS or stem in EXCLUDED_PLUGINS:
        return False
    if folder == "platforms":
        return stem in KEPT_PLATFORMS
    return True


def keep_qt_translation(filename: str) -> bool:
    """Return whether Qt's translation file `filename` stays in the bundle."""
    return PurePath(filename).name in KEPT_QT_TRANSLATIONS


def select(
    binaries: list[tuple[str, str]], datas: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Filter a Qt hook's (source, destination folder) lists: plugins in `binaries`, translations in `datas`."""
    kept_binaries = [(source, folder) for source, folder in binaries if keep_plugin(folder, source)]
    kept_datas = [(source, folder) for source, folder in datas if keep_qt_translation(source)]
    return kept_binaries, kept_datas
