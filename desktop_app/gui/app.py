"""The window's composition root: display check, QApplication, library session, main window.

`Session` and `open_session` live in `desktop_app.gui.session` and are re-exported here.

The writing library lives on the worker thread; the window reads through its own read-only
connection. A library another process holds can be opened read-only instead.
"""

from __future__ import annotations

import getpass
import logging
import sqlite3
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.errors import (
    EXIT_LIBRARY,
    EXIT_OK,
    LibraryLockedError,
    ReadOnlyLibraryError,
    UserError,
)
from desktop_app.gui import refguard
from desktop_app.gui.crash import install_crash_handler
from desktop_app.gui.desktop import prepare_application
from desktop_app.gui.errors import message_for
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.qt_messages import install_qt_message_handler
from desktop_app.gui.session import Session, open_session
from desktop_app.i18n import _
from desktop_app.paths import LibraryPaths

__all__ = ["Session", "application", "open_session", "run_app"]

log = logging.getLogger(__name__)


FOCUS_STYLE = "QAbstractItemView:focus { border: 2px solid #2f6fb0; }"
"""A list or table with the keyboard's focus says so (a dotted cell alone was hard to see)."""


def application() -> QApplication:
    """The QApplication, made once."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    install_qt_message_handler()
    app = QApplication(sys.argv[:1])
    refguard.install(app)  # before any other Qt call from Python: see the module
    app.setApplicationName("Compliance Desk")
    app.setOrganizationName("Compliance Desk")
    app.setApplicationVersion(__version__)
    prepare_application(app)  # desktop id, icon, shipped fonts where the system has none
    app.setStyleSheet(FOCUS_STYLE)
    return app


def run_app(paths: LibraryPaths) -> int:
    """Open the window on the library in ``paths`` and run until it closes."""
    app = application()
    install_crash_handler(paths)
    session = _open_or_explain(paths)
    if session is None:
        return EXIT_LIBRARY
    try:
        window = MainWindow(session.gateway, QSettings(), daily_backup=True)
    except sqlite3.Error as exc:
        session.close()
        _explain(paths, exc)
        return EXIT_LIBRARY
    window.show()
    _warn_if_damaged(window, session)
    try:
        code = app.exec()
    finally:
        session.close()
    return code or EXIT_OK


def _open_or_explain(paths: LibraryPaths) -> Session | None:
    actor = getpass.getuser()
    try:
        return open_session(paths, actor, check_later=True)
    except (LibraryLockedError, ReadOnlyLibraryError) as exc:
        if not paths.database.exists():
            _explain(paths, exc)
            return None
        question = exc.message + "\n\n" + _("Open it read-only instead?")
        title = _("Library in use") if isinstance(exc, LibraryLockedError) else _("Read-only")
        answer = QMessageBox.question(None, title, question)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return _open_read_only(paths, actor)
    except (UserError, sqlite3.Error) as exc:
        _explain(paths, exc)
    return None


def _open_read_only(paths: LibraryPaths, actor: str) -> Session | None:
    try:
        return open_session(paths, actor, write=False)
    except (UserError, sqlite3.Error) as exc:
        _explain(paths, exc)
        return None


def _explain(paths: LibraryPaths, error: BaseException) -> None:
    message = message_for(error, paths)
    if message is None:
        raise error
    QMessageBox.critical(None, _("Compliance Desk"), message)


def _warn_if_damaged(window: MainWindow, session: Session) -> None:
    problem = session.gateway.reader.problem
    if problem:
        QMessageBox.warning(
            window,
            _("Library opened read-only"),
            _(
                "The library failed its integrity check ({problem}). It is open read-only so "
                "nothing more can go wrong; restore it from a backup before changing anything."
            ).format(problem=problem),
        )
