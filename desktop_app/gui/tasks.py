"""Long tasks counsel wait for: the one helper for progress, Cancel and failures.

Verifying, building or issuing a memo, filing documents, backing up and restoring each run as a
`LongTask`: a window-modal progress dialog (with Cancel when the task can stop between steps),
the work on a worker thread (the writer, the build worker or a detached thread — whichever the
caller hands to `start`), and, when it fails, the default failure handler `report_failure`: a
failure of the person or the environment (a full disk, a damaged backup) is said in a dialog;
a bug goes to the crash handler, logged with its traceback and shown once. See
docs/architecture.md, "Background work in the window".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.gui.errors import message_for
from desktop_app.gui.widgets.progress import Label, ProgressRelay
from desktop_app.paths import LibraryPaths

T = TypeVar("T")
Deliver = Callable[[Callable[[Any], None], Callable[[BaseException], None]], None]
"""Starts the work on a worker: called with (on_done, on_error), delivered on the GUI thread."""


class TaskCancelledError(Exception):
    """The person pressed Cancel: the task stopped between two steps."""


def report_failure(
    parent: QWidget | None, title: str, error: BaseException, paths: LibraryPaths | None
) -> None:
    """The default failure handler: a dialog for what a person can act on; a bug re-raised.

    Re-raised in a slot, a bug reaches the crash handler (`crash.install_crash_handler`), which
    logs its traceback and shows the unexpected-error dialog once.
    """
    text = message_for(error, paths)
    if text is None:
        raise error
    QMessageBox.warning(parent, title, text)


class LongTask:
    """One long task: its progress dialog, its Cancel, and what happens when it ends."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        failure: str,
        paths: LibraryPaths | None,
        *,
        label: Label | None = None,
        cancellable: bool = True,
    ) -> None:
        """``failure`` titles the dialog that says why the task failed."""
        self.relay = ProgressRelay(parent, title, label, cancellable=cancellable)
        self._parent, self._failure, self._paths = parent, failure, paths
        self.running = False

    @property
    def cancelled(self) -> bool:
        """True once the person pressed Cancel (read from any thread)."""
        return self.relay.cancelled()

    def check(self) -> None:
        """For the worker between steps: raise `TaskCancelledError` once Cancel was pressed."""
        if self.relay.cancelled():
            raise TaskCancelledError

    def progress(self, done: int, total: int, name: str = "") -> None:
        """For the worker: stop if Cancel was pressed, else show step ``done`` of ``total``."""
        self.check()
        self.relay.report(done, total, name)

    def start(
        self,
        deliver: Deliver,
        on_done: Callable[[T], None],
        *,
        on_cancelled: Callable[[], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_end: Callable[[], None] | None = None,
        keep_cancelled: bool = False,
    ) -> None:
        """Start the work with ``deliver``; ``on_done(result)`` on the GUI thread when it ends.

        A task cancelled — by `TaskCancelledError`, or after its last step unless
        ``keep_cancelled`` (an import reports what it filed before Cancel) — calls
        ``on_cancelled`` instead. A failure goes to ``on_failed(error)`` when given (a restore
        asks its questions there), else to `report_failure`. ``on_end`` runs first whatever the
        outcome, once the dialog is closed.
        """
        self.running = True

        def done(result: T) -> None:
            cancelled = self.relay.cancelled() and not keep_cancelled
            self._end(on_end)
            if cancelled:
                if on_cancelled is not None:
                    on_cancelled()
                return
            on_done(result)

        def failed(error: BaseException) -> None:
            self._end(on_end)
            if isinstance(error, TaskCancelledError):
                if on_cancelled is not None:
                    on_cancelled()
                return
            if on_failed is not None:
                on_failed(error)
                return
            self.report(error)

        deliver(done, failed)

    def report(self, error: BaseException) -> None:
        """Say why the task failed: `report_failure` under the task's failure title."""
        report_failure(self._parent, self._failure, error, self._paths)

    def _end(self, on_end: Callable[[], None] | None) -> None:
        self.running = False
        self.relay.finish()
        if on_end is not None:
            on_end()
