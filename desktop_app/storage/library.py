"""A library: its folder, its SQLite connection, its lock, and its write transactions.

``Library.open(paths, write=True)`` takes the single-writer lock, creates the folders, runs the
migrations and checks the file; ``write=False`` opens read-only (for a second window, or for
reading while another process writes). A library failing ``quick_check`` opens read-only with
``problem`` set, so what can be read still can be.

``warnings`` holds what a person should be told but that does not stop the library opening: a
risky location (network share, FAT, cloud-sync folder) and a failed automatic backup. Before
pending migrations change a library that holds data, a backup generation is written first.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from desktop_app.errors import (
    LibraryDamagedError,
    LibraryError,
    LibraryTooNewError,
    ReadOnlyLibraryError,
    UserError,
)
from desktop_app.paths import LibraryPaths, key_dir
from desktop_app.storage import (
    anchor,
    audit,
    files,
    partial,
    queries,
    restore_journal,
    text_digest,
)
from desktop_app.storage.anchor import Head
from desktop_app.storage.backup import seal_late
from desktop_app.storage.blobs import BlobStore
from desktop_app.storage.connection import connect, health_problem, refusal
from desktop_app.storage.keystore import KeyStore, KeyStoreError
from desktop_app.storage.location import check_location
from desktop_app.storage.lock import LibraryLock
from desktop_app.storage.migrations import MIGRATIONS_TABLE, migrations, unknown_migrations
from desktop_app.storage.migrations import apply as apply_migrations
from desktop_app.storage.reads import Reads
from desktop_app.storage.rotation import DAILY_REASON, PRE_MIGRATION, backup_quietly, generations
from desktop_app.storage.rotation import daily_backup_due as _daily_due
from desktop_app.storage.unit_of_work import SqliteUnitOfWork

log = logging.getLogger(__name__)


class Library:
    """An open library. Use from the thread that opened it; close when done."""

    def __init__(
        self,
        paths: LibraryPaths,
        db: Database,
        lock: LibraryLock | None,
        problem: str | None = None,
        clock: audit.Clock = audit.utc_now,
        *,
        warnings: tuple[str, ...] = (),
    ) -> None:
        self.paths = paths
        self.db = db
        self.reads = Reads(db)
        self.problem = problem
        self.warnings: list[str] = list(warnings)
        self.closed = False
        self.blobs = BlobStore(paths.blobs, paths.staging)
        self._naming: set[str] = set()  # originals the open transaction records rows for
        self._lock = lock
        self._clock = clock
        self.keys = KeyStore(key_dir())
        writer = lock is not None and problem is None  # a damaged file is never written
        self.identity = text_digest.identity(db) if writer else queries.library_id(db)

    @property
    def read_only(self) -> bool:
        """True when this library cannot be changed through this object."""
        return self._lock is None or self.problem is not None

    def check(self) -> str | None:
        """Run the ``quick_check`` skipped at open; a failure makes this library read-only.

        Returns what is wrong, or None. Run on the thread that owns the connection; every later
        write through this object is refused once it has failed.
        """
        problem = health_problem(self.db.conn)
        if problem is not None:
            self.problem = problem
        return problem

    @property
    def warning(self) -> str | None:
        """Every warning about this library in one text (one paragraph each), or None."""
        return "\n".join(self.warnings) or None

    def signing_seed(self) -> bytes:
        """The seed of this library's Ed25519 signing key, made on first use.

        Kept in the key store (`KeyStore.signing_path`), outside the library folder, so a copy
        of the library does not carry it.
        """
        if self.identity is None:
            raise LibraryError(
                "This library has no identity yet, so it cannot sign; open it once for writing."
            )
        return self.keys.signing_seed_or_new(self.identity)

    def daily_backup(self, now: datetime | None = None) -> str | None:
        """Write the daily backup generation if one is due; return a warning if it failed.

        Safe to call from any thread (it reads through a connection of its own), e.g. when the
        window closes. Does nothing on a library opened read-only or failing its check.
        """
        at = now or datetime.now(UTC)
        if self.read_only or not _daily_due(self.paths, at):
            return None
        return backup_quietly(self.paths, DAILY_REASON, now=lambda: at)

    @classmethod
    def open(
        cls,
        paths: LibraryPaths,
        *,
        write: bool,
        clock: audit.Clock = audit.utc_now,
        checked: bool = False,
    ) -> Library:
        """Open the library in ``paths``; see the module docstring for the two modes.

        ``checked``: skip ``quick_check`` (it reads the whole file) — a writer in this process
        has just passed it on this file, or the window runs it after its first paint (`check`).
        A migration is still safe then: it runs only after a backup whose copy passed
        ``integrity_check``.
        """
        lock = _acquire(paths) if write else None
        db: Database | None = None
        warnings = [w for w in (check_location(paths.root),) if w]
        try:
            db = Database(connect(paths.database, read_only=not write), execute_plugins=False)
            problem = health_problem(db.conn, quick_check=not checked)
            made_before = set(generations(paths)) if write else set()
            if problem is None and write:
                warnings += _migrate(db, paths)
            elif problem is None:
                _refuse_unknown(db)
        except BaseException:
            if db is not None:
                db.close()
            if lock is not None:
                lock.release()
            raise
        library = cls(paths, db, lock, problem, clock, warnings=tuple(warnings))
        if write:
            library.blobs.sweep_staging(library._named)
            if problem is None:
                library._cover_text()
                library._adopt()
                library._seal_upgrade_backup(made_before)
        return library

    def _seal_upgrade_backup(self, before: set[Path]) -> None:
        """Seal the pre-upgrade backup this open made, if it was made before a key existed."""
        for generation in set(generations(self.paths)) - before:
            try:
                seal_late(generation)
            except (UserError, OSError) as exc:
                log.warning("the pre-upgrade backup was left unsealed: %s", type(exc).__name__)

    def _adopt(self) -> None:
        """Anchor the chain as it is when this computer holds no anchor for it yet.

        Otherwise settle a restore the anchor was told of but that was killed before it could
        say it was done.
        """
        if self.identity is None:
            return
        try:
            with self.keys.locked(self.identity):
                head = Head(*audit.head(self.db))
                if anchor.load(self.keys, self.identity).anchor is None:
                    root, hash_at = self.paths.root, self._hash_at
                    anchor.advance(self.keys, self.identity, root, head, head, hash_at=hash_at)
                else:
                    anchor.resolve(self.keys, self.identity, self.paths.root, head)
        except BaseException:
            self.close()
            raise

    def _cover_text(self) -> None:
        """Hash the text of documents filed by an older version into the chain (once).

        Only before this computer anchors the library: once anchored, every text is in the
        chain as it is filed, so a library that says otherwise was changed outside the app.
        """
        if text_digest.covered(self.db):
            return
        try:
            if self.identity and anchor.load(self.keys, self.identity).anchor is not None:
                with self.keys.locked(self.identity):
                    anchor.note_break(self.keys, self.identity, text_digest.RESET_FOUND)
                return
            with self.transaction("compliance-desk upgrade") as tx:
                tx.cover_text()
        except BaseException:
            self.close()
            raise

    def _hash_at(self, seq: int) -> str | None:
        row = self.db.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
        return None if row is None else str(row[0])

    @contextmanager
    def transaction(self, actor: str) -> Iterator[SqliteUnitOfWork]:
        """One write transaction (BEGIN IMMEDIATE); nested calls become savepoints."""
        self._check_writable()
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                inner = SqliteUnitOfWork(self.db, actor, self._clock, self._naming)
                yield inner
                inner.flush()
            return
        self._naming = set()
        try:
            conn.execute("BEGIN IMMEDIATE")
            start = Head(*audit.head(self.db))
            tx = SqliteUnitOfWork(self.db, actor, self._clock, self._naming)
            yield tx
            tx.flush()  # the search index is exact at commit
            self._commit(start)
        except BaseException:
            # An error such as SQLITE_FULL or RAISE(ROLLBACK) may already have ended the
            # transaction; a failed COMMIT may have left it open. Either way, end it here and
            # let the original error through.
            if self.db.conn.in_transaction:
                conn.execute("ROLLBACK")
            self.blobs.abandon()
            raise
        self.blobs.settle(self._naming)

    def _commit(self, start: Head) -> None:
        """COMMIT, anchoring the chain's new head first when the transaction appended to it."""
        end = Head(*audit.head(self.db))
        if end == start or self.identity is None:
            self.db.conn.execute("COMMIT")
            return
        with self.keys.locked(self.identity):
            root, hash_at = self.paths.root, self._hash_at
            anchor.advance(self.keys, self.identity, root, start, end, hash_at=hash_at)
            self.db.conn.execute("COMMIT")
            try:  # committed: ``before`` is no longer a place the chain may end
                anchor.settle(self.keys, self.identity, end)
            except KeyStoreError as exc:
                log.warning("the audit anchor was not settled: %s", type(exc).__name__)

    def publish(self, head: tuple[int, str], what: str) -> bool:
        """Add a head printed on a memo or written to a backup to the anchor's published list."""
        if self.identity is None:
            return False
        try:
            return anchor.publish(self.keys, self.identity, Head(*head), what)
        except KeyStoreError as exc:
            log.warning("a published head was not anchored: %s", type(exc).__name__)
            return False

    def _named(self, sha256: str) -> bool:
        """Whether a committed row names the blob with this hash."""
        return queries.blob_fixity(self.db, sha256) is not None

    def close(self) -> None:
        """Close the connection and release the lock."""
        try:
            if not self.read_only:
                self.db.execute("PRAGMA optimize")
        finally:
            self.closed = True
            self.db.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def _check_writable(self) -> None:
        if self.problem is not None:
            raise LibraryDamagedError(
                f"The library {self.paths.database} failed its check ({self.problem}) and is "
                "open read-only. Restore it from a backup before changing anything."
            )
        if self._lock is None:
            raise ReadOnlyLibraryError("This library is open read-only.")


def _acquire(paths: LibraryPaths) -> LibraryLock:
    try:
        _private_folder(paths.root)
        lock = LibraryLock(paths.lock)
        lock.acquire()
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        raise ReadOnlyLibraryError(
            f"The library folder {paths.root} cannot be written ({exc.strerror}): it is on a "
            "read-only volume or not yours to change, so nothing can be changed in it."
        ) from None
    try:
        if restore_journal.recover(paths.root):  # before anything is made in its place
            log.warning("an interrupted restore was finished or undone at open")
        for folder in (paths.blobs, paths.staging, paths.backups, paths.logs):
            _private_folder(folder)
        _sweep_partial_backups(paths.backups)
        files.remove_siblings(paths.root, "restoring")  # a restore builds one only under the lock
        files.create_private(paths.database)  # SQLite gives -wal and -shm the same mode
        for name in (paths.database, *_sidecars(paths.database)):
            files.make_private(name, files.PRIVATE_FILE)
    except BaseException:
        lock.release()
        raise
    return lock


def _sweep_partial_backups(backups: Path) -> None:
    """Remove the half-built copies a killed automatic backup left (``.NAME.partial-*``)."""
    partial.sweep_folder(backups, ".*.partial-*")


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=files.PRIVATE_DIR)
    files.make_private(folder, files.PRIVATE_DIR)


def _sidecars(database: Path) -> tuple[Path, ...]:
    return tuple(database.with_name(database.name + end) for end in ("-wal", "-shm", "-journal"))


def _migrate(db: Database, paths: LibraryPaths) -> list[str]:
    """Apply pending migrations, after backing up a library with data.

    When that backup fails the library is not changed: a schema upgrade of evidence without a
    copy to go back to is refused (LibraryError, with the reason and what to do).
    """
    _refuse_unknown(db)
    warnings: list[str] = []
    try:
        if migrations.pending(db) and _holds_data(db):
            failed = backup_quietly(paths, PRE_MIGRATION, source=db.conn)
            if failed:
                raise LibraryError(
                    "This version of Compliance Desk must upgrade the library, and backs it "
                    f"up first; the backup failed. {failed} Nothing was changed: free space or "
                    "fix what the message names, or keep using the version that made it."
                )
        apply_migrations(db)
    except sqlite3.DatabaseError as exc:
        raise refusal(paths.database, exc) from exc
    return warnings


def _holds_data(db: Database) -> bool:
    """True when the library has any matter or audit entry (a new library has neither)."""
    if not (db.table("matters").exists() and db.table("audit").exists()):
        return False
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM matters) OR EXISTS (SELECT 1 FROM audit)"
    ).fetchone()
    return bool(row[0])


def _refuse_unknown(db: Database) -> None:
    if not db.table(MIGRATIONS_TABLE).exists():
        return
    unknown = unknown_migrations(db)
    if unknown:
        raise LibraryTooNewError(
            "This library was changed by a newer version of Compliance Desk (it has the "
            f"changes {', '.join(unknown)}). Install that version to open it, or choose "
            "another library with --data-dir."
        )
