"""A library made by every earlier schema version upgrades to this one and reads (issue 17).

For each shipped migration, a library is made with the migrations before it only, given a
matter and a person the way that schema stored them, then opened by this build: the upgrade
must run, and the matter and the person must read back and be found by search.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from desktop_app.core.search_query import parse_query
from desktop_app.paths import LibraryPaths
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from desktop_app.storage.migrations import migrations
from desktop_app.storage.search import search

NAMES = [m.name for m in migrations._migrations]
MATTER = {
    "number": "EC-2020-0001", "title": "Old Harbour matter", "kind": "internal_review",
    "status": "open", "agency": "bis", "privilege": "ac_wp", "tags": "[]",
}  # fmt: skip
PERSON = {
    "matter_id": 1, "name": "Liang Shufen", "role": "foreign_national", "kind": "individual",
    "country": "CN", "us_status": "us_citizen", "nationalities": "[]", "aliases": "[]",
}  # fmt: skip


def _row(db: Database, table: str, given: dict[str, Any]) -> dict[str, Any]:
    """``given`` cut to the columns the table has at this version, its other NOT NULLs filled."""
    row = {k: v for k, v in given.items() if k in db.table(table).columns_dict}
    for column in db.table(table).columns:
        unset = column.name not in row and not column.is_pk and column.default_value is None
        if column.notnull and unset:
            row[column.name] = 0 if column.type == "INTEGER" else ""
    return row


def _made_before(paths: LibraryPaths, name: str) -> None:
    paths.root.mkdir(parents=True)
    old = Database(sqlite3.connect(paths.database))
    migrations.apply(old, stop_before=name)
    old.table("matters").insert(_row(old, "matters", MATTER))
    old.table("parties").insert(_row(old, "parties", PERSON))
    old.conn.commit()
    old.close()


@pytest.mark.parametrize("name", NAMES[1:], ids=[f"before-{n[:4]}" for n in NAMES[1:]])
def test_a_library_made_before_each_migration_upgrades_and_reads(name: str, tmp_path: Path) -> None:
    paths = LibraryPaths(tmp_path / "library")
    _made_before(paths, name)
    library = Library.open(paths, write=True)
    try:
        assert {m.name for m in migrations.applied(library.db)} == set(NAMES)
        matter = queries.matter_by_number(library.db, "EC-2020-0001")
        [person] = queries.matter_record(library.db, matter).parties
        assert person.name == "Liang Shufen"
        found = {(h.entity, h.entity_id) for h in search(library.db, parse_query("shufen"))}
        assert found == {("parties", person.id)}
    finally:
        library.close()


def test_every_migration_is_covered() -> None:
    assert len(NAMES) >= 12
    assert NAMES[0] == "0001_matters_parties_items_audit"
