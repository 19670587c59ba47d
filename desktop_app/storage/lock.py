"""The single-writer lock: one process at a time may change a library.

An OS advisory lock on ``<data-dir>/lock`` (fcntl on POSIX, msvcrt on Windows) is released by the
OS when the process dies, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desktop_app.errors import LibraryError, LibraryLockedError


class LibraryLock:
    """An exclusive lock on a library folder, held until `release`."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise LibraryLockedError naming the holder."""
        handle = _open_private(self._path)
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise LibraryLockedError(
                f"Another Compliance Desk (process {holder}) is using the library in "
                f"{self._path.parent}. Close it first, or use another --data-dir."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Give the lock back; harmless when not held."""
        if self._file is not None:
            self._file.close()
            self._file = None


def _open_private(path: Path) -> IO[str]:
    """The lock file, made private to its owner (0600); a link in its place is refused.

    Following a planted link would truncate and write the file it points to, outside the library.
    """
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as error:
        if not path.is_symlink():
            raise
        raise LibraryError(
            f"{path} is a link, not the library's lock file; nothing was opened. Remove the "
            "link (the library may have been copied with links in it) and open it again."
        ) from error
    return open(fd, "a+", encoding="utf-8")


@contextmanager
def waiting_for(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the block, waiting while another holds it.

    For short critical sections shared by processes (the audit anchor); a link in the lock
    file's place is refused as for the library lock.
    """
    handle = _open_private(path)
    try:
        _lock(handle, wait=True)
        yield
    finally:
        handle.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(handle: IO[str], wait: bool = False) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str], wait: bool = False) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
