"""Fixtures shared by every test: a library in a temporary folder, and a home that is not ours.

No test may touch the real home directory or the real library (STYLE practice 21): the
autouse fixture points HOME, the XDG folders and COMPLIANCE_DESK_DATA_DIR into the test's
temporary folder, and every subprocess a test starts inherits that environment.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.services import MatterService
from desktop_app.paths import ENV_VAR, LibraryPaths
from desktop_app.storage.library import Library

REPO_ROOT = Path(__file__).parents[1]
BLNS_PATH = REPO_ROOT / "tests" / "data" / "blns.json"
TODAY = date(2026, 11, 27)
TABLES = ("matters", "parties", "items", "activities", "notes", "audit")

Dump = dict[str, list[tuple[object, ...]]]


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test, and every process it starts, out of the real home and data folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "default-data"))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))


@pytest.fixture
def paths(tmp_path: Path) -> LibraryPaths:
    """The folders of a library that does not exist yet."""
    return LibraryPaths(tmp_path / "library")


@pytest.fixture
def library(paths: LibraryPaths) -> Iterator[Library]:
    """A fresh library opened for writing, closed (and unlocked) after the test."""
    lib = Library.open(paths, write=True)
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def service(library: Library) -> MatterService:
    """The matter service over the fresh library, with a fixed 'today'."""
    return MatterService(library, actor="test", today=lambda: TODAY)


@pytest.fixture
def dump(library: Library) -> Callable[[], Dump]:
    """A function returning every row of every table: equal dumps mean nothing changed."""

    def take() -> Dump:
        return {
            table: [
                tuple(row) for row in library.db.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
            ]
            for table in TABLES
        }

    return take


@pytest.fixture(scope="session")
def blns() -> list[str]:
    """The Big List of Naughty Strings (515 strings)."""
    strings = json.loads(BLNS_PATH.read_text(encoding="utf-8"))
    assert isinstance(strings, list)
    assert all(isinstance(s, str) for s in strings)
    return strings
