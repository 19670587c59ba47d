"""Backups: a consistent, self-proving copy, also while another writer commits; rotation."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.core.models import Note
from desktop_app.core.services import MatterService
from desktop_app.errors import LibraryDamagedError, LibraryError, UserError
from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage import audit, files, queries, rotation
from desktop_app.storage.backup import blob_path, create_backup
from desktop_app.storage.backup_check import check_backup
from desktop_app.storage.library import Library
from desktop_app.storage.manifest import FORMAT, FORMAT_VERSION, MANIFEST
from desktop_app.storage.migrations import migrations
from desktop_app.storage.restore import restore
from desktop_app.storage.snapshot import examine
from tests.storage.backup_support import (
    copied,
    docket,
    filled_library,
    logical_dump,
    tree_bytes,
)

T0 = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> LibraryPaths:
    return filled_library(tmp_path_factory.mktemp("template") / "live")


@pytest.fixture
def filled(template: LibraryPaths, tmp_path: Path) -> LibraryPaths:
    return copied(template, tmp_path / "live")


# -- one backup -------------------------------------------------------------------------------


def test_backup_then_restore_gives_the_same_library(filled: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "out"
    manifest = create_backup(filled, out)
    assert sorted(p.name for p in out.iterdir()) == ["blobs", "library.db", "manifest.json"]
    restored = LibraryPaths(tmp_path / "restored")
    restore(restored, out)

    assert docket(restored) == docket(filled)
    assert logical_dump(restored.database) == logical_dump(filled.database)
    assert tree_bytes(restored.blobs) == tree_bytes(filled.blobs)
    assert len(tree_bytes(restored.blobs)) == len(manifest.blobs) > 0


def test_the_manifest_says_what_the_copy_holds(filled: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "out"
    manifest = create_backup(filled, out, now=lambda: T0)
    body = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert body["format"] == FORMAT
    assert body["format_version"] == FORMAT_VERSION
    assert body["created_at"] == "2026-11-27T09:30:00Z"
    assert body["database"]["sha256"] == files.sha256_of(out / "library.db")[0]
    assert body["database"]["size"] == (out / "library.db").stat().st_size
    library = Library.open(filled, write=False)
    try:
        assert (manifest.head_seq, manifest.head_hash) == audit.head(library.db)
        assert manifest.matters == len(queries.docket(library.db)) == body["counts"]["matters"]
        assert body["counts"]["documents"] == library.db.table("documents").count
    finally:
        library.close()
    for entry in body["blobs"]:
        assert files.sha256_of(blob_path(out / "blobs", entry["sha256"])) == (
            entry["sha256"],
            entry["size"],
        )
    assert examine(out / "library.db").chain_break is None


def test_the_copy_is_one_self_contained_read_only_file(
    filled: LibraryPaths, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    create_backup(filled, out)
    conn = sqlite3.connect(f"{(out / 'library.db').as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert not (out / "library.db-wal").exists()
    for written in [out / "library.db", out / MANIFEST, *(out / "blobs").rglob("*")]:
        if written.is_file():
            assert written.stat().st_mode & 0o222 == 0, written


def test_an_empty_existing_folder_is_used(filled: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    create_backup(filled, out)
    assert (out / MANIFEST).is_file()


def test_a_non_empty_folder_or_a_file_is_refused(filled: LibraryPaths, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UserError, match="not empty"):
        create_backup(filled, busy)
    assert [p.name for p in busy.iterdir()] == ["mine.txt"]
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="is a file"):
        create_backup(filled, a_file)
    assert a_file.read_text(encoding="utf-8") == "x"


def test_no_library_no_backup(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no library"):
        create_backup(LibraryPaths(tmp_path / "nothing"), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _a_blob(paths: LibraryPaths) -> Path:
    return next(p for p in sorted(paths.blobs.rglob("*")) if p.is_file())


def test_a_missing_original_is_refused_naming_the_document(
    filled: LibraryPaths, tmp_path: Path
) -> None:
    _a_blob(filled).unlink()
    with pytest.raises(LibraryDamagedError, match=r"the document '.+' on EC-2026-\d{4}.*missing"):
        create_backup(filled, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "live"]


def test_a_changed_original_is_refused_naming_the_document(
    filled: LibraryPaths, tmp_path: Path
) -> None:
    blob = _a_blob(filled)
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x01
    blob.chmod(0o600)
    blob.write_bytes(bytes(data))
    with pytest.raises(LibraryDamagedError, match=r"the document .+ no longer matches"):
        create_backup(filled, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "live"]


def test_a_broken_audit_chain_is_refused(filled: LibraryPaths, tmp_path: Path) -> None:
    conn = sqlite3.connect(filled.database)
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 3")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryDamagedError, match="audit chain is broken at entry 3"):
        create_backup(filled, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_backup_from_the_open_writers_connection(library: Library, tmp_path: Path) -> None:
    add_sample_matters(library)
    manifest = create_backup(library.paths, tmp_path / "out", source=library.db.conn)
    assert manifest.matters == 3
    check_backup(tmp_path / "out", _scratch(tmp_path))


def _scratch(tmp_path: Path) -> Path:
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    for old in scratch.iterdir():
        old.unlink()
    return scratch


# -- while another writer commits (docs/reliability.md T9) ------------------------------------


def test_backups_taken_while_a_writer_commits_are_consistent(
    filled: LibraryPaths, tmp_path: Path
) -> None:
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            library = Library.open(filled, write=True)
            try:
                service = MatterService(library, actor="writer")
                matter_id = queries.docket(library.db)[0].matter.id
                while not stop.is_set():
                    service.add_note(Note(matter_id, f"busy note {len(written)}"))
                    written.append(1)
            finally:
                library.close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20 and thread.is_alive():
            threading.Event().wait(0.01)
        outs = []
        for n in range(3):
            out = tmp_path / f"out{n}"
            create_backup(filled, out)
            outs.append(out)
    finally:
        stop.set()
        thread.join(60)
    assert not errors
    assert len(written) >= 20
    counts = []
    for n, out in enumerate(outs):
        restored = LibraryPaths(tmp_path / f"restored{n}")
        manifest = restore(restored, out).manifest
        library = Library.open(restored, write=True)
        try:
            db = library.db
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert audit.first_break(queries.audit_entries(db)) is None
            assert audit.head(db) == (manifest.head_seq, manifest.head_hash)
            notes = db.table("notes").count
            logged = db.execute(
                "SELECT count(*) FROM audit WHERE entity = 'notes' AND action = 'insert'"
            ).fetchone()[0]
            assert notes == logged  # every note with its audit entry, none without
            counts.append(notes)
        finally:
            library.close()
    assert counts == sorted(counts)


# -- rotation ---------------------------------------------------------------------------------


def _days_later(n: int) -> Callable[[], datetime]:
    return lambda: T0 + timedelta(days=n)


def test_rotation_keeps_exactly_seven_newest(filled: LibraryPaths) -> None:
    for n in range(10):
        rotation.rotate(filled, "daily", now=_days_later(n))
    kept = rotation.generations(filled)
    assert [p.name for p in kept] == [
        f"{(T0 + timedelta(days=n)).strftime('%Y%m%dT%H%M%SZ')}-daily" for n in range(3, 10)
    ]
    assert sorted(p.name for p in filled.backups.iterdir()) == [p.name for p in kept]


def test_two_backups_in_one_second_both_kept(filled: LibraryPaths) -> None:
    rotation.rotate(filled, "daily", now=lambda: T0)
    rotation.rotate(filled, "daily", now=lambda: T0)
    assert [p.name for p in rotation.generations(filled)] == [
        "20261127T093000Z-daily",
        "20261127T093000Z-daily-2",
    ]


def test_a_failed_rotation_deletes_no_older_generation(filled: LibraryPaths) -> None:
    for n in range(7):
        rotation.rotate(filled, "daily", now=_days_later(n))
    before = [p.name for p in rotation.generations(filled)]
    _a_blob(filled).unlink()
    with pytest.raises(LibraryDamagedError):
        rotation.rotate(filled, "daily", now=lambda: T0 + timedelta(days=30))
    assert [p.name for p in filled.backups.iterdir() if p.is_dir()] != []
    assert sorted(p.name for p in filled.backups.iterdir()) == before


def test_backup_quietly_logs_and_returns_a_warning(
    filled: LibraryPaths, caplog: pytest.LogCaptureFixture
) -> None:
    _a_blob(filled).unlink()
    with caplog.at_level(logging.WARNING, logger="desktop_app"):
        warning = rotation.backup_quietly(filled, "daily", now=lambda: T0)
    assert warning is not None
    assert "automatic backup (daily) failed" in warning
    assert "automatic backup (daily) failed: LibraryDamagedError" in caplog.text
    assert "EC-2026" not in caplog.text  # the log names no matter or document


def test_daily_backup_is_due_once_a_day(filled: LibraryPaths, tmp_path: Path) -> None:
    assert not rotation.daily_backup_due(LibraryPaths(tmp_path / "none"), T0)
    assert rotation.daily_backup_due(filled, T0)
    rotation.rotate(filled, "daily", now=lambda: T0)
    assert not rotation.daily_backup_due(filled, T0 + timedelta(hours=23))
    assert rotation.daily_backup_due(filled, T0 + timedelta(hours=24))


def test_the_library_hook_makes_the_daily_backup(filled: LibraryPaths) -> None:
    library = Library.open(filled, write=True)
    try:
        assert library.daily_backup(T0) is None
        assert library.daily_backup(T0 + timedelta(hours=1)) is None
    finally:
        library.close()
    assert [p.name for p in rotation.generations(filled)] == ["20261127T093000Z-daily"]
    reader = Library.open(filled, write=False)
    try:
        assert reader.daily_backup(T0 + timedelta(days=2)) is None
    finally:
        reader.close()
    assert len(rotation.generations(filled)) == 1


# -- before a migration -----------------------------------------------------------------------

LAST = migrations._migrations[-1].name


def _old_library(root: Path, with_matter: bool) -> LibraryPaths:
    paths = LibraryPaths(root)
    root.mkdir(parents=True)
    old = Database(sqlite3.connect(paths.database))
    migrations.apply(old, stop_before=LAST)
    if with_matter:
        old.table("matters").insert(
            {"number": "EC-2026-0001", "title": "Old Harbour matter", "kind": "internal_review",
             "status": "open", "agency": "bis", "privilege": "ac_wp"}
        )  # fmt: skip
    old.conn.close()
    return paths


def test_a_library_with_data_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    paths = _old_library(tmp_path / "old", with_matter=True)
    before = logical_dump(paths.database)
    library = Library.open(paths, write=True)
    try:
        assert library.warnings == []
        assert [m.name for m in migrations.applied(library.db)][-1] == LAST
    finally:
        library.close()
    (generation,) = rotation.generations(paths)
    assert generation.name.endswith("-before-migration")
    body = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
    assert LAST not in body["migrations"]
    assert body["counts"]["matters"] == 1
    assert logical_dump(generation / "library.db") == before


def test_a_new_library_is_not_backed_up(tmp_path: Path) -> None:
    library = Library.open(LibraryPaths(tmp_path / "new"), write=True)
    library.close()
    assert rotation.generations(LibraryPaths(tmp_path / "new")) == []
    paths = _old_library(tmp_path / "old-empty", with_matter=False)
    Library.open(paths, write=True).close()
    assert rotation.generations(paths) == []


def test_an_up_to_date_library_is_not_backed_up_again(filled: LibraryPaths) -> None:
    Library.open(filled, write=True).close()
    assert rotation.generations(filled) == []


def test_a_failed_backup_before_migration_leaves_the_library_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _old_library(tmp_path / "old", with_matter=True)

    def schema() -> list[tuple[object, ...]]:
        with sqlite3.connect(paths.database) as conn:
            return list(conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"))

    before = schema()

    def fail(*_args: object, **_kwargs: object) -> None:
        raise LibraryError("The disk holding the library is full.")

    monkeypatch.setattr(rotation, "create_backup", fail)
    with pytest.raises(LibraryError, match=r"backup failed.*disk holding the library is full"):
        Library.open(paths, write=True)
    assert schema() == before  # not migrated (opening switched it to WAL, nothing more)
    monkeypatch.undo()
    library = Library.open(paths, write=True)  # with room again, it backs up and upgrades
    try:
        assert [m.name for m in migrations.applied(library.db)][-1] == LAST
        assert len(rotation.generations(paths)) == 1
    finally:
        library.close()


def test_a_generation_dated_in_the_future_neither_blocks_nor_displaces_new_ones(
    filled: LibraryPaths,
) -> None:
    rotation.rotate(filled, "daily", now=lambda: T0 + timedelta(days=400))  # clock set ahead
    assert rotation.daily_backup_due(filled, T0)
    for n in range(8):
        rotation.rotate(filled, "daily", now=_days_later(n))
        assert f"{(T0 + timedelta(days=n)).strftime('%Y%m%dT%H%M%SZ')}-daily" in [
            p.name for p in rotation.generations(filled)
        ]
    assert len(rotation.generations(filled)) == 7
