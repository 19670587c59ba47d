"""Text cells that are not UTF-8: read without a traceback, and found by `verify`.

SQLite stores whatever bytes it is given as TEXT; a disk fault, a bad copy or a hand edit can
leave a cell that is not UTF-8, and Python's default decoding then ends every read of that
table with an error. The library's connections decode such a cell with U+FFFD in place of the
bad bytes (`tolerant_text`), so every command still answers; `damaged_text` lists each such
cell by table, column and row for `verify` to report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple


class DamagedCell(NamedTuple):
    """One text cell whose bytes are not UTF-8."""

    table: str
    column: str
    rowid: int
    matter_id: int | None


def tolerant_text(raw: bytes) -> str:
    """A TEXT cell as a string; bytes that are not UTF-8 become U+FFFD instead of an error."""
    return raw.decode("utf-8", errors="replace")


def damaged_text(conn: sqlite3.Connection, listed: int) -> tuple[list[DamagedCell], int]:
    """The first ``listed`` cells of the library's tables that are not UTF-8, and how many more.

    The scan reads cells as bytes, so nothing else may read on ``conn`` meanwhile.
    """
    found: list[DamagedCell] = []
    more = 0
    schema = [(table, _columns(conn, table)) for table in _tables(conn)]
    with _as_bytes(conn):
        for table, columns in schema:
            for cell in _scan(conn, table, columns):
                if len(found) < listed:
                    found.append(cell)
                else:
                    more += 1
    return found, more


def _tables(conn: sqlite3.Connection) -> list[str]:
    """The ordinary tables: not SQLite's, not a full-text index nor its shadow tables."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    found = [(str(name), str(sql or "")) for name, sql in rows]
    virtual = [name for name, sql in found if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    return [
        name
        for name, sql in found
        if not name.startswith("sqlite_")
        and name not in virtual
        and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))]


def _scan(conn: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[DamagedCell]:
    owner = "[id]" if table == "matters" else "[matter_id]" if "matter_id" in columns else "NULL"
    for column in columns:
        sql = (
            f"SELECT rowid, {owner}, [{column}] FROM [{table}]"  # noqa: S608 - schema names
            f" WHERE typeof([{column}]) = 'text'"
        )
        for rowid, matter_id, cell in conn.execute(sql):
            if not _is_utf8(cell):
                yield DamagedCell(table, column, int(rowid), _id(matter_id))


def _id(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@contextmanager
def _as_bytes(conn: sqlite3.Connection) -> Iterator[None]:
    """Read TEXT cells as bytes inside the block, then as before."""
    before = conn.text_factory
    conn.text_factory = bytes
    try:
        yield
    finally:
        conn.text_factory = before
