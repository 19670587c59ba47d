"""Parsing in a separate process, so a hostile file can hang or crash only that process.

`IsolatedParser` keeps ONE persistent child (started with "spawn", safe beside Qt threads) and
sends it one file at a time: the child copies the file into the library's staging folder,
hashing it, and parses the copy; only the result comes back (see `child` for the wire format
and the pickle allow-list). No byte of the file passes through this process. The time limit
covers the reading too: a copy that makes no progress for ``seconds_per_file`` (a device, a
stalled network share) ends "not read" with nothing stored; a parse that takes longer than
``seconds_per_file`` gets its child killed (a new one starts on the next file) and the copy is
quarantined unread; so is a file that crashes the child.

In a frozen (PyInstaller) build, ``multiprocessing.freeze_support()`` must run first thing in
the program's entry point, or the child cannot start.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import pickle
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType

from desktop_app.core.documents import Rejected, Staged
from desktop_app.ingest.child import (
    PROGRESS,
    READY,
    RESULT,
    STAGED,
    Request,
    Result,
    Stager,
    Target,
    load_staged,
    loads,
    serve,
)
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import DEFAULT_LIMITS, parse_bytes
from desktop_app.ingest.parsers import FileParser, InProcessParser, parse_in_process
from desktop_app.ingest.staging import stage_copy

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


def _stalled(seconds: float) -> str:
    return (
        f"reading it stopped: no data came for {seconds:.0f} s (a device, or a network share "
        "that stopped answering); nothing was stored"
    )


class ReaderStartError(RuntimeError):
    """The reader process could not be started (the import cannot go on isolated)."""


class IsolatedParser:
    """A `FileParser` that reads each file in one persistent child process, with a timeout.

    ``target`` must be a module-level function (the child imports it by name); tests pass a
    slow or crashing one. Safe to call from any thread; calls are served one at a time.
    """

    def __init__(
        self,
        limits: Limits = DEFAULT_LIMITS,
        target: Target = parse_bytes,
        method: str = "spawn",
        stager: Stager = stage_copy,
    ) -> None:
        """A parser whose child starts on the first file (or on `start`)."""
        self.limits = limits
        self.target = target
        self.stager = stager
        self._context = multiprocessing.get_context(method)
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._watching: Connection | None = None
        self._closed = False

    def start(self) -> None:
        """Start the child now rather than on the first file (it takes about half a second)."""
        with self._lock:
            self._ensure_child()

    def read(self, source: Path, copy: Path, filename: str) -> Result:
        """Copy ``source`` to ``copy`` and read it in the child; never raises for a bad file.

        Raises `ReaderStartError` only when no reader process can be started at all (the caller
        may then fall back to `InProcessParser`), and RuntimeError after `close`.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("the parser is closed")
            try:
                conn = self._send((str(source), str(copy), filename))
            except (OSError, EOFError):
                self._stop()
                return Rejected(filename, CRASHED, not_read=True)
            copied = self._await_copy(conn, filename, copy)
            if isinstance(copied, Staged):
                return self._await_result(conn, filename, copied)
            return copied

    def _send(self, request: Request) -> Connection:
        """Send a request to the child, starting a new child once if the old one died."""
        for attempt in range(2):
            conn = self._ensure_child()
            try:
                conn.send(request)
                return conn
            except (OSError, EOFError):
                self._stop()  # the child died between files: start another, once
                if attempt:
                    raise
        raise OSError("unreachable")

    def _await_copy(self, conn: Connection, filename: str, copy: Path) -> Staged | Result:
        """Wait while the child copies: its `Staged` copy, or why the file was not read.

        A copy with no progress for ``seconds_per_file`` has its child killed.
        """
        seconds = self.limits.seconds_per_file
        while True:
            message = self._next(conn, seconds)
            if message is None:
                self._stop()
                copy.unlink(missing_ok=True)
                return Rejected(filename, _stalled(seconds), not_read=True)
            kind, body = message[:1], message[1:]
            if kind == STAGED:
                staged = self._checked(body, copy)
                if staged is not None:
                    return staged
            if kind == RESULT:
                return self._result(body, filename, None)
            if kind != PROGRESS:
                self._stop()
                copy.unlink(missing_ok=True)
                return Rejected(filename, CRASHED, not_read=True)

    def _await_result(self, conn: Connection, filename: str, staged: Staged) -> Result:
        """Wait up to ``seconds_per_file`` for the parse; kill the child on timeout."""
        seconds = self.limits.seconds_per_file
        message = self._next(conn, seconds)
        if message is None:
            self._stop()
            reason = f"took longer than {seconds:.0f} s to read; kept unread in quarantine"
            return Rejected(filename, reason, staged=staged)
        if message[:1] != RESULT:
            self._stop()
            return Rejected(filename, CRASHED, staged=staged)
        return self._result(message[1:], filename, staged)

    def _next(self, conn: Connection, seconds: float) -> bytes | None:
        """The child's next message; None after ``seconds`` of silence, b"" if it died."""
        try:
            if not conn.poll(seconds):
                return None
            return conn.recv_bytes()
        except (OSError, EOFError):
            self._stop()
            return b""

    def _checked(self, body: bytes, copy: Path) -> Staged | None:
        """The child's staged copy, if it is the one asked for (None stops the child)."""
        try:
            staged = load_staged(body)
        except (pickle.UnpicklingError, ValueError, TypeError, EOFError):
            staged = None
        if staged is None or Path(staged.path) != copy:
            self._stop()
            return None
        return staged

    def _result(self, body: bytes, filename: str, staged: Staged | None) -> Result:
        try:
            result = loads(body)
        except (pickle.UnpicklingError, ValueError, TypeError, EOFError):
            self._stop()
            return Rejected(filename, CRASHED, staged=staged, not_read=staged is None)
        if staged is None and not (isinstance(result, Rejected) and result.not_read):
            return Rejected(filename, CRASHED, not_read=True)  # parsed what it never copied?
        return dataclasses.replace(result, staged=staged) if staged else result

    def _ensure_child(self) -> Connection:
        """The connection to a live child, started (and waited for) if needed."""
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._stop()
        parent_end, child_end = self._context.Pipe(duplex=True)
        watched, watching = self._context.Pipe(duplex=False)
        process = self._context.Process(  # type: ignore[attr-defined]
            target=serve,
            args=(child_end, watched, self.limits, self.target, self.stager),
            daemon=True,
            name="compliance-desk-reader",
        )
        try:
            process.start()
        except (OSError, pickle.PicklingError, AttributeError, TypeError) as error:
            for end in (parent_end, child_end, watched, watching):
                end.close()
            raise ReaderStartError(f"the reader process could not start: {error}") from error
        child_end.close()
        watched.close()
        self._process, self._conn, self._watching = process, parent_end, watching
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
        process, conn, watching = self._process, self._conn, self._watching
        self._process = self._conn = self._watching = None
        for end in (conn, watching):
            if end is not None:
                end.close()
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
