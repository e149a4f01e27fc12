# Replaces PyInstaller's own hook for this PySide6 module (user hooks take priority) to
# keep only the Qt plugins and translations that installer/qt_selection.py lists.

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

from qt_selection import select

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries, datas = select(binaries, datas)
