"""Window state kept in QSettings: the main window's geometry and its splitter."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


def restore_state(window: QMainWindow, splitter: QSplitter, settings: QSettings | None) -> bool:
    """Restore the geometry and splitter saved last time; False when there is none."""
    geometry = settings.value("window/geometry") if settings else None
    if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
        return False
    sizes = settings.value("window/splitter") if settings else None
    if isinstance(sizes, QByteArray):
        splitter.restoreState(sizes)
    return True


def save_state(window: QMainWindow, splitter: QSplitter, settings: QSettings | None) -> None:
    """Remember the geometry and splitter (nothing without settings)."""
    if settings is not None:
        settings.setValue("window/geometry", window.saveGeometry())
        settings.setValue("window/splitter", splitter.saveState())
