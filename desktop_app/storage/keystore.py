"""The key store: one secret key and one anchor per library, kept outside every library folder.

The folder (`desktop_app.paths.key_dir`) is private to its owner (0700), and its files are
0600. Each library is named by the 32-hex-digit id in its ``identity`` table; an id of any other
shape (a hostile library.db) is refused before it becomes part of a path. Files here are
opened without following links.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.errors import LibraryError
from desktop_app.storage import files
from desktop_app.storage.lock import waiting_for

KEY_BYTES = 32
LIBRARY_ID = re.compile(r"^[0-9a-f]{32}$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class KeyStoreError(LibraryError):
    """The key store cannot be read or written (named folder, reason, what to do)."""


class KeyStore:
    """The keys and anchors folder; nothing is created until something is written."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key_path(self, library_id: str) -> Path:
        """Where the key of a library lives."""
        return self.folder / f"{_checked(library_id)}.key"

    def anchor_path(self, library_id: str) -> Path:
        """Where the anchor of a library lives."""
        return self.folder / f"{_checked(library_id)}.anchor.json"

    def key(self, library_id: str) -> bytes | None:
        """The library's key, or None when this machine has none for it."""
        return self._secret(self.key_path(library_id), "audit key", "")

    def key_or_new(self, library_id: str) -> bytes:
        """The library's key, made (random, 0600) the first time it is needed."""
        found = self.key(library_id)
        if found is not None:
            return found
        self._write_new(self.key_path(library_id), "make the audit key")
        return self.key(library_id) or b""

    def signing_path(self, library_id: str) -> Path:
        """Where the library's Ed25519 signing key (its 32-byte seed) lives."""
        return self.folder / f"{_checked(library_id)}.signing"

    def signing_seed(self, library_id: str) -> bytes | None:
        """The seed of the library's signing key, or None when this machine has none."""
        return self._secret(
            self.signing_path(library_id), "signing key", " Colleagues trust its public key."
        )

    def _secret(self, path: Path, what: str, more: str) -> bytes | None:
        """The 32 bytes at ``path`` (None when absent); KeyStoreError when damaged."""
        data = self._read(path, KEY_BYTES + 1)
        if data is not None and len(data) != KEY_BYTES:
            raise KeyStoreError(
                f"The {what} {path} is damaged ({len(data)} bytes, not {KEY_BYTES}). Put back "
                f"the copy you keep of it.{more}"
            )
        return data

    def signing_seed_or_new(self, library_id: str) -> bytes:
        """The signing key's seed, made (random, 0600) on first use."""
        found = self.signing_seed(library_id)
        if found is not None:
            return found
        self._write_new(self.signing_path(library_id), "make the signing key")
        return self.signing_seed(library_id) or b""

    def _write_new(self, path: Path, what: str) -> None:
        """Write 32 random bytes to ``path`` unless it exists (another process was first)."""
        self._ensure_folder()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        try:
            fd = os.open(path, flags, files.PRIVATE_FILE)
        except FileExistsError:
            return
        except OSError as exc:
            raise self._failed(what, exc) from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        files.fsync_dir(self.folder)

    def anchor_text(self, library_id: str, limit: int) -> bytes | None:
        """The stored anchor of a library (at most ``limit`` bytes read), or None."""
        return self._read(self.anchor_path(library_id), limit)

    def write_anchor(self, library_id: str, data: bytes) -> None:
        """Replace the library's anchor atomically and durably."""
        self._ensure_folder()
        try:
            files.write_replacing(data, self.anchor_path(library_id), private=True)
        except OSError as exc:
            raise self._failed("record the audit anchor", exc) from None

    def anchored_ids(self) -> Iterator[str]:
        """The ids of every library anchored here."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.anchor.json")):
            name = path.name.removesuffix(".anchor.json")
            if LIBRARY_ID.match(name):
                yield name

    @contextmanager
    def locked(self, library_id: str) -> Iterator[None]:
        """Hold the library's anchor lock (writers from the anchor write through COMMIT)."""
        self._ensure_folder()
        try:
            with waiting_for(self.folder / f"{_checked(library_id)}.lock"):
                yield
        except OSError as exc:
            raise self._failed("lock the audit anchor", exc) from None

    def _ensure_folder(self) -> None:
        if self.folder.is_symlink():
            raise KeyStoreError(
                f"The key folder {self.folder} is a link; keys are kept only in a real folder. "
                "Replace the link with the folder, or set COMPLIANCE_DESK_KEY_DIR."
            )
        try:
            files.make_dirs_private(self.folder)
        except OSError as exc:
            raise self._failed("make the key folder", exc) from None
        files.make_private(self.folder, files.PRIVATE_DIR)

    def _read(self, path: Path, limit: int) -> bytes | None:
        try:
            fd = files.open_regular(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._failed("read " + path.name, exc) from None
        with os.fdopen(fd, "rb") as handle:
            return handle.read(limit)

    def _failed(self, what: str, exc: OSError) -> KeyStoreError:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        return KeyStoreError(
            f"Could not {what} in {self.folder} ({reason}); nothing was saved. The keys and "
            "the audit anchor live outside the library: free space there or set "
            "COMPLIANCE_DESK_KEY_DIR to a folder you can write."
        )


def _checked(library_id: str) -> str:
    if not LIBRARY_ID.match(library_id):
        raise KeyStoreError(f"{library_id[:40]!r} is not a library id; the library is damaged.")
    return library_id
