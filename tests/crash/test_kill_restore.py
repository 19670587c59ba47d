"""A restore killed at each of its renames leaves one whole library (issue 16 point 8).

Before, a kill while the old library was being moved aside left the live library without its
originals, and the next restore split the old library over two folders. The worker dies at the
Nth rename for every N; the next open then finds either the old library (the restore undone)
or the restored one, whole — verified — and never a mix. Each kill here comes before its rename
happens, the last one before the database's, so each restore is undone; a second restore then
runs whole.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage import queries, restore_journal
from desktop_app.storage.backup import create_backup
from desktop_app.storage.integrity import verify_library
from desktop_app.storage.library import Library

WORKER = Path(__file__).with_name("restore_worker.py")
REPO = Path(__file__).parents[2]


def _run(data_dir: Path, backup: Path, stop_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WORKER), str(data_dir), str(backup), str(stop_at)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def _library_with_a_fourth_matter(root: Path, backup: Path) -> None:
    library = Library.open(LibraryPaths(root), write=True)
    try:
        add_sample_matters(library)
    finally:
        library.close()
    create_backup(LibraryPaths(root), backup)
    library = Library.open(LibraryPaths(root), write=True)
    try:
        MatterService(library, "counsel").create_matter(
            Matter("Added after the backup", MatterKind.INTERNAL_REVIEW)
        )
    finally:
        library.close()


def _state(root: Path) -> tuple[int, bool]:
    """How many matters the library holds after the next open, and whether it verifies."""
    library = Library.open(LibraryPaths(root), write=True)  # recovers what the kill left
    try:
        return len(queries.docket(library.db)), verify_library(library).ok
    finally:
        library.close()


@pytest.fixture(scope="module")
def renames(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many renames a whole restore makes (the number of places it can be killed)."""
    root = tmp_path_factory.mktemp("count")
    _library_with_a_fourth_matter(root / "lib", root / "backup")
    done = _run(root / "lib", root / "backup", 0)
    assert done.returncode == 0, done.stderr
    assert _state(root / "lib") == (3, True)
    return int(done.stdout)


@pytest.mark.exhaustive
def test_a_kill_at_any_rename_of_a_restore_leaves_one_whole_library(
    renames: int, tmp_path: Path
) -> None:
    assert renames >= 6  # journal, old files aside, journal, originals, database
    seen = set()
    for stop_at in range(1, renames + 1):
        case = tmp_path / f"kill-{stop_at}"
        _library_with_a_fourth_matter(case / "lib", case / "backup")
        killed = _run(case / "lib", case / "backup", stop_at)
        assert killed.returncode == 9, killed.stderr
        matters, verified = _state(case / "lib")
        assert verified, f"killed at rename {stop_at}"
        assert matters in (3, 4), f"killed at rename {stop_at}"
        seen.add(matters)
        asides = [p for p in case.iterdir() if ".before-restore-" in p.name]
        if matters == 4:  # undone: nothing of the old library is left aside
            assert all(not any(p.iterdir()) for p in asides if p.is_dir()), stop_at
        again = _run(case / "lib", case / "backup", 0)  # a second restore then works whole
        assert again.returncode == 0, again.stderr
        assert _state(case / "lib") == (3, True)
    # a kill before the database is renamed in is undone; one while the restored chain is
    # anchored (the renames after it) keeps the restore, and either verifies against its anchor
    assert seen == {3, 4}


def test_a_kill_after_the_database_was_renamed_in_keeps_the_restore(tmp_path: Path) -> None:
    root, backup = tmp_path / "lib", tmp_path / "backup"
    _library_with_a_fourth_matter(root, backup)
    assert _run(root, backup, 0).returncode == 0
    (aside,) = (p for p in tmp_path.iterdir() if ".before-restore-" in p.name)
    restore_journal.write(root, aside, restore_journal.INSTALLING)  # as if killed before finish
    assert _state(root) == (3, True)
    assert not (root / restore_journal.JOURNAL).exists()
    assert any(aside.iterdir())  # the old library stays where the restore said it put it


def test_half_built_copies_left_by_kills_are_removed_at_the_next_start(tmp_path: Path) -> None:
    root, backup = tmp_path / "lib", tmp_path / "backup"
    _library_with_a_fourth_matter(root, backup)
    restoring = tmp_path / ".lib.restoring-0badf00d"
    partial = root / "backups" / ".2026-12-07.partial-0badf00d"
    for leftover in (restoring, partial):
        leftover.mkdir()
        (leftover / "library.db").write_bytes(b"privileged, half copied")
    Library.open(LibraryPaths(root), write=True).close()
    assert not partial.exists()  # the writer's own automatic backups
    assert not restoring.exists()  # a restore's: one is only built under the lock
    assert _run(root, backup, 0).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if ".restoring-" in p.name] == []
