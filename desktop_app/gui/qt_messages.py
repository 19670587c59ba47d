"""Qt's own log messages: the harmless ones listed and dropped, the rest sent to our log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("desktop_app.qt")

HARMLESS = (
    # The offscreen platform cannot pass size hints to a window manager it does not have.
    "This plugin does not support propagateSizeHints()",
)


def _handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if any(message.startswith(text) for text in HARMLESS):
        return
    level = logging.DEBUG if kind == QtMsgType.QtDebugMsg else logging.WARNING
    log.log(level, "Qt: %s", message)


def install_qt_message_handler() -> None:
    """Route Qt messages through `_handler`."""
    qInstallMessageHandler(_handler)
