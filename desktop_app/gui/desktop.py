"""How the window presents itself to the desktop: its id, its icon, and fonts if none exist.

The id is the reverse-DNS name of the Linux desktop entry and AppStream metainfo
(packaging/linux/), so a desktop matches the running window to its menu entry and icon.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop_app.assets import asset
from desktop_app.gui.fonts import ensure_fonts

APP_ID = "org.compliancedesk.ComplianceDesk"
ICON = "icons/compliance-desk.png"
PROBE_PAINT = "COMPLIANCE_DESK_PROBE_PAINT"
"""Set to 1, the window prints "painted" at its first paint and quits: the start-up benchmark
times the packaged program and the virtual environment alike (benchmarks/startup_bundle.py)."""


def prepare_application(app: QApplication) -> None:
    """Set the desktop id and window icon; register the shipped fonts where the system has none."""
    app.setDesktopFileName(APP_ID)
    icon = asset(ICON)
    if isinstance(icon, Path):
        app.setWindowIcon(QIcon(str(icon)))
    ensure_fonts(app)
    if os.environ.get(PROBE_PAINT) == "1":
        app.installEventFilter(_FirstPaint(app))


class _FirstPaint(QObject):
    """Prints "painted" and quits at the first paint of a main window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Report the first paint of a QMainWindow, then quit."""
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            self.deleteLater()
        return False
