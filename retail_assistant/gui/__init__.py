"""The PySide6 desktop app: the only package that imports Qt.

`launch.launch` is the entry point; it checks for a display before importing any
Qt widget, so importing this package alone loads no Qt.
"""
