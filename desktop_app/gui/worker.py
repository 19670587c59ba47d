"""The library writer thread and `run_op`, the one way the window does work in the background.

One worker thread owns the writing `Library` (a SQLite connection belongs to the thread that
opened it). `run_op(fn, on_done, on_error)` runs ``fn(library)`` there and delivers the result
or the exception on the GUI thread. The function must not touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop_app.storage.library import Library

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a finished future from the worker thread to the GUI thread."""

    finished = Signal(object, object)
    """(future, deliver): emitted on the worker thread, received on the GUI thread."""


class _Delivering(QObject):
    """Runs functions on a thread pool and delivers each result or exception on the GUI thread."""

    op_finished = Signal()
    """Emitted on the GUI thread after an operation's callbacks ran (tests wait on it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._pending = 0

    @property
    def pending(self) -> int:
        """Operations submitted whose callbacks have not run yet."""
        return self._pending

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._pending += 1
        future = pool.submit(fn)

        def deliver(f: Future[T]) -> None:
            error = f.exception()
            if error is None:
                on_done(f.result())
            else:
                on_error(error)

        future.add_done_callback(lambda f: self._relay.finished.emit(f, deliver))

    def _deliver(self, future: Future[Any], deliver: Callable[[Future[Any]], None]) -> None:
        self._pending -= 1
        try:
            deliver(future)
        finally:
            self.op_finished.emit()


class LibraryWorker(_Delivering):
    """Owns the writing library on its own thread and runs operations on it in order."""

    def __init__(self, open_library: Callable[[], Library]) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-writer")
        self._library = self._pool.submit(open_library).result()

    @property
    def problem(self) -> str | None:
        """Why the writing library failed its check at open, if it did."""
        return self._library.problem

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the writing library said at open (risky location, failed automatic backup)."""
        warning = self._library.warning
        return tuple(warning.split("\n")) if warning else ()

    def run_op(
        self,
        fn: Callable[[Library], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run ``fn(library)`` on the worker; call ``on_done`` or ``on_error`` on the GUI thread."""
        library = self._library
        self._submit(self._pool, lambda: fn(library), on_done, on_error)

    def close(self) -> None:
        """Finish queued work, close the library and stop the thread."""
        self._pool.submit(self._library.close).result()
        self._pool.shutdown(wait=True)


class Detached(_Delivering):
    """Runs functions that need no open library (a restore) on a thread of their own.

    Like `LibraryWorker.run_op`, the result or the exception is delivered on the GUI thread.
    """

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run ``fn()`` on a new thread; call ``on_done`` or ``on_error`` on the GUI thread."""
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="detached")
        self._submit(pool, fn, on_done, on_error)
        pool.shutdown(wait=False)
