"""Restoring: a backup is checked whole before anything is touched; the old library is kept.

Twenty-five deliberately bad backups are each refused with a message naming what is wrong, and
the target data dir (which holds a library) is byte-for-byte unchanged afterwards, even with
--replace. Files a backup holds that its manifest does not name are ignored: they are never
restored, and they do not make a sound backup unusable (a file manager's .DS_Store or
Thumbs.db must not stop a restore).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.errors import (
    EXIT_BAD_INPUT,
    EXIT_LIBRARY,
    LibraryLockedError,
    UserError,
)
from desktop_app.paths import KEY_ENV_VAR, LibraryPaths
from desktop_app.storage import files
from desktop_app.storage.backup import create_backup
from desktop_app.storage.library import Library
from desktop_app.storage.manifest import MANIFEST
from desktop_app.storage.restore import LibraryHoldsDataError, restore
from tests.storage.backup_support import (
    copied,
    docket,
    filled_library,
    logical_dump,
    tree_bytes,
)

Breaker = Callable[[Path], Path]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[LibraryPaths, Path]:
    """A library with data and a good backup of it, made once for the module."""
    base = tmp_path_factory.mktemp("template")
    paths = filled_library(base / "live")
    create_backup(paths, base / "good")
    return paths, base / "good"


@pytest.fixture
def good(template: tuple[LibraryPaths, Path], tmp_path: Path) -> Path:
    """A writable copy of the good backup, to break."""
    copy = tmp_path / "backup"
    shutil.copytree(template[1], copy)
    for entry in copy.rglob("*"):
        if entry.is_file():
            entry.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return copy


@pytest.fixture
def target(template: tuple[LibraryPaths, Path], tmp_path: Path) -> LibraryPaths:
    """A data dir that already holds a library with data (closed)."""
    return copied(template[0], tmp_path / "target")


def _manifest(folder: Path) -> dict[str, object]:
    body = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert isinstance(body, dict)
    return body


def _write_manifest(folder: Path, body: dict[str, object]) -> None:
    (folder / MANIFEST).write_text(json.dumps(body), encoding="utf-8")


def _rehash(folder: Path) -> None:
    """Make the manifest's database hash and size match the (edited) database again."""
    body = _manifest(folder)
    sha256, size = files.sha256_of(folder / "library.db")
    body["database"] = {"file": "library.db", "sha256": sha256, "size": size}
    _write_manifest(folder, body)


def _edit_db(folder: Path, *statements: str) -> Path:
    conn = sqlite3.connect(folder / "library.db", isolation_level=None)
    for sql in statements:
        conn.execute(sql)
    conn.close()
    _rehash(folder)
    return folder


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x10
    path.write_bytes(bytes(data))


def _blobs(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "blobs").rglob("*") if p.is_file())


# -- the bad backups ---------------------------------------------------------------------------


def empty_folder(folder: Path) -> Path:
    empty = folder.parent / "empty"
    empty.mkdir()
    return empty


def file_not_folder(folder: Path) -> Path:
    return folder / "library.db"


def no_such_folder(folder: Path) -> Path:
    return folder.parent / "nowhere"


def manifest_missing(folder: Path) -> Path:
    (folder / MANIFEST).unlink()
    return folder


def manifest_not_json(folder: Path) -> Path:
    (folder / MANIFEST).write_text("{ this is not json", encoding="utf-8")
    return folder


def manifest_not_text(folder: Path) -> Path:
    (folder / MANIFEST).write_bytes(b"\xff\xfe\x00garbage")
    return folder


def manifest_unknown_version(folder: Path) -> Path:
    _write_manifest(folder, {**_manifest(folder), "format_version": 99})
    return folder


def manifest_of_another_program(folder: Path) -> Path:
    _write_manifest(folder, {**_manifest(folder), "format": "someone-else"})
    return folder


def manifest_blob_name_escapes(folder: Path) -> Path:
    body = _manifest(folder)
    blobs = body["blobs"]
    assert isinstance(blobs, list)
    blobs[0]["sha256"] = "../../../../etc/passwd"
    _write_manifest(folder, body)
    return folder


def manifest_hash_mismatch(folder: Path) -> Path:
    body = _manifest(folder)
    body["database"] = {**body["database"], "sha256": "0" * 64}  # type: ignore[dict-item]
    _write_manifest(folder, body)
    return folder


def manifest_size_mismatch(folder: Path) -> Path:
    body = _manifest(folder)
    database = body["database"]
    assert isinstance(database, dict)
    body["database"] = {**database, "size": database["size"] + 4096}
    _write_manifest(folder, body)
    return folder


def database_missing(folder: Path) -> Path:
    (folder / "library.db").unlink()
    return folder


def database_truncated(folder: Path) -> Path:
    db = folder / "library.db"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    return folder


def database_flipped_in_header(folder: Path) -> Path:
    _flip(folder / "library.db", 20)
    return folder


def database_flipped_in_middle(folder: Path) -> Path:
    _flip(folder / "library.db", (folder / "library.db").stat().st_size // 2 + 77)
    return folder


def database_flipped_at_end(folder: Path) -> Path:
    _flip(folder / "library.db", -1)
    return folder


def database_damaged_and_manifest_forged(folder: Path) -> Path:
    """A bit flip in a table's b-tree page with the manifest rehashed: integrity_check."""
    db = folder / "library.db"
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'audit'").fetchone()[0]
    conn.close()
    _flip(db, (root - 1) * page_size + 3)  # the cell count in the page header
    _rehash(folder)
    return folder


def audit_row_edited(folder: Path) -> Path:
    return _edit_db(folder, "UPDATE audit SET actor = 'mallory' WHERE seq = 5")


def audit_tail_cut(folder: Path) -> Path:
    return _edit_db(folder, "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)")


def head_mismatch(folder: Path) -> Path:
    body = _manifest(folder)
    body["audit_head"] = {**body["audit_head"], "hash": "a" * 64}  # type: ignore[dict-item]
    _write_manifest(folder, body)
    return folder


def counts_mismatch(folder: Path) -> Path:
    body = _manifest(folder)
    body["counts"] = {**body["counts"], "matters": 2}  # type: ignore[dict-item]
    _write_manifest(folder, body)
    return folder


def made_by_a_newer_build(folder: Path) -> Path:
    return _edit_db(
        folder,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('compliance_desk', '9999_from_the_future', '2030-01-01')",
    )


def blob_flipped(folder: Path) -> Path:
    _flip(_blobs(folder)[0], 100)
    return folder


def blob_missing(folder: Path) -> Path:
    _blobs(folder)[-1].unlink()
    return folder


def blob_truncated(folder: Path) -> Path:
    blob = _blobs(folder)[1]
    blob.write_bytes(blob.read_bytes()[:-1])
    return folder


def blob_swapped(folder: Path) -> Path:
    first, second = _blobs(folder)[:2]
    data = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(data)
    return folder


def blob_left_out_of_manifest(folder: Path) -> Path:
    body = _manifest(folder)
    blobs = body["blobs"]
    assert isinstance(blobs, list)
    body["blobs"] = blobs[1:]
    body["counts"] = {**body["counts"], "blobs": len(blobs) - 1}  # type: ignore[dict-item]
    _write_manifest(folder, body)
    return folder


BAD: list[tuple[Breaker, int, str]] = [
    (empty_folder, EXIT_BAD_INPUT, "holds no manifest.json"),
    (file_not_folder, EXIT_BAD_INPUT, "is a file"),
    (no_such_folder, EXIT_BAD_INPUT, "There is no backup at"),
    (manifest_missing, EXIT_BAD_INPUT, "holds no manifest.json"),
    (manifest_not_json, EXIT_BAD_INPUT, "not valid JSON"),
    (manifest_not_text, EXIT_BAD_INPUT, "not text"),
    (manifest_unknown_version, EXIT_BAD_INPUT, "backup format 99"),
    (manifest_of_another_program, EXIT_BAD_INPUT, "not a Compliance Desk backup manifest"),
    (manifest_blob_name_escapes, EXIT_LIBRARY, "is not a SHA-256 hash"),
    (manifest_hash_mismatch, EXIT_LIBRARY, "does not match the SHA-256 in the manifest"),
    (manifest_size_mismatch, EXIT_LIBRARY, "truncated or replaced"),
    (database_missing, EXIT_LIBRARY, "library.db is missing"),
    (database_truncated, EXIT_LIBRARY, "truncated or replaced"),
    (database_flipped_in_header, EXIT_LIBRARY, "does not match the SHA-256"),
    (database_flipped_in_middle, EXIT_LIBRARY, "does not match the SHA-256"),
    (database_flipped_at_end, EXIT_LIBRARY, "does not match the SHA-256"),
    (database_damaged_and_manifest_forged, EXIT_LIBRARY, "failed SQLite's check"),
    (audit_row_edited, EXIT_LIBRARY, "audit chain in its database is broken at entry 5"),
    (audit_tail_cut, EXIT_LIBRARY, "ends the audit chain at entry"),
    (head_mismatch, EXIT_LIBRARY, "ends the audit chain at entry"),
    (counts_mismatch, EXIT_LIBRARY, "the manifest says 2"),
    (made_by_a_newer_build, EXIT_LIBRARY, "newer version"),
    (blob_flipped, EXIT_LIBRARY, r"the document .+ does not match its SHA-256"),
    (blob_missing, EXIT_LIBRARY, r"the document .+ is missing"),
    (blob_truncated, EXIT_LIBRARY, "does not match its SHA-256"),
    (blob_swapped, EXIT_LIBRARY, "does not match its SHA-256"),
    (blob_left_out_of_manifest, EXIT_LIBRARY, "is in its database only"),
]


@pytest.mark.parametrize(("breaker", "exit_code", "message"), BAD, ids=[b[0].__name__ for b in BAD])
def test_a_bad_backup_is_refused_before_anything_is_touched(
    good: Path,
    target: LibraryPaths,
    breaker: Breaker,
    exit_code: int,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Each check holds on its own, on a computer without the key (no seal to check)."""
    monkeypatch.setenv(KEY_ENV_VAR, str(tmp_path / "home" / "another-computer"))
    bad = breaker(good)
    before = tree_bytes(target.root)
    siblings = sorted(p.name for p in target.root.parent.iterdir())
    with pytest.raises(UserError, match=message) as refused:
        restore(target, bad, replace=True, accept_unsealed=True)
    assert refused.value.exit_code == exit_code
    assert "Traceback" not in refused.value.message
    assert tree_bytes(target.root) == before
    assert sorted(p.name for p in target.root.parent.iterdir()) == siblings


def test_there_are_at_least_twenty_bad_backups() -> None:
    assert len(BAD) >= 20


# -- good backups -----------------------------------------------------------------------------


def test_unknown_extra_files_are_ignored_and_not_restored(good: Path, tmp_path: Path) -> None:
    (good / ".DS_Store").write_bytes(b"finder")
    (good / "blobs" / "stray").write_bytes(b"not named by the manifest")
    restored = LibraryPaths(tmp_path / "restored")
    restore(restored, good)
    names = set(tree_bytes(restored.root))
    assert ".DS_Store" not in names
    assert "blobs/stray" not in names


def test_restored_originals_are_read_only(good: Path, tmp_path: Path) -> None:
    restored = LibraryPaths(tmp_path / "restored")
    restore(restored, good)
    blobs = [p for p in restored.blobs.rglob("*") if p.is_file()]
    assert blobs
    assert all(p.stat().st_mode & 0o222 == 0 for p in blobs)


def test_an_existing_library_is_kept_unless_replace(
    good: Path, target: LibraryPaths, template: tuple[LibraryPaths, Path]
) -> None:
    before_db = logical_dump(target.database)
    before_blobs = tree_bytes(target.blobs)
    with pytest.raises(UserError, match=r"holds 3 matters; run again with --replace") as refused:
        restore(target, good)
    assert refused.value.exit_code == EXIT_BAD_INPUT
    assert logical_dump(target.database) == before_db
    assert tree_bytes(target.blobs) == before_blobs
    assert not list(target.root.parent.glob("target.before-restore-*"))


def test_replace_keeps_the_old_library_aside_intact(
    good: Path, target: LibraryPaths, template: tuple[LibraryPaths, Path]
) -> None:
    Library.open(target, write=True).close()
    old_docket = docket(target)
    before = _library_files(target.root)
    done = restore(target, good, replace=True)
    assert done.kept_aside is not None
    assert done.kept_aside.name.startswith("target.before-restore-")
    assert _library_files(done.kept_aside) == before
    assert docket(LibraryPaths(done.kept_aside)) == old_docket
    assert docket(target) == docket(template[0])
    assert logical_dump(target.database) == logical_dump(template[0].database)


def test_replace_puts_the_old_library_where_the_refusal_said(
    good: Path, target: LibraryPaths
) -> None:
    with pytest.raises(LibraryHoldsDataError) as refused:
        restore(target, good)
    promised = refused.value.aside
    done = restore(target, good, replace=True, aside=promised)
    assert done.kept_aside == promised
    assert (promised / "library.db").is_file()


def _library_files(root: Path) -> dict[str, bytes]:
    return {
        name: data
        for name, data in tree_bytes(root).items()
        if not name.startswith(("lock", "logs")) and not name.endswith(("-wal", "-shm"))
    }


def test_an_empty_library_is_moved_aside_without_asking(good: Path, tmp_path: Path) -> None:
    empty = LibraryPaths(tmp_path / "fresh")
    Library.open(empty, write=True).close()
    done = restore(empty, good)
    assert done.kept_aside is not None
    assert (done.kept_aside / "library.db").is_file()
    assert done.manifest.matters == len(docket(empty)) == 3


def test_a_data_dir_with_only_logs_is_restored_into(good: Path, tmp_path: Path) -> None:
    paths = LibraryPaths(tmp_path / "logs-only")
    paths.logs.mkdir(parents=True)
    (paths.logs / "compliance-desk.log").write_text("started\n", encoding="utf-8")
    done = restore(paths, good)
    assert done.kept_aside is None
    assert (paths.logs / "compliance-desk.log").read_text(encoding="utf-8") == "started\n"
    assert len(docket(paths)) == 3


def test_restore_is_refused_while_the_library_is_open(good: Path, target: LibraryPaths) -> None:
    library = Library.open(target, write=True)
    try:
        before = tree_bytes(target.root)
        with pytest.raises(LibraryLockedError) as refused:
            restore(target, good, replace=True)
        assert refused.value.exit_code == EXIT_LIBRARY
        assert tree_bytes(target.root) == before
    finally:
        library.close()
    assert not list(target.root.parent.glob("target.before-restore-*"))
    assert not list(target.root.parent.glob(".target.restoring-*"))


def test_a_restored_library_opens_and_takes_changes(good: Path, tmp_path: Path) -> None:
    restored = LibraryPaths(tmp_path / "restored")
    restore(restored, good)
    library = Library.open(restored, write=True)
    try:
        assert library.problem is None
        assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        library.close()
