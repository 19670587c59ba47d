"""`compliance-desk screenshot`: the window drawn offscreen into a PNG, for people and docs."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.errors import LibraryLockedError, ValidationError
from desktop_app.gui.app import application, open_session
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter import TABS
from desktop_app.gui.session import Session
from desktop_app.paths import LibraryPaths

SIDE_VIEWS = ("agenda", "docket", "search", "trash")
VIEWS = (*SIDE_VIEWS, *TABS)
SIZE = (1440, 860)


def _session(paths: LibraryPaths) -> Session:
    """The library as the writer when free; read-only while the window has it (it only reads)."""
    try:
        return open_session(paths, "screenshot")
    except LibraryLockedError:
        return open_session(paths, "screenshot", write=False)


def take_screenshot(
    paths: LibraryPaths,
    out: Path,
    *,
    case: str | None,
    view: str,
    today: date | None = None,
    query: str = "",
) -> None:
    """Draw the main window into ``out``: a side view, or ``case`` on the tab ``view``.

    ``today`` fixes the day the window reads (the agenda's date, coverage, due dates); ``query``
    is typed into the search box (the search view shows its results). On the Parties and
    Activities tabs the first row is selected, so the picture shows its Why pane.
    """
    if view not in VIEWS:
        raise ValidationError({"view": f"Unknown view {view!r}; choose one of {', '.join(VIEWS)}."})
    if view not in SIDE_VIEWS and not case:
        raise ValidationError({"view": f"The {view} view belongs to a matter: add --case."})
    app = application()
    session = _session(paths)
    try:
        day = today or date.today()
        window = MainWindow(session.gateway, settings=None, today=lambda: day)
        window.resize(*SIZE)
        if case:
            window.open_case(case)
        if view == "docket":
            window.views.show_docket()
        elif view == "trash":
            window.views.show_trash()
        elif view == "search":
            show_search(window, query)
            settle_until(app, lambda: session.gateway.builds_pending == 0)
        elif view in TABS:
            window.show_tab(view)
            select_first_row(window, view)
        window.show()
        settle_until(app, lambda: window.agenda_loaded)  # the lists are read after first paint
        settle_until(app, lambda: session.gateway.builds_pending == 0)  # then the review counts
        if view == "memos":  # show the memo's pages, built as the Preview button builds them
            window.workspace.memos.show_preview()
            settle_until(app, lambda: session.gateway.builds_pending == 0)
        settle(app)
        if not window.grab().save(str(out), "PNG"):
            raise ValidationError({"out": f"Could not write {out}."})
        window.close()
    finally:
        session.close()


def select_first_row(window: MainWindow, view: str) -> None:
    """On the Parties or Activities tab, select the first row: its Why pane shows beside it."""
    if view == "parties":
        window.workspace.parties.table.selectRow(0)
    elif view == "activities":
        window.workspace.activities.table.selectRow(0)


def show_search(window: MainWindow, query: str) -> None:
    """Bring Search to the front with ``query`` typed and its search started."""
    window.views.show_search()
    window.search.box.setText(query)
    window.search.search_now()


def settle_until(app: QApplication, done: Callable[[], bool], seconds: float = 60) -> None:
    """Let queued work run until ``done()`` (or ``seconds`` pass)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        settle(app, 50)


def settle(app: QApplication, milliseconds: int = 400) -> None:
    """Let queued work finish (PDF pages render on a thread) before the picture is taken."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()
