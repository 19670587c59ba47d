"""SQLite's errors sorted into the environment's (shown to the person) and ours (a bug).

The one place that maps SQLite error codes (docs/development.md#errors). Anything not listed stays
an exception, which the faces treat as a bug.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.errors import LibraryDamagedError, LibraryError, LibraryLockedError, UserError

DAMAGED = ("malformed", "not a database", "corrupt", "SQLITE_CORRUPT", "SQLITE_NOTADB")
FULL = ("database or disk is full", "SQLITE_FULL")
IO = ("disk I/O error", "SQLITE_IOERR", "unable to open database file", "readonly database")
LOCKED = ("database is locked", "SQLITE_BUSY")


def user_error(error: sqlite3.Error, database: Path) -> UserError | None:
    """The message a person should see for ``error``, or None when it is our bug."""
    text = f"{error} {getattr(error, 'sqlite_errorname', '')}"
    if any(mark in text for mark in DAMAGED):
        return LibraryDamagedError(
            f"The library {database} is damaged ({error}). Restore it from a backup, or move "
            "the folder aside and start a new library with --data-dir."
        )
    if any(mark in text for mark in FULL):
        return LibraryError(
            "The disk holding the library is full. Nothing was saved; free some space and try "
            "again."
        )
    if any(mark in text for mark in IO):
        return LibraryError(
            f"The library {database} could not be read or written ({error}). Check that the "
            "disk is attached and writable."
        )
    if any(mark in text for mark in LOCKED):
        return LibraryLockedError("The library is busy in another program; try again in a moment.")
    return None
