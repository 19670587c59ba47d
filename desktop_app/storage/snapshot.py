"""Reading a database copy (a backup being made or checked): its integrity and its facts.

The copy is opened read-only, with schema code distrusted, and never through the live library's
connection. ``examine`` runs the full ``integrity_check`` and ``foreign_key_check`` first and
reads nothing from a copy that fails them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.models import AuditEntry
from desktop_app.core.text import visible
from desktop_app.storage import audit
from desktop_app.storage.manifest import LIBRARY, BlobEntry
from desktop_app.storage.migrations import MIGRATIONS_TABLE, migrations

MIGRATION_SET = migrations.name

COPY_PRAGMAS = (
    "PRAGMA trusted_schema=OFF",
    "PRAGMA cell_size_check=ON",
    "PRAGMA mmap_size=0",
    "PRAGMA query_only=ON",
)


class CopyError(Exception):
    """The copy is not a sound library database; ``detail`` says why."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Facts:
    """What a sound database copy says about itself."""

    migrations: tuple[str, ...]
    head_seq: int
    head_hash: str
    matters: int
    documents: int
    blobs: tuple[BlobEntry, ...]
    chain_break: tuple[int, str] | None
    library: str | None = None


def open_copy(path: Path) -> sqlite3.Connection:
    """Open a database file read-only with schema code distrusted."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        for pragma in COPY_PRAGMAS:
            conn.execute(pragma)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def examine(path: Path) -> Facts:
    """Check the copy at ``path`` whole and read its facts; raise CopyError if unsound."""
    try:
        conn = open_copy(path)
    except sqlite3.Error as exc:
        raise CopyError(str(exc)) from None
    try:
        _check(conn)
        return _facts(conn)
    except sqlite3.Error as exc:
        raise CopyError(str(exc)) from None
    finally:
        conn.close()


def holder(path: Path, sha256: str) -> str:
    """Which document (or quarantined file) of the copy holds a blob, for messages."""
    try:
        conn = open_copy(path)
    except sqlite3.Error:
        return f"the original {sha256[:12]}…"
    try:
        row = (
            conn.execute(
                "SELECT d.filename, m.number FROM documents d JOIN matters m ON m.id = d.matter_id "
                "WHERE d.sha256 = ? ORDER BY d.id LIMIT 1",
                [sha256],
            ).fetchone()
            or conn.execute(
                "SELECT q.filename, m.number FROM quarantine q "
                "JOIN matters m ON m.id = q.matter_id WHERE q.sha256 = ? ORDER BY q.id LIMIT 1",
                [sha256],
            ).fetchone()
        )
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    if row is None:
        return f"the original {sha256[:12]}…"
    return f"the document {visible(str(row[0]))!r} on {visible(str(row[1]))} ({sha256[:12]}…)"


def _check(conn: sqlite3.Connection) -> None:
    result = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(20)")]
    if result != ["ok"]:
        raise CopyError("integrity_check: " + "; ".join(result))
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise CopyError(f"foreign_key_check: {len(broken)} rows point at nothing")
    missing = _wanted(conn) - _tables(conn)
    if missing:
        raise CopyError(f"not a Compliance Desk library (no {', '.join(sorted(missing))})")


DOCUMENTS_MIGRATION = "0002_documents_blobs_quarantine"


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}


def _wanted(conn: sqlite3.Connection) -> set[str]:
    """The tables a library must have: documents and blobs once the migration making them ran.

    A library made before that migration (schema 0001) is still a library, and must be backed up
    before it is upgraded.
    """
    wanted = {"matters", "audit", MIGRATIONS_TABLE}
    if MIGRATIONS_TABLE not in _tables(conn):
        return wanted
    sql = "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? AND name = ?"
    if conn.execute(sql, [MIGRATION_SET, DOCUMENTS_MIGRATION]).fetchone() is not None:
        wanted |= {"documents", "blobs"}
    return wanted


def _facts(conn: sqlite3.Connection) -> Facts:
    migrations = tuple(
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        )
    )
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    head_seq, head_hash = (int(last[0]), str(last[1])) if last else (0, audit.GENESIS)
    has_documents = "blobs" in _tables(conn)
    blobs = (
        tuple(
            BlobEntry(str(r[0]), int(r[1]))
            for r in conn.execute("SELECT sha256, size FROM blobs ORDER BY sha256")
        )
        if has_documents
        else ()
    )
    return Facts(
        migrations=migrations,
        head_seq=head_seq,
        head_hash=head_hash,
        matters=int(conn.execute("SELECT count(*) FROM matters").fetchone()[0]),
        documents=_count(conn, "documents") if has_documents else 0,
        blobs=blobs,
        chain_break=_chain_break(conn),
        library=library_in(conn),
    )


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])  # noqa: S608


def library_in(conn: sqlite3.Connection) -> str | None:
    """A library's identity (None before migration 0012, or when it is not a valid id)."""
    try:
        row = conn.execute("SELECT id FROM identity").fetchone()
    except sqlite3.OperationalError:
        return None
    found = row[0] if row else None
    return found if isinstance(found, str) and LIBRARY.match(found) else None


def _chain_break(conn: sqlite3.Connection) -> tuple[int, str] | None:
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM audit ORDER BY seq")
        entries = (AuditEntry(**dict(row)) for row in rows)
        return audit.first_break(entries)
    except TypeError:
        return 0, "the audit table does not have the columns of an audit chain"
    finally:
        conn.row_factory = None
