"""Careful file work: hashed reads and copies, fsync, and removing read-only trees.

Everything here streams in chunks, so a 1 GB original never sits in memory whole.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
PARALLEL_FROM = 1 << 16
"""Chunks at least this large have their two digests computed on two threads."""
READ_ONLY = stat.S_IRUSR
"""Originals and backups: readable by their owner only (privileged material)."""
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_HELPER: ThreadPoolExecutor | None = None
_HELPER_LOCK = threading.Lock()


class NotRegularFileError(OSError):
    """A library file that is a link, a FIFO, a device or a folder: never read."""


def open_regular(path: Path) -> int:
    """A descriptor on the library's own regular file ``path``, never through a link.

    A link in its place (``O_NOFOLLOW``) or in a folder between ``path`` and the library,
    a FIFO (opened without waiting for a writer), a device or a folder is refused: each would
    read something outside the library, or never end.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno == errno.ELOOP or path.is_symlink():
            raise NotRegularFileError(errno.ELOOP, "a link, not followed", str(path)) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
    return fd


def linked_between(root: Path, path: Path) -> Path | None:
    """The first folder between ``root`` and ``path`` that is a link, or None."""
    if root.is_symlink():
        return root
    folder = root
    for part in path.relative_to(root).parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            return folder
    return None


def chunks_of(path: Path) -> Iterator[bytes]:
    """The bytes of a file in chunks of at most ``CHUNK``.

    Plain ``os.read`` on a descriptor: no buffer object per file, which matters when a
    verify hashes 100,000 small originals (a fresh 1 MiB buffer each cost more than the hashing).
    """
    fd = open_regular(path)
    try:
        while chunk := os.read(fd, CHUNK):
            yield chunk
    finally:
        os.close(fd)


def sha256_of(path: Path) -> tuple[str, int]:
    """The SHA-256 and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks_of(path):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def fixity_of(path: Path) -> tuple[str, str, int]:
    """The SHA-256, MD5 and size of a file, read in chunks (the fixity a blob row records).

    hashlib lets go of the GIL while it hashes a large buffer, so for a large chunk the MD5 is
    computed on a helper thread while this one computes the SHA-256 of the same bytes (about a
    third faster on two idle cores). Small chunks are hashed here: handing them over costs more
    than it saves.
    """
    sha, md5, size = hashlib.sha256(), hashlib.md5(usedforsecurity=False), 0
    for chunk in chunks_of(path):
        if len(chunk) >= PARALLEL_FROM:
            pending = _helper().submit(md5.update, chunk)
            sha.update(chunk)
            pending.result()
        else:
            sha.update(chunk)
            md5.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), md5.hexdigest(), size


def _helper() -> ThreadPoolExecutor:
    """The one thread that computes second digests (made on first use)."""
    global _HELPER  # noqa: PLW0603 - made lazily, once per process
    with _HELPER_LOCK:
        if _HELPER is None:
            _HELPER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fixity-md5")
        return _HELPER


def remove_siblings(target: Path, kind: str) -> int:
    """Remove the folders `private_sibling` left beside ``target`` for ``kind``; how many.

    Call only while holding what keeps another process from building one (the library lock).
    """
    removed = 0
    for leftover in target.parent.glob(f".{target.name}.{kind}-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            remove_tree(leftover)
            removed += 1
    return removed


def private_sibling(target: Path, kind: str) -> Path:
    """Make a hidden, owner-only folder beside ``target`` (``.NAME.KIND-xxxxxxxx``) to build in.

    Work is assembled there and renamed into place only when complete, so a failure leaves
    nothing half-made under the real name. Raises OSError when the folder cannot be made.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = target.parent / f".{target.name}.{kind}-{secrets.token_hex(4)}"
    folder.mkdir(mode=PRIVATE_DIR)
    return folder


def copy_hashed(source: Path, target: Path, *, read_only: bool = False) -> tuple[str, int]:
    """Copy ``source`` to the new file ``target``, fsync it, and return the SHA-256 and size read.

    The hash is of the bytes actually written, so a caller comparing it with a recorded hash
    knows the copy is good. ``target`` must not exist.
    """
    digest = hashlib.sha256()
    size = 0
    make_dirs_private(target.parent)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(open_regular(source), "rb") as src, os.fdopen(fd, "wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    if read_only:
        os.chmod(target, READ_ONLY)
    return digest.hexdigest(), size


def write_replacing(data: bytes, target: Path, *, private: bool = False) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it, then swap it in.

    A file already at ``target`` is replaced only once the new one is complete and on disk; on
    failure the temporary file is removed and the OSError passes on. ``private``: the app's own
    file — 0600, no link followed at the temporary name, the folder fsynced after the swap.
    """
    temp = target.with_name(f".{target.name}.part")
    try:
        with _new_file(temp, private) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError:
        temp.unlink(missing_ok=True)
        raise
    if private:
        fsync_dir(target.parent)


def _new_file(temp: Path, private: bool) -> BinaryIO:
    if not private:
        return temp.open("wb")
    temp.unlink(missing_ok=True)  # a link planted there is removed, never written through
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    return os.fdopen(os.open(temp, flags | getattr(os, "O_BINARY", 0), PRIVATE_FILE), "wb")


def write_durably(target: Path, data: bytes) -> None:
    """Write the new file ``target`` and fsync it."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_file(path: Path) -> None:
    """Flush one existing file to disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk; a no-op on Windows."""
    if os.name == "nt":  # pragma: no cover - directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """Flush every folder under ``root`` (files are flushed as they are written)."""
    for folder, _dirs, _files in os.walk(root, topdown=False):
        fsync_dir(Path(folder))


def remove_tree(root: Path) -> None:
    """Delete ``root`` and everything in it, read-only files included; missing is fine."""
    if not root.exists() and not root.is_symlink():
        return
    if root.is_symlink() or not root.is_dir():
        root.unlink()
        return
    for folder, dirs, files in os.walk(root, topdown=False):
        base = Path(folder)
        for name in files:
            entry = base / name
            if not entry.is_symlink():
                entry.chmod(stat.S_IRUSR | stat.S_IWUSR)
            entry.unlink()
        for name in dirs:
            entry = base / name
            if entry.is_symlink():
                entry.unlink()
            else:
                entry.rmdir()
    root.rmdir()


def is_empty_tree(root: Path) -> bool:
    """True when ``root`` is a folder holding nothing but (possibly nested) empty folders."""
    if root.is_symlink() or not root.is_dir():
        return False
    return all(not files for _folder, _dirs, files in os.walk(root))


def make_private(path: Path, mode: int) -> None:
    """Take group and other permissions off the library's own ``path`` (POSIX; a link is left).

    Only a file or folder this user owns is changed, and never through a link: what a link
    points to lies outside the library.
    """
    if os.name != "posix":
        return
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(found.st_mode) or found.st_uid != os.getuid():
        return
    if stat.S_IMODE(found.st_mode) & 0o077:
        os.chmod(path, stat.S_IMODE(found.st_mode) & mode)


def create_private(path: Path) -> None:
    """Create an empty ``path`` readable by its owner only, unless something is there already."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(path, flags, PRIVATE_FILE))
    except FileExistsError:
        return


def make_dirs_private(folder: Path) -> None:
    """Make ``folder`` and any missing parents, each owner-only (``mkdir(parents=True)`` is not)."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_DIR, exist_ok=True)
