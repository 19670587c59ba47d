"""Child process for the start-up benchmark: start a window, print when it first paints, quit.

``bare`` starts an empty QMainWindow (the floor); ``app`` runs the real ``compliance-desk gui``
entry point on the library given as the second argument, importing in the order that entry
point does (the command line first, Qt when the window is asked for): PySide6 looks through the
source of every module imported after it, so importing Qt first here would add work the real
start does not do.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject


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

    app = application()
    app.installEventFilter(first_paint_filter(app))
    return cli_main(["--data-dir", sys.argv[2], "gui"])


if __name__ == "__main__":
    sys.exit(main())
