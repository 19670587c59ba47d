"""Child process for the start-up benchmark: start a window, print when it first paints, quit.

``bare`` starts an empty QMainWindow (the floor); ``app`` runs the real ``compliance-desk gui``
entry point on the library given as the second argument.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Quits the application at the first paint of a main window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Report and quit on the first paint event of a QMainWindow."""
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print("painted", flush=True)
            # Leave at once: closing the window would make the day's automatic backup, which
            # for a big library takes longer than everything measured here.
            os._exit(0)
        return False


def main() -> int:
    """Run the probe named on the command line."""
    mode = sys.argv[1]
    if mode == "bare":
        app = QApplication(sys.argv[:1])
        app.installEventFilter(FirstPaint(app))
        window = QMainWindow()
        window.show()
        return app.exec()
    from desktop_app.cli import main as cli_main  # noqa: PLC0415 - the bare probe must not pay
    from desktop_app.gui.app import application  # noqa: PLC0415

    app = application()
    app.installEventFilter(FirstPaint(app))
    return cli_main(["--data-dir", sys.argv[2], "gui"])


if __name__ == "__main__":
    sys.exit(main())
