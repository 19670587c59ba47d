"""What the window says about a failure: one mapping from exceptions to sentences."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from desktop_app.errors import UserError, ValidationError
from desktop_app.paths import LibraryPaths
from desktop_app.storage.errors import user_error

_DISK = {
    errno.ENOSPC: "The disk is full. Nothing was saved; free some space and try again.",
    errno.EDQUOT: "Your disk quota is used up. Nothing was saved; free some space and try again.",
    errno.EROFS: "The disk is read-only. Nothing was saved.",
    errno.EIO: "The disk could not be read or written (an I/O error). Nothing was saved; check "
    "that it is attached.",
}


def message_for(error: BaseException, paths: LibraryPaths | None = None) -> str | None:
    """The sentence for a failure a person can act on; None for a bug.

    A full or failing disk is the environment, not a bug, wherever it surfaces (a form's save
    knows no library folder, so SQLite's errors are named with the library file alone).
    """
    if isinstance(error, ValidationError):
        return "\n".join(error.fields.values())
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, sqlite3.Error):
        known = user_error(error, paths.database if paths else Path("library.db"))
        return known.message if known else None
    if isinstance(error, OSError) and error.errno in _DISK:
        return _DISK[error.errno]
    return None
