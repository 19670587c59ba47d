"""The blob store: every original kept byte for byte under its SHA-256.

See docs/architecture.md#the-library-on-disk and docs/reliability.md T1.

Protocol: write to ``staging/``, fsync, ``os.replace`` into ``blobs/ab/cd/<sha256>``, fsync the
folder, and only then may the caller commit the row that names it. Blobs are read-only on disk
and never rewritten; the same content is stored once. Staging is swept when a writer opens.

A new blob is announced first by a marker ``staging/<sha256>.pending``: if the transaction that
was to name it rolls back, the library removes the blob (``abandon``); if the process dies
first, the next open finds the marker and removes the blob unless a row names it. So the bytes
of a filing that never happened do not stay behind in ``blobs/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.documents import Blob, Staged
from desktop_app.errors import LibraryError, NotFoundError
from desktop_app.storage import files

READ_ONLY = stat.S_IRUSR  # the owner's only: originals are privileged
PENDING = ".pending"
PART = ".part"
Known = Callable[[str], bool]


class BlobStore:
    """Content-addressed originals in ``root``, written through ``staging``."""

    def __init__(self, root: Path, staging: Path) -> None:
        self._root = root
        self._staging = staging
        self._fresh: set[str] = set()

    def path(self, sha256: str) -> Path:
        """Where the blob with this hash lives (it may not exist)."""
        if not _is_hash(sha256):
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
        if target.exists() and _holds(target, blob.sha256):
            return blob
        try:
            self._announce(blob.sha256)
            self._write(target, data)
        except OSError as exc:
            self._retract(blob.sha256)
            raise _not_stored(exc) from exc
        return blob

    def staging_area(self) -> Path:
        """The private folder where readers copy originals before they are filed."""
        files.make_dirs_private(self._staging)
        return self._staging

    def adopt(self, staged: Staged) -> Blob:
        """Move a reader's copy from staging into the store once its hash is checked again.

        The copy must be a plain ``.part`` file directly in staging (a reader cannot name any
        other file), and must still hold the bytes the reader hashed while copying: a copy
        changed since (by a reader a hostile file took over) is refused.
        """
        source = self._staged_path(staged.path)
        try:
            sha256, md5, size = files.fixity_of(source)
        except OSError as exc:
            raise LibraryError(
                f"The reader's copy of a file could not be read back: {exc.strerror or exc}. "
                "This file was not filed; import it again."
            ) from exc
        if (sha256, size) != (staged.sha256, staged.size):
            source.unlink(missing_ok=True)
            raise LibraryError(
                "The reader's copy of a file changed after it was read. "
                "This file was not filed; import it again."
            )
        blob = Blob(sha256, md5, size)
        target = self.path(sha256)
        if target.exists() and _holds(target, sha256):
            source.unlink()
            return blob
        try:
            self._announce(sha256)
            self._install(source, target)
        except OSError as exc:
            self._retract(sha256)
            raise _not_stored(exc) from exc
        return blob

    def _staged_path(self, name: str) -> Path:
        path = Path(name)
        if path.parent != self._staging or not path.name.endswith(PART) or path.is_symlink():
            raise LibraryError(f"The reader named a file outside staging ({path.name!r}).")
        return path

    def _announce(self, sha256: str) -> None:
        self._staging.mkdir(parents=True, exist_ok=True)
        marker = self._staging / f"{sha256}{PENDING}"
        marker.touch(mode=files.PRIVATE_FILE)
        _fsync_dir(self._staging)
        self._fresh.add(sha256)

    def _retract(self, sha256: str) -> None:
        """Undo a ``put`` that failed half-way (a full disk): no file, no marker."""
        if sha256 in self._fresh:
            self._fresh.discard(sha256)
            with contextlib.suppress(OSError, LibraryError):
                self.discard(sha256)
        with contextlib.suppress(OSError):
            (self._staging / f"{sha256}{PENDING}").unlink(missing_ok=True)

    def settle(self, named: set[str]) -> None:
        """After a commit: forget the markers of the new blobs its rows named.

        A new blob the transaction did not name (a file filed again as a duplicate, whose
        missing original ``put`` restored) keeps its marker: the next open removes it only if
        no row names it.
        """
        for sha256 in self._fresh & named:
            (self._staging / f"{sha256}{PENDING}").unlink(missing_ok=True)
        self._fresh.clear()

    def abandon(self) -> None:
        """After a rollback: remove the blobs written since the last transaction ended."""
        for sha256 in self._fresh:
            self.discard(sha256)
            (self._staging / f"{sha256}{PENDING}").unlink(missing_ok=True)
        self._fresh.clear()

    def _write(self, target: Path, data: bytes) -> None:
        temp = self._staging / f"{secrets.token_hex(8)}{PART}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            self._install(temp, target)
        finally:
            temp.unlink(missing_ok=True)

    def _install(self, temp: Path, target: Path) -> None:
        """Move a durable file from staging to its place in the store, read-only."""
        os.chmod(temp, READ_ONLY)
        files.make_dirs_private(target.parent)
        if target.is_symlink():  # planted: replace the link, never touch its target
            target.unlink()
        elif target.exists():  # a damaged copy left by a crash: replace it
            target.chmod(stat.S_IWUSR | stat.S_IRUSR)
        os.replace(temp, target)
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
        does not reach the old cells (docs/reliability.md T15).
        """
        target = self.path(sha256)
        try:
            if not target.is_symlink():  # a link is removed, its target left alone
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

    def sweep_staging(self, known: Known) -> int:
        """Remove what a crash left: half-written files, and new blobs no row came to name.

        Returns how many files were removed from staging.
        """
        if not self._staging.exists():
            return 0
        swept = 0
        for leftover in self._staging.iterdir():
            if leftover.is_symlink():  # planted: the link goes, what it points to is untouched
                leftover.unlink()
                swept += 1
                continue
            if not leftover.is_file():
                continue
            sha256 = leftover.name.removesuffix(PENDING)
            if leftover.name.endswith(PENDING) and _is_hash(sha256) and not known(sha256):
                self.discard(sha256)
            leftover.chmod(stat.S_IWUSR | stat.S_IRUSR)
            leftover.unlink()
            swept += 1
        return swept


def _not_stored(exc: OSError) -> LibraryError:
    return LibraryError(
        f"Could not store the file in the library: {exc.strerror}. "
        "This file was not filed; free some space and try again."
    )


def _is_hash(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _holds(path: Path, sha256: str) -> bool:
    """Whether the stored file really has these bytes (a crash may have left a damaged one)."""
    return files.sha256_of(path)[0] == sha256


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
