"""The crash dialog: an unexpected exception is logged with its traceback and shown once."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox

from desktop_app.gui.errors import message_for
from desktop_app.i18n import _
from desktop_app.paths import LibraryPaths

log = logging.getLogger(__name__)


def install_crash_handler(paths: LibraryPaths) -> None:
    """Route uncaught exceptions in Qt slots to the log and one dialog."""
    shown = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal shown
        message = message_for(error, paths)
        if message is not None:
            QMessageBox.warning(None, _("Compliance Desk"), message)
            return
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if not shown:
            shown = True
            QMessageBox.critical(
                None,
                _("Compliance Desk — unexpected error"),
                _(
                    "Something went wrong that should not have. Your library is safe: every change "
                    "is saved whole or not at all.\n\nThe details are in the log folder:\n{path}"
                ).format(path=paths.logs),
            )

    sys.excepthook = hook
