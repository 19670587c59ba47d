"""Parsing in a separate process, so a hostile file can hang or crash only that process.

`IsolatedParser` keeps ONE persistent child (started with "spawn", safe beside Qt threads) and
sends it one file at a time: the name and the bytes go down the pipe, the result comes back
(see `child` for the wire format and the pickle allow-list). A file that takes longer than
``seconds_per_file`` gets its child killed (a new one starts on the next file) and comes back
`Rejected`; so does a file that crashes the child.

In a frozen (PyInstaller) build, ``multiprocessing.freeze_support()`` must run first thing in
the program's entry point, or the child cannot start.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType

from desktop_app.core.documents import Rejected
from desktop_app.ingest.child import READY, Result, Target, loads, serve
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import DEFAULT_LIMITS, EMPTY_REASON, parse_bytes
from desktop_app.ingest.parsers import FileParser, InProcessParser, parse_in_process

__all__ = [
    "CRASHED",
    "FileParser",
    "InProcessParser",
    "IsolatedParser",
    "ReaderStartError",
    "parse_in_process",
]

CRASHED = "the reader crashed on this file"
STARTUP_SECONDS = (
    120.0  # a cold start imports pypdf and extract-msg: ~0.3 s warm, more on a slow disk
)


class ReaderStartError(RuntimeError):
    """The reader process could not be started (the import cannot go on isolated)."""


class IsolatedParser:
    """A `FileParser` that reads each file in one persistent child process, with a timeout.

    ``target`` must be a module-level function (the child imports it by name); tests pass a
    slow or crashing one. Safe to call from any thread; calls are served one at a time.
    """

    def __init__(
        self, limits: Limits = DEFAULT_LIMITS, target: Target = parse_bytes, method: str = "spawn"
    ) -> None:
        """A parser whose child starts on the first file (or on `start`)."""
        self.limits = limits
        self.target = target
        self._context = multiprocessing.get_context(method)
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._closed = False

    def start(self) -> None:
        """Start the child now rather than on the first file (it takes about half a second)."""
        with self._lock:
            self._ensure_child()

    def parse(self, filename: str, data: bytes) -> Result:
        """Read one file in the child; a timeout or a crash comes back as `Rejected`.

        Raises `ReaderStartError` only when no reader process can be started at all (the caller
        may then fall back to `InProcessParser`), and RuntimeError after `close`.
        """
        if not data:
            return Rejected(filename, EMPTY_REASON, data)
        with self._lock:
            if self._closed:
                raise RuntimeError("the parser is closed")
            try:
                conn = self._send(filename, data)
            except (OSError, EOFError):
                self._stop()
                return Rejected(filename, CRASHED, data)
            return self._receive(conn, filename, data)

    def _send(self, filename: str, data: bytes) -> Connection:
        """Send a file to the child, starting a new child once if the old one died."""
        for attempt in range(2):
            conn = self._ensure_child()
            try:
                conn.send(filename)
                conn.send_bytes(data)
                return conn
            except (OSError, EOFError):
                self._stop()  # the child died between files: start another, once
                if attempt:
                    raise
        raise OSError("unreachable")

    def _receive(self, conn: Connection, filename: str, data: bytes) -> Result:
        """Wait for the child's answer, up to ``seconds_per_file``; kill it on timeout."""
        try:
            ready = conn.poll(self.limits.seconds_per_file)
        except (OSError, EOFError):
            ready = True
        if not ready:
            self._stop()
            seconds = self.limits.seconds_per_file
            return Rejected(
                filename,
                f"took longer than {seconds:.0f} s to read; kept unread in quarantine",
                data,
            )
        try:
            return loads(conn.recv_bytes(), data)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            self._stop()
            return Rejected(filename, CRASHED, data)

    def _ensure_child(self) -> Connection:
        """The connection to a live child, started (and waited for) if needed."""
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._stop()
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(  # type: ignore[attr-defined]
            target=serve,
            args=(child_end, self.limits, self.target),
            daemon=True,
            name="compliance-desk-reader",
        )
        try:
            process.start()
        except (OSError, pickle.PicklingError, AttributeError, TypeError) as error:
            parent_end.close()
            child_end.close()
            raise ReaderStartError(f"the reader process could not start: {error}") from error
        child_end.close()
        self._process, self._conn = process, parent_end
        try:
            started = parent_end.poll(STARTUP_SECONDS) and parent_end.recv_bytes() == READY
        except (OSError, EOFError):
            started = False
        if not started:
            self._stop()
            raise ReaderStartError("the reader process did not start")
        return parent_end

    def _stop(self) -> None:
        """Kill the child (if any) and forget it; the next file starts a new one."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)
            if process.exitcode is not None:
                process.close()

    def close(self) -> None:
        """Stop the child; later calls to `parse` raise."""
        with self._lock:
            self._closed = True
            if self._conn is not None and self._process is not None and self._process.is_alive():
                try:
                    self._conn.send(None)
                    self._process.join(2)
                except (OSError, EOFError, ValueError):
                    pass
            self._stop()

    def __enter__(self) -> IsolatedParser:
        """Use as a context manager; the child stops on exit."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the child."""
        self.close()
