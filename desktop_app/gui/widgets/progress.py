"""Progress of long work, from the worker thread to a QProgressDialog with Cancel.

The core reports through a plain ``progress(done, total, name)`` callable and polls a
``cancelled()`` callable; this class adapts both to Qt. Reports cross threads as queued signals
and are throttled so a fast import does not flood the event loop. Work that cannot stop shows
the same dialog without a Cancel button. `gui.tasks.LongTask` is what uses it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.text import visible
from desktop_app.i18n import _

INTERVAL = 0.05
Label = Callable[[int, int, str], str]
"""Words a step: ``label(done, total, name)``."""


class ProgressRelay(QObject):
    """A progress dialog fed from any thread, with a cancel flag the worker can poll."""

    changed = Signal(int, int, str)
    """(done, total, name): emitted on the worker thread, shown on the GUI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: Label | None = None,
        *,
        cancellable: bool = True,
    ) -> None:
        """Show ``title``; ``label`` words each step (by default: filing a file).

        Without ``cancellable`` there is no Cancel button (a backup, a restore: work that
        cannot stop half-way).
        """
        super().__init__(parent)
        self._label = label or _filing
        self.dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400 if cancellable else 300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._cancel = threading.Event()
        self._last = 0.0
        if cancellable:
            self.dialog.canceled.connect(self._cancel.set)
            self.dialog.canceled.connect(self.dialog.hide)  # until the worker reaches a step
        else:
            self.dialog.setCancelButton(None)
        self.dialog.setValue(0)
        self.changed.connect(self._show)

    def report(self, done: int, total: int, name: str) -> None:
        """Called by the worker: pass progress on, at most every 50 ms (and always the end)."""
        now = time.monotonic()
        if done >= total or now - self._last >= INTERVAL:
            self._last = now
            self.changed.emit(done, total, name)

    def cancelled(self) -> bool:
        """Called by the worker between steps: True once the person pressed Cancel."""
        return self._cancel.is_set()

    def _show(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        if name:
            self.dialog.setLabelText(self._label(done, total, name))

    def finish(self) -> None:
        """Close the dialog."""
        self.dialog.reset()
        self.dialog.close()
        self.deleteLater()


def _filing(done: int, total: int, name: str) -> str:
    """The label of an import step."""
    return _("Filing {name} ({n} of {total})").format(
        name=visible(name)[:80], n=done + 1, total=total
    )
