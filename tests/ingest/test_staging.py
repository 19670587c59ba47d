"""Copying a file into staging: exact, private, hashed as it goes, never a torn mix of versions."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from desktop_app.ingest.staging import CHANGED, CHUNK, NotReadError, part_name, stage_copy

OLD = b"o" * (3 * CHUNK)
NEW = b"n" * (3 * CHUNK)


def save(path: Path, data: bytes) -> None:
    """Write ``data`` as another program saving a new version would, a moment later.

    The kernel stamps files with a coarse clock (a few milliseconds), so the test moves the
    time on explicitly rather than hoping a tick passed.
    """
    before = path.stat().st_mtime_ns
    path.write_bytes(data)
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_a_copy_is_exact_private_and_hashed(tmp_path: Path) -> None:
    source = tmp_path / "letter.pdf"
    data = os.urandom(CHUNK + 17)
    source.write_bytes(data)
    copy = part_name(tmp_path)
    staged = stage_copy(source, copy)
    assert copy.read_bytes() == data
    assert staged.sha256 == hashlib.sha256(data).hexdigest()
    assert staged.md5 == hashlib.md5(data, usedforsecurity=False).hexdigest()
    assert staged.size == len(data)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_a_file_rewritten_while_it_is_read_is_read_again_whole(tmp_path: Path) -> None:
    source = tmp_path / "thread.eml"
    source.write_bytes(OLD)
    rewrites: list[int] = []

    def rewrite_once(copied: int) -> None:
        if not rewrites:  # another program saves a new version after the first chunk
            rewrites.append(copied)
            save(source, NEW)

    copy = part_name(tmp_path)
    staged = stage_copy(source, copy, rewrite_once)
    assert rewrites == [CHUNK]
    assert copy.read_bytes() == NEW  # the new version whole, never old and new mixed
    assert staged.sha256 == hashlib.sha256(NEW).hexdigest()


def test_a_file_that_keeps_changing_is_not_read_and_leaves_no_copy(tmp_path: Path) -> None:
    source = tmp_path / "log.txt"
    source.write_bytes(OLD)
    versions = [OLD, NEW]

    def rewrite(copied: int) -> None:
        if copied == CHUNK:
            versions.reverse()
            save(source, versions[0])

    copy = part_name(tmp_path)
    with pytest.raises(NotReadError) as refused:
        stage_copy(source, copy, rewrite)
    assert refused.value.reason == CHANGED
    assert not copy.exists()


def test_a_file_that_grows_while_read_is_read_again(tmp_path: Path) -> None:
    source = tmp_path / "growing.txt"
    source.write_bytes(OLD)
    grown: list[int] = []

    def append_once(copied: int) -> None:
        if not grown:
            grown.append(copied)
            with source.open("ab") as handle:
                handle.write(b"more")

    copy = part_name(tmp_path)
    stage_copy(source, copy, append_once)
    assert copy.read_bytes() == OLD + b"more"


@pytest.mark.skipif(os.name != "posix", reason="FIFOs as POSIX makes them")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    copy = part_name(tmp_path)
    with pytest.raises(NotReadError, match="not a regular file"):
        stage_copy(fifo, copy)
    assert not copy.exists()


def test_a_vanished_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(NotReadError, match="no such file"):
        stage_copy(tmp_path / "gone.pdf", part_name(tmp_path))


def test_a_planted_link_at_the_copy_is_not_written_through(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"alpha")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep me")
    copy = part_name(tmp_path)
    copy.symlink_to(outside)
    stage_copy(source, copy)
    assert outside.read_bytes() == b"keep me"
    assert not copy.is_symlink()
    assert copy.read_bytes() == b"alpha"
