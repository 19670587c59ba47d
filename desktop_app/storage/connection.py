"""Opening SQLite the one way this app does: explicit transactions and the listed pragmas.

Settings of docs/reliability.md#connection-settings: WAL, synchronous=FULL, foreign keys on, a busy
timeout, trusted_schema off, secure_delete on, temp files in memory, memory-mapped I/O off.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop_app.errors import LibraryDamagedError, LibraryError, UserError
from desktop_app.storage.errors import user_error
from desktop_app.storage.text_cells import tolerant_text

PRAGMAS = (
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA cell_size_check=ON",
    "PRAGMA mmap_size=0",
    "PRAGMA secure_delete=ON",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA synchronous=FULL",
    "PRAGMA journal_size_limit=67108864",
)


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Open the library file with explicit transactions and every pragma set.

    On a read-only volume SQLite cannot make the ``-shm`` file a WAL database is read with, so
    a library closed cleanly (no ``-wal`` left) is opened ``immutable``: nothing can change it
    there. One whose last changes are still in a ``-wal`` file is refused, naming it.
    """
    mode = "ro" if read_only else "rwc"
    if read_only and _on_read_only_volume(path):
        _refuse_unfolded_wal(path)
        mode = "ro&immutable=1"
    uri = f"{path.as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc) from exc
    conn.text_factory = tolerant_text  # a damaged cell reads as U+FFFD; `verify` names it
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma)
        if not read_only:
            _set_wal(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise refusal(path, exc) from exc
    return conn


def _on_read_only_volume(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs (Windows), or a folder that is not there
        return False


def _refuse_unfolded_wal(path: Path) -> None:
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        return
    if pending:
        raise LibraryError(
            f"The library {path} is on a read-only volume and its last changes are still in "
            f"{wal.name}, which cannot be read there. Copy the whole library folder to a disk "
            "you can write to and open the copy."
        )


def _set_wal(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.DatabaseError(f"journal mode is {mode}, not WAL")


def health_problem(conn: sqlite3.Connection, *, quick_check: bool = True) -> str | None:
    """Run ``quick_check`` and the settings checks; return what is wrong, or None.

    ``quick_check=False`` skips the file check (it reads the whole file: seconds for a big
    library) when another connection of this process has just passed it.
    """
    try:
        result = (
            [row[0] for row in conn.execute("PRAGMA quick_check(5)")] if quick_check else ["ok"]
        )
        settings = {
            "foreign_keys": conn.execute("PRAGMA foreign_keys").fetchone()[0],
            "trusted_schema": conn.execute("PRAGMA trusted_schema").fetchone()[0],
        }
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if result != ["ok"]:
        return "; ".join(str(r) for r in result)
    if settings != {"foreign_keys": 1, "trusted_schema": 0}:
        return f"unexpected connection settings {settings}"
    return None


def refusal(path: Path, error: sqlite3.Error) -> UserError:
    """What to tell a person when SQLite refuses the library file at open.

    A full disk, a volume that cannot be written and a busy file say so (`user_error`); only
    what SQLite calls corrupt, or cannot name, is "damaged".
    """
    known = user_error(error, path)
    if known is None or isinstance(known, LibraryDamagedError):
        return damaged(path, str(error))
    return known


def damaged(path: Path, detail: str) -> LibraryDamagedError:
    """The error for a library file SQLite refuses or finds inconsistent."""
    return LibraryDamagedError(
        f"The library {path} is damaged or is not a Compliance Desk library ({detail}). "
        "Restore it from a backup, or move the folder aside and start a new library "
        "with --data-dir."
    )
