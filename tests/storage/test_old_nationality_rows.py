"""A party stored before issue 15 (nationalities without ``until``, no status columns) reads and
verifies clean; the leniency is exactly there and nowhere else.

The old row is made the way an older build wrote it: the party's ``nationalities`` JSON and its
audit entries lack ``until``, the new columns (migration 0011) are NULL and absent from the
audit, and the chain is hashed again as that build would have hashed it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.enums import (
    MatterKind,
    NationalityBasis,
    PartyKind,
    PartyRole,
    ProtectedBasis,
    UsStatus,
)
from desktop_app.core.integrity import VerifyReport
from desktop_app.core.models import Matter, MatterRecord, Nationality, Party
from desktop_app.core.serialize import canonical_json
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths, key_dir
from desktop_app.storage import audit, queries
from desktop_app.storage.integrity import _differences, verify_library
from desktop_app.storage.library import Library

TODAY = date(2026, 11, 27)
NEW_PARTY_FIELDS = ("stateless", "protected_basis", "protected_exclusions_clear")
COLUMNS = ("seq", "at", "actor", "action", "entity", "entity_id", "matter_id", "before", "after")


def _store_person(paths: LibraryPaths) -> int:
    library = Library.open(paths, write=True)
    try:
        service = MatterService(library, actor="test", today=lambda: TODAY)
        matter = service.create_matter(Matter("Deemed exports", MatterKind.INTERNAL_REVIEW)).record
        person = Party(
            matter.id,
            "Liang Shufen",
            PartyRole.FOREIGN_NATIONAL,
            kind=PartyKind.INDIVIDUAL,
            nationalities=(
                Nationality("CN", NationalityBasis.CITIZENSHIP, date(1990, 7, 23)),
                Nationality("SG", NationalityBasis.PERMANENT_RESIDENCY, date(2015, 1, 5)),
            ),
            us_status=UsStatus.NONIMMIGRANT_VISA,
        )
        return service.add_party(person).record.id
    finally:
        library.close()


def _old_plain(plain: dict[str, Any]) -> dict[str, Any]:
    """A party as canonical JSON of the older build had it: no ``until``, no status fields."""
    older = {k: v for k, v in plain.items() if k not in NEW_PARTY_FIELDS}
    older["nationalities"] = [
        {k: v for k, v in n.items() if k != "until"} for n in plain["nationalities"]
    ]
    return older


def _make_old(paths: LibraryPaths, party_id: int) -> None:
    """Rewrite the party's row and audit entries as the older build wrote them; rehash."""
    conn = sqlite3.connect(paths.database)
    try:
        [cell] = conn.execute("SELECT nationalities FROM parties WHERE id = ?", [party_id])
        nationalities = [{k: v for k, v in n.items() if k != "until"} for n in json.loads(cell[0])]
        sets = ", ".join(f"[{name}] = NULL" for name in NEW_PARTY_FIELDS)
        conn.execute(
            f"UPDATE parties SET nationalities = ?, {sets} WHERE id = ?",
            [json.dumps(nationalities, ensure_ascii=False), party_id],
        )
        _rewrite_audit(conn, party_id)
        conn.commit()
    finally:
        conn.close()


def _rewrite_audit(conn: sqlite3.Connection, party_id: int) -> None:
    prev = audit.GENESIS
    for row in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM audit ORDER BY seq").fetchall():
        entry = dict(zip(COLUMNS, row, strict=True))
        if entry["entity"] == "parties" and entry["entity_id"] == party_id:
            for side in ("before", "after"):
                if entry[side]:
                    entry[side] = canonical_json(_old_plain(json.loads(entry[side])))
        entry["prev_hash"] = prev
        entry["hash"] = audit.entry_hash(entry)
        conn.execute(
            "UPDATE audit SET before = ?, after = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            [entry["before"], entry["after"], prev, entry["hash"], entry["seq"]],
        )
        prev = entry["hash"]


def _record(library: Library) -> MatterRecord:
    return queries.matter_record(library.db, queries.matter_by_number(library.db, "EC-2026-0001"))


def _verify(paths: LibraryPaths) -> VerifyReport:
    library = Library.open(paths, write=False)
    try:
        return verify_library(library)
    finally:
        library.close()


def _problems(report: VerifyReport) -> list[str]:
    return [f"{p.subject}: {p.detail}" for check in report.checks for p in check.problems]


@pytest.fixture
def old(tmp_path: Path) -> tuple[LibraryPaths, int]:
    """A library holding one person stored the way the older build stored her."""
    paths = LibraryPaths(tmp_path / "library")
    party_id = _store_person(paths)
    _make_old(paths, party_id)
    shutil.rmtree(key_dir())  # the older build kept no anchor: this build makes one at open
    Library.open(paths, write=True).close()
    return paths, party_id


def test_an_old_party_row_reads_with_the_new_fields_at_their_defaults(
    old: tuple[LibraryPaths, int],
) -> None:
    paths, party_id = old
    library = Library.open(paths, write=False)
    try:
        [party] = _record(library).parties
    finally:
        library.close()
    assert party.id == party_id
    assert [n.until for n in party.nationalities] == [None, None]
    assert [n.country for n in party.nationalities] == ["CN", "SG"]
    assert party.stateless is None
    assert party.protected_basis is ProtectedBasis.NONE
    assert party.protected_exclusions_clear is None


def test_an_old_party_row_verifies_clean(old: tuple[LibraryPaths, int]) -> None:
    report = _verify(old[0])
    assert _problems(report) == []


def test_an_old_party_updated_by_this_build_still_verifies_clean(
    old: tuple[LibraryPaths, int],
) -> None:
    """The update's ``before`` has ``until: null`` where the logged ``after`` has no ``until``."""
    paths, _party_id = old
    library = Library.open(paths, write=True)
    try:
        service = MatterService(library, actor="test", today=lambda: TODAY)
        [party] = _record(library).parties
        lapsed = replace(party.nationalities[1], until=date(2026, 8, 1))
        service.update_party(replace(party, nationalities=(party.nationalities[0], lapsed)))
    finally:
        library.close()
    assert _problems(_verify(paths)) == []


def test_a_nested_key_the_log_lacks_is_still_a_difference_unless_it_holds_its_default(
    old: tuple[LibraryPaths, int],
) -> None:
    """Lenient only for a default: an ``until`` written behind the app's back is named."""
    paths, party_id = old
    conn = sqlite3.connect(paths.database)
    try:
        [cell] = conn.execute("SELECT nationalities FROM parties WHERE id = ?", [party_id])
        entries = json.loads(cell[0])
        entries[1]["until"] = "2020-01-01"
        conn.execute(
            "UPDATE parties SET nationalities = ? WHERE id = ?", [json.dumps(entries), party_id]
        )
        conn.commit()
    finally:
        conn.close()
    found = _problems(_verify(paths))
    assert len(found) == 1
    assert "differs from its last audit entry" in found[0]
    assert "nationalities" in found[0]


@pytest.mark.parametrize(
    ("now_until", "same"),
    [(None, True), ("2020-01-01", False)],
)
def test_a_row_read_back_compares_with_an_older_log_only_at_the_nested_default(
    now_until: str | None, same: bool
) -> None:
    """The slow path of verify (a row decoded and compared field by field) is as lenient."""
    logged = {"country": "SG", "basis": "permanent_residency", "since": "2015-01-05"}
    now = {**logged, "until": now_until}
    differ = _differences(
        "parties",
        canonical_json({"nationalities": [now]}),
        canonical_json({"nationalities": [logged]}),
    )
    assert differ == ([] if same else ["nationalities"])


def test_a_list_of_plain_values_gets_no_nested_leniency() -> None:
    differ = _differences(
        "parties", canonical_json({"aliases": ["A", None]}), canonical_json({"aliases": ["A"]})
    )
    assert differ == ["aliases"]
