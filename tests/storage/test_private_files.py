"""Library files are private to their owner, and a planted lock link is never followed.

Issue 16 point 9: library.db was created 0644 in a 0755 folder, readable by every local user;
point 2: a symlinked ``lock`` had its target overwritten. POSIX only (modes and links).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.errors import LibraryError
from desktop_app.logs import setup_logging
from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage.backup import create_backup
from desktop_app.storage.library import Library

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and links")


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """The umask most desktops run with: files 0644 and folders 0755 unless asked otherwise."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def _shared(root: Path) -> list[str]:
    """Everything under ``root`` (itself included) that group or others may use."""
    found = [root, *root.rglob("*")]
    return [f"{p} {stat.filemode(p.lstat().st_mode)}" for p in found if p.lstat().st_mode & 0o077]


def test_a_new_library_with_originals_and_a_log_is_private(paths: LibraryPaths) -> None:
    setup_logging(paths)
    library = Library.open(paths, write=True)
    try:
        add_sample_matters(library)
        library.blobs.put(b"an original")
    finally:
        library.close()
    assert paths.database.exists()
    assert _shared(paths.root) == []


def test_an_existing_library_made_readable_by_all_is_made_private(paths: LibraryPaths) -> None:
    Library.open(paths, write=True).close()
    paths.database.chmod(0o644)
    paths.root.chmod(0o755)
    Library.open(paths, write=True).close()
    assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700


def test_a_backup_is_private(paths: LibraryPaths, tmp_path: Path) -> None:
    library = Library.open(paths, write=True)
    try:
        add_sample_matters(library)
    finally:
        library.close()
    target = tmp_path / "backup"
    create_backup(paths, target)
    assert _shared(target) == []


def test_a_lock_planted_as_a_link_is_refused_and_its_target_untouched(
    paths: LibraryPaths, tmp_path: Path
) -> None:
    Library.open(paths, write=True).close()
    outside = tmp_path / "outside.txt"
    outside.write_text("counsel's own file", encoding="utf-8")
    outside.chmod(0o644)
    paths.lock.unlink()
    paths.lock.symlink_to(outside)
    with pytest.raises(LibraryError, match="is a link, not the library's lock file"):
        Library.open(paths, write=True)
    assert outside.read_text(encoding="utf-8") == "counsel's own file"
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
