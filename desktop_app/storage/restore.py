"""Restoring a backup: check it whole, then swap it in without ever deleting the old library.

Order (nothing in the data dir changes before step 3): (1) check the backup completely, copying
its database into a staging folder beside the data dir; (2) take the library lock (refused
while another process holds it) and look at what the data dir holds; a library with data is
replaced only when asked; (3) copy and re-hash every blob into staging, fsync; (4) move the old
library's files (everything but the lock and the logs) into ``<data-dir>.before-restore-<UTC>``;
(5) rename the staged blobs and then the database into the data dir, fsync.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.errors import LibraryError, UserError
from desktop_app.paths import LibraryPaths, key_dir
from desktop_app.storage import anchor, files, restore_journal, snapshot
from desktop_app.storage.anchor import Head
from desktop_app.storage.backup import blob_path
from desktop_app.storage.backup_check import CheckedBackup, check_backup
from desktop_app.storage.keystore import KeyStore
from desktop_app.storage.lock import LibraryLock
from desktop_app.storage.manifest import BLOBS, DATABASE, BackupDamagedError, Manifest
from desktop_app.storage.restore_journal import INSTALLING, KEPT_IN_PLACE, MOVING


class LibraryHoldsDataError(UserError):
    """The library folder holds a library with data; restoring needs ``replace`` (asked for)."""

    def __init__(self, root: Path, what: str, aside: Path) -> None:
        super().__init__(
            f"{root} holds {what}; run again with --replace to keep it aside, in a new folder "
            f"beside it ({root.name}.before-restore-DATE), and restore."
        )
        self.root, self.what, self.aside = root, what, aside


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup's manifest and where the old library was put."""

    manifest: Manifest
    kept_aside: Path | None
    sealed: bool = True
    replaced: str | None = None
    """The identity of the library put aside (None when it had none or could not be read)."""


@dataclass(frozen=True)
class Existing:
    """What the data dir held before a restore; counts are None when it cannot be read."""

    entries: tuple[Path, ...]
    matters: int | None = 0
    originals: int | None = 0
    library: str | None = None

    @property
    def has_data(self) -> bool:
        """True unless the old library is provably empty (no matters, no originals)."""
        return bool(self.entries) and (self.matters != 0 or self.originals != 0)

    def describe(self) -> str:
        """What the old library holds, for the refusal message."""
        if self.matters is None or self.originals is None:
            return "a library that cannot be read"
        if self.matters == 0:
            return f"{self.originals} original files (and no matters)"
        return "1 matter" if self.matters == 1 else f"{self.matters} matters"


def restore(
    paths: LibraryPaths,
    source: Path,
    *,
    replace: bool = False,
    accept_unsealed: bool = False,
    aside: Path | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Restored:
    """Restore the backup in ``source`` into the library folder of ``paths``.

    ``accept_unsealed``: restore a sound backup whose manifest has no seal this computer can
    check (`backup_check.UnsealedBackupError` otherwise). ``aside``: where ``replace`` puts the
    library that was there (the folder a `LibraryHoldsDataError` named; by default a new
    sibling named from the time). The restored chain is anchored at the backup's head
    (`anchor.reset`).
    """
    root = paths.root
    source = Path(source).absolute()
    root.mkdir(mode=files.PRIVATE_DIR, parents=True, exist_ok=True)
    lock = LibraryLock(paths.lock)
    lock.acquire()
    try:
        restore_journal.recover(root)  # an earlier restore killed half-way: finished first
        try:
            files.remove_siblings(root, "restoring")  # copies left by restores killed earlier
            staging = files.private_sibling(root, "restoring")
        except OSError as exc:
            raise UserError(f"Cannot restore into {root}: {exc.strerror or exc}.") from None
        try:
            checked = _check(source, staging, accept_unsealed)
            done = _swap_in(paths, checked, staging, replace, aside or _aside_name(root, now()))
            _anchor(paths, checked, done)
            return done
        finally:
            files.remove_tree(staging)
    finally:
        lock.release()


def _expect(checked: CheckedBackup, old: str | None, aside: Path) -> None:
    """Tell the anchor the chain may end at the backup's head: a kill mid-swap is no tamper.

    When the library being replaced is the same library (``old``), its copy is put aside in
    ``aside`` with the head it has now.
    """
    manifest = checked.manifest
    if manifest.library is not None:
        head = Head(manifest.head_seq, manifest.head_hash)
        kept = aside if old == manifest.library else None
        anchor.expect(KeyStore(key_dir()), manifest.library, head, kept)


def _anchor(paths: LibraryPaths, checked: CheckedBackup, done: Restored) -> None:
    """Anchor the restored chain at the backup's head.

    Another library put aside keeps its anchor, noted under its new folder; the same library put
    aside was listed among the anchor's asides in `_expect`.
    """
    store = KeyStore(key_dir())
    manifest = checked.manifest
    old = done.replaced
    if done.kept_aside is not None and old is not None and old != manifest.library:
        anchor.moved(store, old, done.kept_aside, paths.root)
    if manifest.library is None:
        return  # anchored at its first open for writing, once migration 0012 names it
    how = "sealed" if checked.sealed else "unsealed, accepted by counsel"
    note = (
        f"restored from the backup {checked.folder} made {manifest.created_at} ({how}); the "
        f"chain now ends at entry {manifest.head_seq}"
    )
    head = Head(manifest.head_seq, manifest.head_hash)
    anchor.reset(store, manifest.library, paths.root, head, note)


def _check(source: Path, staging: Path, accept_unsealed: bool) -> CheckedBackup:
    try:
        return check_backup(source, staging, accept_unsealed=accept_unsealed)
    except OSError as exc:
        raise BackupDamagedError(
            f"The backup in {source} could not be read ({exc.strerror or exc}). Nothing was "
            "changed."
        ) from None


def _swap_in(
    paths: LibraryPaths,
    checked: CheckedBackup,
    staging: Path,
    replace: bool,
    aside: Path,
) -> Restored:
    """Move the old library aside into ``aside`` and the checked backup in (lock held)."""
    root = paths.root
    existing = _existing(paths)
    if existing.has_data and not replace:
        raise LibraryHoldsDataError(root, existing.describe(), aside)
    _stage_blobs(checked, staging / BLOBS)
    _expect(checked, existing.library, aside)  # only now: a refused restore leaves no head
    try:
        restore_journal.write(root, aside, MOVING)
        kept = _move_aside(root, aside) if existing.entries else None
        restore_journal.write(root, aside, INSTALLING)
        _install(staging, root)
        restore_journal.finish(root)
    except OSError as exc:
        raise LibraryError(
            f"The restore into {root} stopped ({exc.strerror or exc}). The old library "
            f"is kept in {aside} if it was moved; nothing was deleted."
        ) from None
    return Restored(checked.manifest, kept, checked.sealed, existing.library)


def _existing(paths: LibraryPaths) -> Existing:
    """What the data dir holds besides the lock and the logs (empty folders do not count)."""
    entries = tuple(
        sorted(
            entry
            for entry in paths.root.iterdir()
            if entry.name not in KEPT_IN_PLACE and not files.is_empty_tree(entry)
        )
    )
    if not entries:
        for entry in paths.root.iterdir():
            if entry.name not in KEPT_IN_PLACE:
                files.remove_tree(entry)  # only empty folders are left here
        return Existing(())
    return _counted(paths, entries)


def _counted(paths: LibraryPaths, entries: tuple[Path, ...]) -> Existing:
    """How many matters and originals the old library holds, read without changing it."""
    if not paths.database.is_file():
        return Existing(entries, None, None)
    try:
        # Read-write on purpose: we hold the lock, and closing the last connection folds a
        # leftover -wal back in, as the app would; a read-only one would leave -wal/-shm behind.
        conn = sqlite3.connect(paths.database, isolation_level=None)
        conn.execute("PRAGMA trusted_schema=OFF")
    except sqlite3.Error:
        return Existing(entries, None, None)
    try:
        matters = int(conn.execute("SELECT count(*) FROM matters").fetchone()[0])
        originals = int(conn.execute("SELECT count(*) FROM blobs").fetchone()[0])
        library = snapshot.library_in(conn)
    except sqlite3.Error:
        return Existing(entries, None, None)
    finally:
        conn.close()
    return Existing(entries, matters, originals, library)


def _aside_name(root: Path, at: datetime) -> Path:
    base = f"{root.name}.before-restore-{at.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"
    candidate, n = root.parent / base, 1
    while candidate.exists():
        n += 1
        candidate = root.parent / f"{base}-{n}"
    return candidate


def _stage_blobs(checked: CheckedBackup, target: Path) -> None:
    target.mkdir(mode=files.PRIVATE_DIR)
    for blob in checked.manifest.blobs:
        origin = blob_path(checked.folder / BLOBS, blob.sha256)
        try:
            sha256, size = files.copy_hashed(origin, blob_path(target, blob.sha256), read_only=True)
        except OSError as exc:
            raise BackupDamagedError(
                f"The backup in {checked.folder} could not be read ({exc.strerror or exc}). "
                "Nothing was changed."
            ) from None
        if (sha256, size) != (blob.sha256, blob.size):
            raise BackupDamagedError(
                f"The backup in {checked.folder} changed while it was being restored "
                f"({blob.sha256[:12]}… no longer matches). Nothing was changed."
            )
    files.fsync_file(checked.database_copy)
    files.fsync_tree(target)
    files.fsync_dir(target.parent)


def _move_aside(root: Path, aside: Path) -> Path:
    """Move the old library's files (all but the lock and logs) into the sibling ``aside``."""
    aside.mkdir(mode=files.PRIVATE_DIR)
    for entry in root.iterdir():
        if entry.name not in KEPT_IN_PLACE:
            os.replace(entry, aside / entry.name)
    files.fsync_dir(aside)
    files.fsync_dir(root)
    files.fsync_dir(root.parent)
    return aside


def _install(staging: Path, root: Path) -> None:
    """Rename the staged blobs, then the database, into the (now emptied) data dir."""
    os.replace(staging / BLOBS, root / BLOBS)
    os.replace(staging / DATABASE, root / DATABASE)
    files.fsync_dir(root)
