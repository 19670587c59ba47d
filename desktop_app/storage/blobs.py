"""The blob store: every original kept byte for byte under its SHA-256 (ARCHITECTURE §2).

Protocol: write to ``staging/``, fsync, ``os.replace`` into ``blobs/ab/cd/<sha256>``, fsync the
folder, and only then may the caller commit the row that names it. Blobs are read-only on disk
and never rewritten; the same content is stored once. Staging is swept when a writer opens.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from pathlib import Path

from desktop_app.core.documents import Blob
from desktop_app.errors import LibraryError, NotFoundError

READ_ONLY = stat.S_IRUSR | stat.S_IRGRP


class BlobStore:
    """Content-addressed originals in ``root``, written through ``staging``."""

    def __init__(self, root: Path, staging: Path) -> None:
        self._root = root
        self._staging = staging

    def path(self, sha256: str) -> Path:
        """Where the blob with this hash lives (it may not exist)."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise NotFoundError(f"{sha256!r} is not a SHA-256 hash.")
        return self._root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> Blob:
        """Store ``data`` durably and return its fixity; existing content is not rewritten."""
        blob = Blob(
            hashlib.sha256(data).hexdigest(),
            hashlib.md5(data, usedforsecurity=False).hexdigest(),
            len(data),
        )
        target = self.path(blob.sha256)
        if target.exists() and target.stat().st_size == blob.size:
            return blob
        try:
            self._write(target, data)
        except OSError as exc:
            raise LibraryError(
                f"Could not store the file in the library: {exc.strerror}. "
                "This file was not filed; free some space and try again."
            ) from exc
        return blob

    def _write(self, target: Path, data: bytes) -> None:
        self._staging.mkdir(parents=True, exist_ok=True)
        temp = self._staging / f"{secrets.token_hex(8)}.part"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, READ_ONLY)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        _fsync_dir(target.parent)

    def read(self, sha256: str) -> bytes:
        """The bytes of a stored original."""
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise NotFoundError(
                f"The original {sha256[:12]}… is missing from the library's "
                "blob store; restore it from a backup."
            ) from None

    def discard(self, sha256: str) -> None:
        """Delete a stored original; call only after the rows naming it are committed away.

        Nothing happens when it is already gone. Overwriting first is not attempted: on an SSD it
        does not reach the old cells (RELIABILITY T15).
        """
        target = self.path(sha256)
        try:
            target.chmod(stat.S_IWUSR | stat.S_IRUSR)  # Windows refuses to unlink read-only
            target.unlink()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise LibraryError(
                f"Could not remove the original {sha256[:12]}… from the blob store: "
                f"{exc.strerror}. Its records are already deleted."
            ) from exc
        _fsync_dir(target.parent)

    def sweep_staging(self) -> int:
        """Remove half-written files left by a crash; return how many."""
        if not self._staging.exists():
            return 0
        swept = 0
        for leftover in self._staging.iterdir():
            if leftover.is_file():
                leftover.chmod(stat.S_IWUSR | stat.S_IRUSR)
                leftover.unlink()
                swept += 1
        return swept


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
