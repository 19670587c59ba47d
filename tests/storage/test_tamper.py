"""1,000 random tamper trials on the sample library: ``verify`` reports every one.

docs/reliability.md T7.

Each trial opens a write transaction on the library, damages it with raw SQL the way someone
going behind the app's back would, runs every check inside that transaction, and rolls back.
Kinds: an audit row edited (any column), deleted, inserted (forged, with or without a correct
hash), two audit rows' contents swapped, the tail truncated; a data row edited, deleted,
inserted. The fast chain check must also agree with ``audit.first_break`` on every trial.
"""

from __future__ import annotations

import random
import sqlite3
import typing
from collections.abc import Callable, Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.models import AuditEntry
from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage import audit, queries
from desktop_app.storage.codec import TABLES
from desktop_app.storage.integrity import verify_library
from desktop_app.storage.library import Library

TRIALS = 1000
AUDIT_COLUMNS = (
    "seq", "at", "actor", "action", "entity", "entity_id", "matter_id", "before", "after",
    "prev_hash", "hash",
)  # fmt: skip
Tamper = Callable[[sqlite3.Connection, random.Random], None]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The sample library, open for writing (each trial rolls its damage back)."""
    root: Path = tmp_path_factory.mktemp("tamper") / "library"
    lib = Library.open(LibraryPaths(root), write=True)
    add_sample_matters(lib)
    try:
        yield lib
    finally:
        lib.close()


def _last_seq(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT max(seq) FROM audit").fetchone()[0])


def _changed(value: Any, rng: random.Random) -> Any:
    """A different value of the same storage type."""
    if value is None:
        return rng.choice(["x", 1])
    if isinstance(value, int):
        return value + rng.choice([-2, -1, 1, 2, 1000])
    if isinstance(value, float):
        return value * 2 + 1
    return rng.choice([value + "x", value[:-1] + "#" if value else "#", "{}" + value])


def edit_audit(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Change one column of one audit row."""
    seq = rng.randint(1, _last_seq(conn))
    column = rng.choice(AUDIT_COLUMNS)
    [value] = conn.execute(f"SELECT [{column}] FROM audit WHERE seq = ?", [seq]).fetchone()
    if column == "seq":
        new: Any = _last_seq(conn) + rng.randint(1, 5)
    elif column == "action":
        new = rng.choice([a for a in ("insert", "update", "delete", "refused") if a != value])
    elif column in ("entity_id", "matter_id"):
        new = (value or 0) + rng.randint(1, 3)
    else:
        new = _changed(value, rng)
    conn.execute(f"UPDATE audit SET [{column}] = ? WHERE seq = ?", [new, seq])


def delete_audit(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Remove one audit row (the last one too)."""
    conn.execute("DELETE FROM audit WHERE seq = ?", [rng.randint(1, _last_seq(conn))])


def insert_audit(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Forge an entry: in the middle (seqs moved up), or appended with a correct hash."""
    last = _last_seq(conn)
    row = dict(
        zip(
            AUDIT_COLUMNS,
            conn.execute("SELECT * FROM audit WHERE seq = ?", [rng.randint(1, last)]).fetchone(),
            strict=True,
        )
    )
    row["actor"] = "mallory"
    if rng.random() < 0.5:  # in the middle: make room, then slip it in
        at = rng.randint(1, last)
        conn.execute("UPDATE audit SET seq = seq + 1000000 WHERE seq >= ?", [at])
        conn.execute("UPDATE audit SET seq = seq - 999999 WHERE seq >= 1000000")
        row["seq"] = at
    else:  # appended, chained and hashed as the app would
        [prev] = conn.execute("SELECT hash FROM audit WHERE seq = ?", [last]).fetchone()
        row.update(seq=last + 1, prev_hash=prev)
        row["hash"] = audit.entry_hash(row)
    marks = ", ".join("?" for _ in AUDIT_COLUMNS)
    conn.execute(f"INSERT INTO audit VALUES ({marks})", [row[c] for c in AUDIT_COLUMNS])


def swap_audit(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Swap the contents of two audit rows (each keeps its seq)."""
    a, b = rng.sample(range(1, _last_seq(conn) + 1), 2)
    rest = AUDIT_COLUMNS[1:]
    ra = conn.execute(f"SELECT {', '.join(rest)} FROM audit WHERE seq = ?", [a]).fetchone()
    rb = conn.execute(f"SELECT {', '.join(rest)} FROM audit WHERE seq = ?", [b]).fetchone()
    sets = ", ".join(f"[{c}] = ?" for c in rest)
    conn.execute(f"UPDATE audit SET {sets} WHERE seq = ?", [*rb, a])
    conn.execute(f"UPDATE audit SET {sets} WHERE seq = ?", [*ra, b])


def truncate_audit(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Remove the last k entries (k from 1 to all)."""
    last = _last_seq(conn)
    conn.execute("DELETE FROM audit WHERE seq > ?", [last - rng.randint(1, last)])


def _data_row(conn: sqlite3.Connection, rng: random.Random) -> tuple[type, str, dict[str, Any]]:
    tables = [(k, t) for k, t in TABLES.items() if _exists(conn, t) and _count(conn, t) > 0]
    kind, table = rng.choice(tables)
    cursor = conn.execute(f"SELECT * FROM [{table}] ORDER BY random() LIMIT 1")
    names = [d[0] for d in cursor.description]
    return kind, table, dict(zip(names, cursor.fetchone(), strict=True))


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    sql = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"
    return conn.execute(sql, [table]).fetchone() is not None


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


def _new_value(kind: type, column: str, value: Any, rng: random.Random) -> Any:
    """A value that changes what the column means (a flag flips rather than 1 -> 2)."""
    hint = typing.get_type_hints(kind).get(column)
    if hint in (bool, bool | None):
        return 0 if value else 1
    if column == "id":
        return value + 100000
    return _changed(value, rng)


def edit_data(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Change one column of one row of an audited table."""
    kind, table, row = _data_row(conn, rng)
    column = rng.choice([f.name for f in fields(kind)])
    new = _new_value(kind, column, row[column], rng)
    conn.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [new, row["id"]])


def delete_data(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Remove one row of an audited table."""
    _kind, table, row = _data_row(conn, rng)
    conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row["id"]])


def insert_data(conn: sqlite3.Connection, rng: random.Random) -> None:
    """Add a row to an audited table: a copy of a row under a new id, or a lost id reused."""
    _kind, table, row = _data_row(conn, rng)
    row["id"] = int(conn.execute(f"SELECT max(id) FROM [{table}]").fetchone()[0]) + 1
    for unique in ("number", "name", "version", "row_no"):
        if unique in row and row[unique] is not None:
            row[unique] = _changed(row[unique], rng)
    columns = ", ".join(f"[{c}]" for c in row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))


KINDS: dict[str, Tamper] = {
    "audit row edited": edit_audit,
    "audit row deleted": delete_audit,
    "audit row inserted": insert_audit,
    "audit rows swapped": swap_audit,
    "audit tail truncated": truncate_audit,
    "data row edited": edit_data,
    "data row deleted": delete_data,
    "data row inserted": insert_data,
}


def _trial(library: Library, name: str, rng: random.Random) -> tuple[bool, bool]:
    """Damage, verify, roll back; return (reported, chain check agrees with first_break)."""
    conn = library.db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # damage may orphan rows; verify says so
        while True:
            conn.execute("SAVEPOINT attempt")
            try:
                KINDS[name](conn, rng)
                break
            except sqlite3.IntegrityError:  # a UNIQUE clash; draw another
                conn.execute("ROLLBACK TO attempt")
            finally:
                conn.execute("RELEASE attempt")
        report = verify_library(library)
        expected = audit.first_break(_entries(library))
        chain = next(c for c in report.checks if c.name == "audit_chain")
        first = next((p.seq for p in chain.problems if "first break" in p.detail), None)
        return not report.ok, first == (expected[0] if expected else None)
    finally:
        conn.execute("ROLLBACK")


def _entries(library: Library) -> list[AuditEntry]:
    return queries.audit_entries(library.db)


@pytest.mark.exhaustive
def test_every_one_of_1000_random_tampers_is_reported(library: Library) -> None:
    assert verify_library(library).ok
    clean = [asdict(e) for e in _entries(library)]
    rng = random.Random(20261127)
    missed: list[str] = []
    disagreed: list[str] = []
    names = list(KINDS)
    for trial in range(TRIALS):
        name = names[trial % len(names)]
        state = rng.getstate()
        reported, agrees = _trial(library, name, rng)
        if not reported:
            missed.append(f"trial {trial} ({name}, state {hash(state)})")
        if not agrees:
            disagreed.append(f"trial {trial} ({name})")
    assert missed == [], f"{TRIALS - len(missed)}/{TRIALS} reported"
    assert disagreed == []
    assert [asdict(e) for e in _entries(library)] == clean  # every trial rolled back
    assert verify_library(library).ok
