"""Plain one-row INSERTs into the library's own tables, for the paths that file documents.

sqlite-utils' ``db.table(name).insert`` reads the schema before each row (which tables exist,
which views, the table's columns): filing one email with two attachments made 16 such look-ups
besides its real work. Here the statement is built once per table and column set and reused.
Values must already be SQLite types (``codec.to_row`` and ``asdict`` of an audit entry give
them).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlite_utils import Database


def insert_row(db: Database, table: str, row: Mapping[str, Any], *, replace: bool = False) -> int:
    """Insert ``row`` (column to value) into ``table`` (or replace a row with the same key)."""
    cursor = db.execute(_insert_sql(table, tuple(row), replace), list(row.values()))
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError(f"SQLite gave no row id for an insert into {table}")
    return rowid


@cache
def _insert_sql(table: str, columns: tuple[str, ...], replace: bool) -> str:
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    names = ", ".join(f"[{name}]" for name in columns)
    marks = ", ".join("?" for _ in columns)
    return f"{verb} INTO [{table}] ({names}) VALUES ({marks})"
