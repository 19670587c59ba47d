"""The audit chain: it verifies after ordinary work, and names the first entry that was tampered
with when a row is edited, deleted or moved by hand."""

from __future__ import annotations

import itertools
from dataclasses import asdict, replace
from datetime import date

import pytest

from desktop_app.core.enums import ItemKind, MatterKind, PartyRole
from desktop_app.core.models import Item, Matter, Note, Party
from desktop_app.core.services import MatterService
from desktop_app.storage import audit, queries
from desktop_app.storage.library import Library

COLUMNS = (
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "matter_id",
    "before",
    "after",
    "prev_hash",
    "hash",
)


@pytest.fixture
def chained(service: MatterService, library: Library) -> Library:
    """A library with a chain of eight entries from ordinary operations."""
    matter = service.create_matter(Matter("Meridian 5", MatterKind.AUTHORIZATION_LETTER)).record
    party = service.add_party(Party(matter.id, "Thistlegate", PartyRole.ANNEX_A_ENTITY)).record
    service.update_party(replace(party, country="GB"))
    item = service.add_item(Item(matter.id, "Weights", ItemKind.AI_MODEL_WEIGHTS)).record
    service.update_item(replace(item, eccn="4E091"))
    note = service.add_note(Note(matter.id, "Letter of June 26 received.")).record
    service.update_matter(replace(matter, closed=date(2026, 11, 27)))
    service.remove_note(note.id)
    assert [e.seq for e in queries.audit_entries(library.db)] == list(range(1, 9))
    return library


def _break(library: Library) -> tuple[int, str] | None:
    return audit.first_break(queries.audit_entries(library.db))


def test_an_untouched_chain_verifies(chained: Library) -> None:
    assert _break(chained) is None
    entries = queries.audit_entries(chained.db)
    assert entries[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert queries.audit_head(chained.db) == (8, entries[-1].hash)


def test_an_empty_chain_verifies(library: Library) -> None:
    assert _break(library) is None
    assert queries.audit_head(library.db) == (0, audit.GENESIS)


def test_an_edited_entry_is_named(chained: Library) -> None:
    chained.db.execute("UPDATE audit SET after = replace(after, 'GB', 'FR') WHERE seq = 3")
    assert _break(chained) == (3, "its content does not match its hash")


def test_an_edited_entry_with_a_recomputed_hash_breaks_the_next_link(chained: Library) -> None:
    forged = replace(queries.audit_entries(chained.db)[3], actor="someone else")
    forged = replace(forged, hash=audit.entry_hash(asdict(forged)))
    chained.db.execute(
        "UPDATE audit SET actor = ?, hash = ? WHERE seq = 4", [forged.actor, forged.hash]
    )
    found = _break(chained)
    assert found is not None
    assert found[0] == 5


def test_a_deleted_middle_entry_is_caught(chained: Library) -> None:
    chained.db.execute("DELETE FROM audit WHERE seq = 4")
    found = _break(chained)
    assert found is not None
    assert found[0] == 5
    assert "expected entry 4" in found[1]


def test_a_deleted_first_entry_is_caught(chained: Library) -> None:
    chained.db.execute("DELETE FROM audit WHERE seq = 1")
    found = _break(chained)
    assert found is not None
    assert found[0] == 2


def test_two_swapped_entries_are_caught(chained: Library) -> None:
    rows = {
        seq: chained.db.execute(
            f"SELECT {', '.join(COLUMNS)} FROM audit WHERE seq = ?", [seq]
        ).fetchone()
        for seq in (3, 6)
    }
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS)
    with chained.db.atomic():
        chained.db.execute(f"UPDATE audit SET {assignments} WHERE seq = 3", [*rows[6]])
        chained.db.execute(f"UPDATE audit SET {assignments} WHERE seq = 6", [*rows[3]])
    found = _break(chained)
    assert found is not None
    assert found[0] == 3


def test_an_inserted_entry_is_caught(chained: Library) -> None:
    chained.db.execute("UPDATE audit SET seq = seq + 100 WHERE seq > 4")
    chained.db.execute("UPDATE audit SET seq = seq - 99 WHERE seq > 100")
    last = queries.audit_entries(chained.db)[3]
    chained.db.table("audit").insert({**asdict(last), "seq": 5, "actor": "intruder"})
    found = _break(chained)
    assert found is not None
    assert found[0] == 5
