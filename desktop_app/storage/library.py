"""A library: its folder, its SQLite connection, its lock, and its write transactions.

``Library.open(paths, write=True)`` takes the single-writer lock, creates the folders, runs the
migrations and checks the file; ``write=False`` opens read-only (for a second window, or for
reading while another process writes). A library failing ``quick_check`` opens read-only with
``problem`` set, so what can be read still can be.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from desktop_app.errors import (
    LibraryDamagedError,
    LibraryTooNewError,
    ReadOnlyLibraryError,
)
from desktop_app.paths import LibraryPaths
from desktop_app.storage import audit
from desktop_app.storage.blobs import BlobStore
from desktop_app.storage.connection import connect, damaged, health_problem
from desktop_app.storage.lock import LibraryLock
from desktop_app.storage.migrations import MIGRATIONS_TABLE, migrations, unknown_migrations
from desktop_app.storage.unit_of_work import SqliteUnitOfWork


class Library:
    """An open library. Use from the thread that opened it; close when done."""

    def __init__(
        self,
        paths: LibraryPaths,
        db: Database,
        lock: LibraryLock | None,
        problem: str | None = None,
        clock: audit.Clock = audit.utc_now,
    ) -> None:
        self.paths = paths
        self.db = db
        self.problem = problem
        self.closed = False
        self.blobs = BlobStore(paths.blobs, paths.staging)
        self._lock = lock
        self._clock = clock

    @property
    def read_only(self) -> bool:
        """True when this library cannot be changed through this object."""
        return self._lock is None or self.problem is not None

    @classmethod
    def open(
        cls, paths: LibraryPaths, *, write: bool, clock: audit.Clock = audit.utc_now
    ) -> Library:
        """Open the library in ``paths``; see the module docstring for the two modes."""
        lock = _acquire(paths) if write else None
        db: Database | None = None
        try:
            db = Database(connect(paths.database, read_only=not write), execute_plugins=False)
            problem = health_problem(db.conn)
            if problem is None and write:
                _migrate(db, paths)
            elif problem is None:
                _refuse_unknown(db)
        except BaseException:
            if db is not None:
                db.close()
            if lock is not None:
                lock.release()
            raise
        library = cls(paths, db, lock, problem, clock)
        if write:
            library.blobs.sweep_staging()
        return library

    @contextmanager
    def transaction(self, actor: str) -> Iterator[SqliteUnitOfWork]:
        """One write transaction (BEGIN IMMEDIATE); nested calls become savepoints."""
        self._check_writable()
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield SqliteUnitOfWork(self.db, actor, self._clock)
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield SqliteUnitOfWork(self.db, actor, self._clock)
            conn.execute("COMMIT")
        except BaseException:
            # An error such as SQLITE_FULL or RAISE(ROLLBACK) may already have ended the
            # transaction; a failed COMMIT may have left it open. Either way, end it here and
            # let the original error through.
            if self.db.conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

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
    for folder in (paths.root, paths.blobs, paths.staging, paths.backups, paths.logs):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = LibraryLock(paths.lock)
    lock.acquire()
    return lock


def _migrate(db: Database, paths: LibraryPaths) -> None:
    _refuse_unknown(db)
    try:
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise damaged(paths.database, str(exc)) from exc


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
