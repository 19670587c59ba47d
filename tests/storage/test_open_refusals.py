"""What opening a library says when the disk, not the file, is the problem (issue 16 point 7).

A disk with a few KB free was reported as "damaged — restore from a backup"; a library that
cannot be written refused even the commands that only read.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.errors import LibraryDamagedError, LibraryError, LibraryLockedError
from desktop_app.paths import LibraryPaths
from desktop_app.storage.connection import refusal
from desktop_app.storage.library import Library

DB = Path("/data/library.db")


@pytest.mark.parametrize(
    ("said", "kind", "words"),
    [
        ("database or disk is full", LibraryError, "disk holding the library is full"),
        ("attempt to write a readonly database", LibraryError, "could not be read or written"),
        ("database is locked", LibraryLockedError, "busy in another program"),
        ("file is not a database", LibraryDamagedError, "damaged"),
        ("something SQLite never said before", LibraryDamagedError, "damaged"),
    ],
)
def test_a_refusal_at_open_names_the_disk_not_damage(
    said: str, kind: type[LibraryError], words: str
) -> None:
    error = refusal(DB, sqlite3.OperationalError(said))
    assert type(error) is kind
    assert words in error.message


def test_a_reading_command_reads_read_only_when_the_library_cannot_be_written(
    paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Library.open(paths, write=True).close()
    real_open = Library.open

    def full_disk(paths: LibraryPaths, *, write: bool, **kw: object) -> Library:
        if write:
            raise LibraryError("The disk holding the library is full. Nothing was saved.")
        return real_open(paths, write=False, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "open", full_disk)
    assert cli.main(["--data-dir", str(paths.root), "cases"]) == 0
    said = capsys.readouterr()
    assert "No matters yet" in said.out
    assert "warning: read-only: The disk holding the library is full" in said.err
    assert cli.main(["--data-dir", str(paths.root), "sample"]) == 3  # writing is still refused


def test_a_damaged_library_is_not_read_read_only_by_a_reading_command(
    paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library.open(paths, write=True).close()

    def damaged(paths: LibraryPaths, *, write: bool, **_kw: object) -> Library:
        raise LibraryDamagedError("The library is damaged.")

    monkeypatch.setattr(Library, "open", damaged)
    assert cli.main(["--data-dir", str(paths.root), "cases"]) == 3
