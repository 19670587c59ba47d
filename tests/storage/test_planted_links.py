"""Links planted in a library copied in from elsewhere are never followed (issue 16 point 2).

Before: links in staging/ or on blob paths had their targets chmod-ed; verify hung on a blob
linked to /dev/zero or a FIFO, accepted a blob linked to an identical file outside the store,
and missed a linked folder under blobs/.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from desktop_app.paths import LibraryPaths
from desktop_app.storage.library import Library
from tests.storage.test_verify import document_blob, lib, lines, sample_dir, verify

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links and FIFOs")
__all__ = ["lib", "sample_dir"]  # the fixtures, shared with test_verify


def _outside(tmp_path: Path, data: bytes) -> Path:
    target = tmp_path / "outside" / "counsel-file.bin"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data)
    target.chmod(0o644)
    return target


def _replace_with_link(blob: Path, target: Path) -> None:
    blob.chmod(stat.S_IWUSR | stat.S_IRUSR)
    blob.unlink()
    blob.symlink_to(target)


def test_a_blob_linked_to_an_identical_file_outside_is_reported(
    lib: LibraryPaths, tmp_path: Path
) -> None:
    _filename, _number, blob = document_blob(lib, 1)
    twin = _outside(tmp_path, blob.read_bytes())
    _replace_with_link(blob, twin)
    found = lines(verify(lib), "blobs")
    assert len(found) == 1
    assert "a link, not followed" in found[0]
    assert any("a link; the library holds no links" in s for s in lines(verify(lib), "stray_files"))


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
def test_verify_ends_on_a_blob_that_is_a_device_or_a_fifo(
    lib: LibraryPaths, tmp_path: Path, kind: str
) -> None:
    _filename, _number, blob = document_blob(lib, 2)
    if kind == "fifo":
        blob.chmod(stat.S_IWUSR | stat.S_IRUSR)
        blob.unlink()
        os.mkfifo(blob)
    else:
        _replace_with_link(blob, Path(kind))
    (found,) = lines(verify(lib), "blobs")  # returns at all: before, it read forever
    assert "not followed" in found or "not a regular file" in found


def test_a_linked_folder_under_blobs_is_reported(lib: LibraryPaths, tmp_path: Path) -> None:
    _filename, _number, blob = document_blob(lib, 1)
    fan_out = blob.parent.parent
    copy = tmp_path / "outside-folder"
    shutil.copytree(fan_out, copy)
    for path in fan_out.rglob("*"):
        path.chmod(stat.S_IRWXU)
    shutil.rmtree(fan_out)
    fan_out.symlink_to(copy, target_is_directory=True)
    report = verify(lib)
    assert any(f"its folder {fan_out.name} is a link" in s for s in lines(report, "blobs"))
    assert any(f"blobs/{fan_out.name}: a link" in s for s in lines(report, "stray_files"))


def test_a_link_in_staging_is_removed_and_its_target_left_alone(
    lib: LibraryPaths, tmp_path: Path
) -> None:
    target = _outside(tmp_path, b"counsel's own file")
    (lib.staging / f"{'ef' * 32}.pending").symlink_to(target)
    Library.open(lib, write=True).close()  # the start-up sweep of staging
    assert not (lib.staging / f"{'ef' * 32}.pending").is_symlink()
    assert target.read_bytes() == b"counsel's own file"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
