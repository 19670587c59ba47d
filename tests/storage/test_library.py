"""Opening a library: settings, migrations, the single-writer lock, refusing what it cannot
read, and transactions that keep all or nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest

from desktop_app.core.enums import MatterKind, PartyRole
from desktop_app.core.models import Matter, Party
from desktop_app.errors import (
    LibraryDamagedError,
    LibraryLockedError,
    LibraryTooNewError,
    ReadOnlyLibraryError,
)
from desktop_app.paths import LibraryPaths
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from desktop_app.storage.lock import LibraryLock
from desktop_app.storage.migrations import MIGRATIONS_TABLE, known_names, migrations

Dump = dict[str, list[tuple[object, ...]]]


def _pragma(library: Library, name: str) -> Any:
    return library.db.execute(f"PRAGMA {name}").fetchone()[0]


def _count(library: Library, table: str) -> int:
    return int(library.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


def _matter(title: str, number: str) -> Matter:
    return Matter(title=title, kind=MatterKind.INTERNAL_REVIEW, number=number)


# -- settings and schema ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [
        ("journal_mode", "wal"),
        ("foreign_keys", 1),
        ("synchronous", 2),
        ("trusted_schema", 0),
        ("secure_delete", 1),
        ("busy_timeout", 5000),
        ("temp_store", 2),
        ("mmap_size", 0),
    ],
)
def test_a_fresh_library_has_the_safe_settings(
    library: Library, pragma: str, expected: object
) -> None:
    assert _pragma(library, pragma) == expected


def test_a_read_only_library_has_the_safe_settings_too(
    library: Library, paths: LibraryPaths
) -> None:
    reader = Library.open(paths, write=False)
    try:
        assert reader.read_only
        assert _pragma(reader, "journal_mode") == "wal"
        assert (_pragma(reader, "foreign_keys"), _pragma(reader, "trusted_schema")) == (1, 0)
    finally:
        reader.close()


def test_a_fresh_library_records_every_migration_once(paths: LibraryPaths) -> None:
    for _ in range(2):
        library = Library.open(paths, write=True)
        try:
            applied = [m.name for m in migrations.applied(library.db)]
            assert sorted(applied) == sorted(known_names())
            assert {"matters", "parties", "items", "activities", "notes", "audit"} <= set(
                library.db.table_names()
            )
        finally:
            library.close()


def test_a_fresh_library_creates_its_folders_privately(
    library: Library, paths: LibraryPaths
) -> None:
    for folder in (paths.root, paths.blobs, paths.staging, paths.backups, paths.logs):
        assert folder.is_dir()
    assert paths.database.is_file()
    assert library.problem is None
    assert not library.read_only


# -- the single-writer lock -------------------------------------------------------------------


def test_a_second_writer_is_refused_while_the_first_is_open(paths: LibraryPaths) -> None:
    first = Library.open(paths, write=True)
    try:
        with pytest.raises(LibraryLockedError, match=str(paths.root)):
            Library.open(paths, write=True)
        reader = Library.open(paths, write=False)
        reader.close()
    finally:
        first.close()
    second = Library.open(paths, write=True)
    second.close()


def test_a_read_only_library_refuses_changes(library: Library, paths: LibraryPaths) -> None:
    reader = Library.open(paths, write=False)
    try:
        with pytest.raises(ReadOnlyLibraryError), reader.transaction("t"):
            pass
    finally:
        reader.close()


# -- libraries this build cannot use ----------------------------------------------------------


def test_a_library_from_a_newer_build_is_refused(paths: LibraryPaths) -> None:
    library = Library.open(paths, write=True)
    library.db.table(MIGRATIONS_TABLE).insert(
        {
            "migration_set": "compliance_desk",
            "name": "0999_from_the_future",
            "applied_at": "2030-01-01",
        }
    )
    library.close()
    for write in (True, False):
        with pytest.raises(LibraryTooNewError, match="0999_from_the_future") as caught:
            Library.open(paths, write=write)
        assert "newer version" in caught.value.message
    lock = LibraryLock(paths.lock)
    lock.acquire()  # the refused open gave the lock back
    lock.release()


def test_a_garbage_file_is_refused_with_advice_to_restore(paths: LibraryPaths) -> None:
    paths.root.mkdir(parents=True)
    garbage = bytes(range(256)) * 64
    paths.database.write_bytes(garbage)
    with pytest.raises(LibraryDamagedError) as caught:
        Library.open(paths, write=True)
    assert "restore" in caught.value.message.lower()
    assert str(paths.database) in caught.value.message
    assert paths.database.read_bytes() == garbage
    lock = LibraryLock(paths.lock)
    lock.acquire()
    lock.release()


@pytest.mark.parametrize("write", [True, False])
def test_a_garbage_file_is_refused_for_reading_too(paths: LibraryPaths, write: bool) -> None:
    paths.root.mkdir(parents=True)
    paths.database.write_bytes(b"not a database" * 500)
    with pytest.raises(LibraryDamagedError, match="Restore it from a backup"):
        Library.open(paths, write=write)


def _damage_matters_table(paths: LibraryPaths) -> bytes:
    library = Library.open(paths, write=True)
    with library.transaction("t") as tx:
        tx.insert(_matter("soon unreadable", "EC-2026-0001"))
    root = library.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'matters'")
    page = int(root.fetchone()[0])
    size = int(_pragma(library, "page_size"))
    library.close()
    data = bytearray(paths.database.read_bytes())
    data[(page - 1) * size : page * size] = b"\xa5" * size
    paths.database.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("write", [True, False])
def test_a_library_failing_its_check_opens_read_only_and_refuses_changes(
    paths: LibraryPaths, write: bool
) -> None:
    damaged = _damage_matters_table(paths)
    library = Library.open(paths, write=write)
    try:
        assert library.problem
        assert library.read_only
        with pytest.raises(LibraryDamagedError, match="Restore it"), library.transaction("t"):
            pass
    finally:
        library.close()
    assert paths.database.read_bytes() == damaged


# -- transactions ------------------------------------------------------------------------------


def _in_transaction(library: Library) -> bool:
    return library.db.conn.in_transaction


def _insert_then_fail(library: Library, number: str) -> None:
    with library.transaction("t") as tx:
        matter = tx.insert(_matter("never kept", number))
        tx.insert(Party(matter.id, "Acme", PartyRole.END_USER))
        assert _count(library, "matters") >= 1
        raise RuntimeError("midway")


def _commit_an_orphan(library: Library) -> None:
    with library.transaction("t") as tx:
        library.db.execute("PRAGMA defer_foreign_keys=ON")
        tx.insert(Party(999, "Orphan", PartyRole.OTHER))  # checked only at COMMIT


def test_an_error_inside_a_transaction_leaves_nothing(
    library: Library, dump: Callable[[], Dump]
) -> None:
    before = dump()
    with pytest.raises(RuntimeError, match="midway"):
        _insert_then_fail(library, "EC-2026-0001")
    assert not _in_transaction(library)
    assert dump() == before


def test_a_nested_transaction_rolls_back_only_its_own_part(library: Library) -> None:
    with library.transaction("t") as outer:
        kept = outer.insert(_matter("outer", "EC-2026-0001"))
        with pytest.raises(RuntimeError, match="midway"):
            _insert_then_fail(library, "EC-2026-0002")
        assert _in_transaction(library)
        outer.insert(Party(kept.id, "Acme", PartyRole.END_USER))
    assert not _in_transaction(library)
    assert [s.matter.title for s in queries.docket(library.db)] == ["outer"]
    assert _count(library, "parties") == 1
    assert [(e.seq, e.entity) for e in queries.audit_entries(library.db)] == [
        (1, "matters"),
        (2, "parties"),
    ]


def test_a_failed_commit_ends_the_transaction_and_keeps_nothing(
    library: Library, dump: Callable[[], Dump]
) -> None:
    before = dump()
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        _commit_an_orphan(library)
    assert not _in_transaction(library)
    assert dump() == before
    with library.transaction("t") as tx:
        tx.insert(_matter("after", "EC-2026-0001"))
    assert _count(library, "matters") == 1


def test_a_transaction_survives_reopening(paths: LibraryPaths) -> None:
    library = Library.open(paths, write=True)
    with library.transaction("t") as tx:
        tx.insert(_matter("durable", "EC-2026-0001"))
    library.close()
    reopened = Library.open(paths, write=False)
    try:
        assert queries.matter_by_number(reopened.db, "ec-2026-0001").title == "durable"
    finally:
        reopened.close()
