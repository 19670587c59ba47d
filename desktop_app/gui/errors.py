"""What the window says about a failure: one mapping from exceptions to sentences."""

from __future__ import annotations

import sqlite3

from desktop_app.errors import UserError, ValidationError
from desktop_app.paths import LibraryPaths
from desktop_app.storage.errors import user_error


def message_for(error: BaseException, paths: LibraryPaths | None = None) -> str | None:
    """The sentence for a failure a person can act on; None for a bug."""
    if isinstance(error, ValidationError):
        return "\n".join(error.fields.values())
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, sqlite3.Error) and paths is not None:
        known = user_error(error, paths.database)
        return known.message if known else None
    return None
