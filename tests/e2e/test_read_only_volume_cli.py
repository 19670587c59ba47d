"""A library on a read-only volume is read by every reading command (issue 16 point 7).

The real case: a bind mount remounted read-only (needs root and mount(8); skipped without
them). SQLite cannot make a WAL database's ``-shm`` there, so the library is opened immutable;
one whose last changes are still in ``-wal`` is refused with what to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.errors import EXIT_LIBRARY, EXIT_OK, LibraryError
from desktop_app.storage import connection
from tests.e2e.cli_run import given_sample, run_cli

pytestmark = pytest.mark.e2e


def _mount_read_only(source: Path, target: Path) -> bool:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    target.mkdir()
    bind = ["mount", "--bind", str(source), str(target)]
    bound = subprocess.run(bind, capture_output=True, check=False)
    if bound.returncode != 0:
        return False
    ro = subprocess.run(
        ["mount", "-o", "remount,bind,ro", str(target)], capture_output=True, check=False
    )
    if ro.returncode != 0:
        subprocess.run(["umount", str(target)], check=False)
        return False
    return True


@pytest.fixture
def read_only_library(tmp_path: Path) -> Iterator[Path]:
    """The sample library, seen through a read-only mount."""
    source = tmp_path / "disk"
    given_sample(source / "lib")
    mounted = tmp_path / "usb"
    if not _mount_read_only(source, mounted):
        pytest.skip("needs root and mount --bind to make a read-only volume")
    try:
        yield mounted / "lib"
    finally:
        subprocess.run(["umount", str(mounted)], check=False)


def test_every_reading_command_reads_a_library_on_a_read_only_volume(
    read_only_library: Path, tmp_path: Path
) -> None:
    assert not os.access(read_only_library, os.W_OK)
    for args in (
        ("verify",),
        ("cases",),
        ("show", "EC-2026-0001"),
        ("search", "Annex"),
        ("coverage", "EC-2026-0001"),
        ("agenda",),
        ("backup", str(tmp_path / "copy")),
        ("memo", "EC-2026-0001", "-o", str(tmp_path / "memo.pdf")),
    ):
        done = run_cli(read_only_library, *args)
        assert done.returncode == EXIT_OK, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert "0 problems" in run_cli(read_only_library, "verify").stdout
    refused = run_cli(read_only_library, "memo", "EC-2026-0001", "--issue", "-o", "x.pdf")
    assert refused.returncode == EXIT_LIBRARY
    assert "read-only volume" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_read_only_library_with_changes_left_in_its_wal_is_refused_naming_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "library.db"
    database.write_bytes(b"")
    (tmp_path / "library.db-wal").write_bytes(b"changes not yet folded in")
    monkeypatch.setattr(connection, "_on_read_only_volume", lambda _path: True)
    with pytest.raises(LibraryError, match=r"library\.db-wal, which cannot be read there"):
        connection.connect(database, read_only=True)
