"""Child process for the start-up benchmark: start a window, print when it first paints, quit.

``bare`` starts an empty QMainWindow (the floor); ``app`` runs the real ``compliance-desk gui``
entry point on the library given as the second argument, importing in the order that entry
point does (the command line first, Qt when the window is asked for): PySide6 looks through the
source of every module imported after it, so importing Qt first here would add work the real
start does not do.

``rows`` runs the same entry point but waits for what a person waits for: the view the window
opens on (the Agenda, or the Docket when the library has no matters) painted with its rows. It
prints ``mark NAME SECONDS`` lines on the way (``time.perf_counter``, which on Linux is the
parent's clock too), then ``painted VIEW ROWS`` and leaves. Nothing watches events until the
rows are in the table model: the window's ``__init__`` and ``_after_first_paint`` (run by a zero
timer just after the first paint) and the list loader's ``_lists_read`` are wrapped to stamp the way
there (``imported``, ``window-built``, ``first-paint``, ``lists-landed``, ``rows-set``), and
only then is an application-level event filter installed for the paint of that table's viewport
(PySide6 6.12 crashed with a Python event filter on the table views themselves; the filter here
lives a few events long). A zero timer after that paint event stops the clock, so the paint and
its flush are inside the figure.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QTableView

    from desktop_app.gui.lists import Lists
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.views import SideViews


def first_paint_filter(app: QObject) -> QObject:
    """An event filter (kept alive by ``app``) that quits at the first paint of a main window."""
    from PySide6.QtCore import QEvent, QObject  # noqa: PLC0415 - after the app's own imports
    from PySide6.QtWidgets import QMainWindow  # noqa: PLC0415

    class FirstPaint(QObject):
        """Quits the application at the first paint of a main window."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            """Report and quit on the first paint event of a QMainWindow."""
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                print("painted", flush=True)
                # Leave at once: closing the window would make the day's automatic backup,
                # which for a big library takes longer than everything measured here.
                os._exit(0)
            return False

    return FirstPaint(app)


def mark(name: str) -> None:
    """Print a time stamp on the way (the parent subtracts its spawn time)."""
    print(f"mark {name} {time.perf_counter():.6f}", flush=True)


def fail(message: str) -> NoReturn:
    """Tell the parent what went wrong and leave (an exception in a Qt slot would not)."""
    print(f"failed: {message}", flush=True)
    os._exit(1)


def front_table(views: SideViews) -> tuple[str, QTableView]:
    """The view the window shows on the left and its table: the Agenda or the Docket."""
    if views.currentWidget() is views.docket:
        return "docket", views.docket.table
    if views.currentWidget() is views.agenda:
        return "agenda", views.agenda.table.table
    fail("the window opened on neither the agenda nor the docket")


def rows_painted_hooks() -> None:
    """Wrap the window's start-up steps to stamp them and to stop at the rows' first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415 - after the app's imports
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from desktop_app.gui.list_loads import ListLoads  # noqa: PLC0415
    from desktop_app.gui.main_window import MainWindow  # noqa: PLC0415

    init, first_paint, lists_read = (
        MainWindow.__init__,
        MainWindow._after_first_paint,
        ListLoads._lists_read,
    )

    class RowsPainted(QObject):
        """Stops the clock just after the first paint of one table's viewport."""

        def __init__(self, viewport: QObject, view: str, rows: int) -> None:
            super().__init__(viewport)
            self.viewport, self.view, self.rows, self.seen = viewport, view, rows, False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            """At the viewport's paint event, let it paint, then report from a zero timer."""
            if not self.seen and watched is self.viewport and event.type() == QEvent.Type.Paint:
                self.seen = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            """Print and leave (as ``first_paint_filter``: closing would make the backup)."""
            print(f"painted {self.view} {self.rows}", flush=True)
            os._exit(0)

    def stamped_init(self: MainWindow, *args: Any, **kwargs: Any) -> None:
        """Build the window, then stamp: what is left before the first paint is Qt's."""
        init(self, *args, **kwargs)
        mark("window-built")

    def stamped_first_paint(self: MainWindow) -> None:
        """Stamp the zero timer that runs just after the window's first paint."""
        mark("first-paint")
        first_paint(self)

    def watched_lists_read(self: ListLoads, lists: Lists, docket: int, agenda: int) -> None:
        """Stamp the lists arriving from the build worker; once shown, watch for the paint."""
        mark("lists-landed")
        lists_read(self, lists, docket, agenda)
        if getattr(self, "_probe_armed", False):
            return
        view, table = front_table(self._views)
        rows = table.model().rowCount()
        if rows == 0:
            fail(f"the {view} has no rows to paint")
        self._probe_armed = True  # type: ignore[attr-defined]
        mark("rows-set")
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(RowsPainted(table.viewport(), view, rows))

    MainWindow.__init__ = stamped_init  # type: ignore[method-assign]
    MainWindow._after_first_paint = stamped_first_paint  # type: ignore[method-assign]
    ListLoads._lists_read = watched_lists_read  # type: ignore[method-assign]


def main() -> int:
    """Run the probe named on the command line."""
    mode = sys.argv[1]
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: PLC0415

        app = QApplication(sys.argv[:1])
        app.installEventFilter(first_paint_filter(app))
        window = QMainWindow()
        window.show()
        return app.exec()
    from desktop_app.cli import main as cli_main  # noqa: PLC0415 - the bare probe must not pay
    from desktop_app.gui.app import application  # noqa: PLC0415

    if mode == "rows":
        mark("imported")
    app = application()
    if mode == "rows":
        rows_painted_hooks()
    else:
        app.installEventFilter(first_paint_filter(app))
    return cli_main(["--data-dir", sys.argv[2], "gui"])


if __name__ == "__main__":
    sys.exit(main())
