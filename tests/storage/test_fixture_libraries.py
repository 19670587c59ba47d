"""Libraries that earlier versions of the app made upgrade, read and verify (issue 17 point 4).

Each fixture in tests/data/libraries is the sample library as the version whose newest
migration it names filed it — made by that version's own code (tests/data/libraries/make.py),
so an edit to a shipped migration, or an upgrade that forgets an old shape, is caught here.
A copy of each is opened by this build (which upgrades it), read, searched and verified whole.
"""

from __future__ import annotations

import importlib.util
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

from desktop_app.core.integrity import report_lines
from desktop_app.core.search_query import parse_query
from desktop_app.paths import LibraryPaths
from desktop_app.storage.integrity import verify_library
from desktop_app.storage.library import Library
from desktop_app.storage.migrations import migrations

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "libraries"
NAMES = [m.name for m in migrations._migrations]
SAMPLE = {"EC-2026-0001", "EC-2026-0002", "EC-2026-0003"}
NEVER_NEWEST = {"0010"}
"""Migrations that shipped only together with the next one, so no version stopped at them."""


def _make_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unpacked(fixture: Path, into: Path) -> LibraryPaths:
    with tarfile.open(fixture) as tar:
        tar.extractall(into, filter="data")
    return LibraryPaths(into / "library")


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.tar.xz")), ids=lambda p: p.name)
def test_a_library_an_earlier_version_made_upgrades_reads_and_verifies(
    fixture: Path, tmp_path: Path
) -> None:
    paths = _unpacked(fixture, tmp_path)
    library = Library.open(paths, write=True)  # the upgrade
    try:
        assert {m.name for m in migrations.applied(library.db)} == set(NAMES)
        assert {s.matter.number for s in library.reads.docket()} == SAMPLE
        record = library.reads.record_of("EC-2026-0003")
        assert "Liang Shufen" in {p.name for p in record.parties}
        found = {h.entity for h in library.reads.search(parse_query("shufen"))}
        assert "parties" in found
    finally:
        library.close()
    reader = Library.open(paths, write=False)
    try:
        report = verify_library(reader)
    finally:
        reader.close()
    assert report.ok, "\n".join(report_lines(report))


def test_every_version_that_shipped_has_a_fixture() -> None:
    versions = set(_make_script().VERSIONS)
    shipped = {name[:4] for name in NAMES} - NEVER_NEWEST
    assert versions == shipped  # a new migration needs its fixture (run make.py)
    assert {p.name for p in FIXTURES.glob("schema-*.tar.xz")} == {
        f"schema-{v}.tar.xz" for v in versions
    }
