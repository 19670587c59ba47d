"""Records are read back from their columns, or the read fails plainly."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from desktop_app.storage import queries


def test_a_missing_column_fails_instead_of_reading_its_name() -> None:
    """SQLite reads a double-quoted unknown name as a string: a column list must not allow it."""
    db = Database(memory=True)
    db.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, matter_id INTEGER, title TEXT)")
    db.execute("INSERT INTO documents (matter_id, title) VALUES (1, 'A letter')")
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        queries.documents(db, 1)
