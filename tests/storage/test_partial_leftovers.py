"""Hidden copies a killed backup left beside its target are removed by the next one (issue 16
point 8); a copy another process is still building, or one another user owns, is left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.paths import LibraryPaths
from desktop_app.storage import partial
from desktop_app.storage.backup import create_backup
from desktop_app.storage.library import Library
from desktop_app.storage.lock import LibraryLock


def _leftover(out: Path, tag: str) -> Path:
    folder = out.parent / f".{out.name}.partial-{tag}"
    folder.mkdir(mode=0o700)
    (folder / "library.db.tmp").write_bytes(b"privileged")
    return folder


@pytest.fixture
def paths(tmp_path: Path) -> LibraryPaths:
    made = LibraryPaths(tmp_path / "library")
    Library.open(made, write=True).close()
    return made


def test_a_killed_backups_copy_is_removed_by_the_next_backup(
    paths: LibraryPaths, tmp_path: Path
) -> None:
    out = tmp_path / "usb" / "backup"
    out.parent.mkdir()
    dead = _leftover(out, "dead0001")
    (out.parent / f"{dead.name}.lock").write_text("4242")  # its builder was killed
    _leftover(out, "0ld00000")  # an older version's, which kept no lock
    create_backup(paths, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["backup"]


def test_a_copy_still_being_built_is_left_alone(paths: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "backup"
    live = _leftover(out, "live0001")
    lock = LibraryLock(out.parent / f"{live.name}.lock")
    lock.acquire()  # another backup to the same place, still running
    try:
        assert partial.sweep(out, "partial") == 0
    finally:
        lock.release()
    assert (live / "library.db.tmp").read_bytes() == b"privileged"
    assert partial.sweep(out, "partial") == 1
    assert not live.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to chown")
def test_a_copy_another_user_owns_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "shared" / "backup"
    out.parent.mkdir()
    theirs = _leftover(out, "them0001")
    os.chown(theirs, 65534, 65534)
    assert partial.sweep(out, "partial") == 0
    assert theirs.is_dir()
