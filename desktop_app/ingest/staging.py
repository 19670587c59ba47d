"""Copying a file into the library's staging folder, hashed as it is copied, never torn.

The reader copies each file once, in chunks, so neither it nor the window ever holds a large
file whole (issue 16 point 1). The copy is checked against the file's size and change times
before and after (as tar and rsync check; the times are as fine as the file system's clock):
a file rewritten while it was read is copied again, and after `TRIES` copies
that each saw a change it is not read at all (point 4) — a mix of two versions that never
existed on disk is never filed. The source is opened without waiting (a FIFO or a device is
refused before any read), and every chunk reports progress, so the caller can stop a read that
stalls (point 5). Attachments split out of an email are written to staging the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop_app.core.documents import Staged
from desktop_app.ingest.parse import os_reason

CHUNK = 1 << 20
TRIES = 3
Progress = Callable[[int], None]
CHANGED = f"it changed while it was being read ({TRIES} tries); nothing was stored"
NOT_REGULAR = "is not a regular file (a device, pipe or socket)"


class NotReadError(Exception):
    """The source could not be copied; ``reason`` says why, for a person.

    ``store_failed``: the library, not the file, was the problem (a full disk while writing the
    copy), so the import should stop rather than go on to the next file.
    """

    def __init__(self, reason: str, *, store_failed: bool = False) -> None:
        """An error carrying ``reason``."""
        super().__init__(reason)
        self.reason = reason
        self.store_failed = store_failed


class _StoreError(Exception):
    """Writing the copy failed (``error``): the library's side, not the source's."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def part_name(staging: Path) -> Path:
    """A fresh name for a copy in ``staging`` (the blob store accepts only these)."""
    return staging / f"{secrets.token_hex(8)}.part"


def _ignore(_copied: int) -> None:
    """No progress report."""


def stage_copy(source: Path, target: Path, progress: Progress = _ignore) -> Staged:
    """Copy ``source`` to ``target`` (created, private), hashing it; raises `NotReadError`.

    ``target`` is removed again when the copy fails.
    """
    try:
        for _attempt in range(TRIES):
            staged = _copy_once(source, target, progress)
            if staged is not None:
                return staged
    except _StoreError as failed:
        target.unlink(missing_ok=True)
        why = failed.error.strerror or type(failed.error).__name__
        raise NotReadError(f"its copy could not be written: {why}", store_failed=True) from None
    except OSError as error:
        target.unlink(missing_ok=True)
        raise NotReadError(os_reason(error)) from None
    raise NotReadError(CHANGED)


def _copy_once(source: Path, target: Path, progress: Progress) -> Staged | None:
    """One copy; None when the source changed while it was read."""
    fd = _open_source(source)
    try:
        before = os.fstat(fd)
        with _private(target) as out:
            sha, md5, size = _pump(fd, out, progress)
            _sync(out)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if size != after.st_size or _version(before) != _version(after):
        target.unlink(missing_ok=True)
        return None
    return Staged(str(target), sha, md5, size)


def _version(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _open_source(source: Path) -> int:
    """A blocking descriptor on ``source``, refused unless it is a regular file.

    It is opened without blocking first, so a FIFO with no writer is refused instead of
    waiting forever.
    """
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotReadError("is a folder" if stat.S_ISDIR(mode) else NOT_REGULAR)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


@contextlib.contextmanager
def _private(target: Path) -> Iterator[int]:
    """A new file only its owner can read, never through a link; removed if the copy fails."""
    target.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        out = os.open(target, flags, 0o600)
    except OSError as error:
        raise _StoreError(error) from None
    try:
        yield out
    except BaseException:
        os.close(out)
        target.unlink(missing_ok=True)
        raise
    os.close(out)


def _pump(fd: int, out: int, progress: Progress) -> tuple[str, str, int]:
    sha, md5, size = hashlib.sha256(), hashlib.md5(usedforsecurity=False), 0
    while chunk := os.read(fd, CHUNK):
        sha.update(chunk)
        md5.update(chunk)
        write_all(out, chunk)
        size += len(chunk)
        progress(size)
    return sha.hexdigest(), md5.hexdigest(), size


def write_all(out: int, data: bytes) -> None:
    """Write all of ``data`` to the copy; a failure is the library's (`_StoreError`)."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(out, view) :]
    except OSError as error:
        raise _StoreError(error) from None


def _sync(out: int) -> None:
    try:
        os.fsync(out)
    except OSError as error:
        raise _StoreError(error) from None


def stage_bytes(data: bytes, staging: Path) -> Staged:
    """Write bytes (an attachment split out of an email) to a new copy in ``staging``."""
    target = part_name(staging)
    with _private(target) as out:
        write_all(out, data)
        _sync(out)
    sha = hashlib.sha256(data).hexdigest()
    md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()
    return Staged(str(target), sha, md5, len(data))


def read_staged(staged: Staged) -> bytes:
    """The bytes of a copy, read back for parsing."""
    fd = os.open(staged.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(staged.size + 1)
    finally:
        os.close(fd)
