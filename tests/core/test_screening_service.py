"""Screening on the record: each party screened, each hit decided, editions carried forward.

A matter's parties are screened against an edition and recorded (a party with no potential
match says so); screening again on the same edition adds nothing; counsel's disposition needs
a rationale and is audited with who and when; a newer edition carries each party forward —
unchanged when its changes cannot alter the party's hits, screened again otherwise, and a hit
on an entry that changed is reopened with its reason.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.enums import MatterKind, PartyKind, PartyRole
from desktop_app.core.models import Matter, Party
from desktop_app.core.retention import RetentionTrigger, TriggerKind
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.screening_lists import Edition, ListEdition, changes
from desktop_app.core.screening_match import Screener
from desktop_app.core.screening_records import Disposition
from desktop_app.core.screening_service import ListService, NewEdition, ScreeningService
from desktop_app.core.services import MatterService
from desktop_app.errors import ValidationError
from desktop_app.reference.screening_files import parse_edition
from desktop_app.storage import queries
from desktop_app.storage.library import Library

EL = "Entity List (EL) - Bureau of Industry and Security"
NORTHWIND: dict[str, object] = {
    "source": EL,
    "entity_number": "",
    "type": "Entity",
    "name": "Northwind Quantum Ltd.",
    "alt_names": ["Northwind Quantum Company Limited"],
    "addresses": [{"country": "HK"}],
    "license_requirement": "For all items subject to the EAR.",
    "license_policy": "Presumption of denial.",
}
OTHER: dict[str, object] = {
    **NORTHWIND,
    "name": "Tarn Valley Optics LLC",
    "alt_names": [],
    "entity_number": "77",
}
LATER: dict[str, object] = {
    **NORTHWIND,
    "name": "Quillon Aerospace GmbH",
    "alt_names": [],
    "entity_number": "88",
}


def _edition(rows: list[dict[str, object]], published: date) -> tuple[bytes, ListEdition]:
    document = {"total": len(rows), "results": rows, "sources_used": []}
    data = json.dumps(document).encode()
    return data, parse_edition(data, Path("consolidated.json"), published)


def _hold(
    library: Library, rows: list[dict[str, object]], published: date
) -> tuple[Edition, ListEdition]:
    data, parsed = _edition(rows, published)
    return ListService(library, library.blobs, "counsel").add_edition(data, parsed).edition, parsed


@pytest.fixture
def matter(service: MatterService) -> Matter:
    """A matter with three parties: one listed, one clean, one a later edition lists."""
    matter = service.create_matter(Matter("Screening", MatterKind.LICENSE_APPLICATION)).record
    for name, country in (
        ("Northwind Quantum Limited", "HK"),
        ("Halcyon Reasoning Labs, Inc.", "US"),
        ("Quillon Aerospace", "DE"),
    ):
        service.add_party(
            Party(matter.id, name, PartyRole.ULTIMATE_CONSIGNEE, PartyKind.ENTITY, country)
        )
    return matter


def test_each_party_is_screened_and_recorded(library: Library, matter: Matter) -> None:
    edition, parsed = _hold(library, [NORTHWIND, OTHER], date(2026, 11, 1))
    done = ScreeningService(library, "counsel").screen_matter(
        matter.id, edition, Screener(parsed.entries)
    )
    assert [(p.party.name, p.screening.potential_matches, p.new) for p in done] == [
        ("Northwind Quantum Limited", 1, True),
        ("Halcyon Reasoning Labs, Inc.", 0, True),
        ("Quillon Aerospace", 0, True),
    ]
    [hit] = done[0].hits
    assert (hit.entry_name, hit.list_code, hit.disposition) == (
        "Northwind Quantum Ltd.",
        "EL",
        Disposition.UNDECIDED,
    )
    assert hit.alias in ("Northwind Quantum Ltd.", "Northwind Quantum Company Limited")
    assert any("country agrees" in f for f in hit.features)
    history = {(e.entity, e.action) for e in queries.history(library.db, matter.id)}
    assert {("screenings", "insert"), ("screening_hits", "insert")} <= history


def test_screening_again_on_the_same_edition_adds_nothing(library: Library, matter: Matter) -> None:
    edition, parsed = _hold(library, [NORTHWIND], date(2026, 11, 1))
    screener, service = Screener(parsed.entries), ScreeningService(library, "counsel")
    service.screen_matter(matter.id, edition, screener)
    head = library.reads.audit_head()
    again = service.screen_matter(matter.id, edition, screener)
    assert not any(p.new for p in again)
    assert library.reads.audit_head() == head


def test_a_disposition_needs_a_rationale_and_is_audited(library: Library, matter: Matter) -> None:
    edition, parsed = _hold(library, [NORTHWIND], date(2026, 11, 1))
    service = ScreeningService(library, "counsel", now=lambda: "2026-12-07T10:00:00Z")
    [hit] = service.screen_matter(matter.id, edition, Screener(parsed.entries))[0].hits
    with pytest.raises(ValidationError) as refused:
        service.decide(hit.id, Disposition.FALSE_POSITIVE, "  ")
    assert set(refused.value.fields) == {"rationale"}
    with pytest.raises(ValidationError):
        service.decide(hit.id, Disposition.UNDECIDED, "undo")
    decided = service.decide(hit.id, Disposition.FALSE_POSITIVE, "Different address; HK registry.")
    assert (decided.decided_by, decided.decided_at) == ("counsel", "2026-12-07T10:00:00Z")
    [entry] = [e for e in queries.history(library.db, matter.id) if e.action == "update"]
    assert entry.entity == "screening_hits"
    assert "Different address" in (entry.after or "")


def test_a_newer_edition_carries_reopens_and_screens_again(
    library: Library, matter: Matter
) -> None:
    first, parsed_first = _hold(library, [NORTHWIND, OTHER], date(2026, 11, 1))
    service = ScreeningService(library, "counsel")
    [hit] = service.screen_matter(matter.id, first, Screener(parsed_first.entries))[0].hits
    service.decide(hit.id, Disposition.CONFIRMED, "Same registered office.")
    changed: dict[str, object] = {**NORTHWIND, "license_policy": "Case-by-case review."}
    second, parsed_second = _hold(library, [changed, OTHER, LATER], date(2026, 12, 1))
    diff = changes(parsed_first, parsed_second)
    touched = [e for e in parsed_second.entries if e.key in diff.added | diff.changed]
    move = NewEdition(first, second, diff, Screener(parsed_second.entries), Screener(touched))
    carried = service.carry_forward(matter.id, move)
    assert (carried.rescreened, carried.carried, carried.reopened) == (2, 1, 1)
    on_second = [s for s in library.reads.screenings(matter.id) if s.edition_id == second.id]
    by_party = {s.party_id: s for s in on_second}
    hits = library.reads.screening_hits(matter.id)
    parties = {p.name: p.id for p in queries.children(library.db, Party, matter.id)}
    northwind = [
        h for h in hits if h.screening_id == by_party[parties["Northwind Quantum Limited"]].id
    ]
    assert [h.disposition for h in northwind] == [Disposition.UNDECIDED]
    assert "changed in the edition of 2026-12-01" in northwind[0].reopened
    quillon = [h for h in hits if h.screening_id == by_party[parties["Quillon Aerospace"]].id]
    assert [h.entry_name for h in quillon] == ["Quillon Aerospace GmbH"]  # found once listed
    halcyon = by_party[parties["Halcyon Reasoning Labs, Inc."]]
    assert halcyon.carried_from is not None
    assert halcyon.potential_matches == 0


def test_an_unchanged_entry_keeps_its_decision(library: Library, matter: Matter) -> None:
    first, parsed_first = _hold(library, [NORTHWIND], date(2026, 11, 1))
    service = ScreeningService(library, "counsel")
    [hit] = service.screen_matter(matter.id, first, Screener(parsed_first.entries))[0].hits
    service.decide(hit.id, Disposition.FALSE_POSITIVE, "Different company.")
    second, parsed_second = _hold(library, [NORTHWIND, OTHER], date(2026, 12, 1))
    diff = changes(parsed_first, parsed_second)
    touched = [e for e in parsed_second.entries if e.key in diff.added | diff.changed]
    move = NewEdition(first, second, diff, Screener(parsed_second.entries), Screener(touched))
    assert service.carry_forward(matter.id, move).reopened == 0
    latest = [
        h
        for h in library.reads.screening_hits(matter.id)
        if h.entry_name == "Northwind Quantum Ltd."
    ][-1]
    assert (latest.disposition, latest.rationale) == (
        Disposition.FALSE_POSITIVE,
        "Different company.",
    )


def test_a_screened_matter_can_still_be_purged(library: Library, matter: Matter) -> None:
    edition, parsed = _hold(library, [NORTHWIND], date(2026, 11, 1))
    ScreeningService(library, "counsel").screen_matter(matter.id, edition, Screener(parsed.entries))
    retention = RetentionService(library, "counsel", library.blobs, today=lambda: date(2040, 1, 1))
    export = RetentionTrigger(matter.id, TriggerKind.EXPORT_DATE, date(2026, 1, 5))
    retention.add_trigger(export, confirmed=True)
    retention.trash(matter.id, no_ofac_party=True)
    retention.purge(matter.id)
    assert library.reads.screenings(matter.id) == []
    assert library.reads.screening_hits(matter.id) == []
    assert library.reads.editions()  # the list edition is the library's, not the matter's


def test_a_party_of_an_individual_is_screened_as_one(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Deemed", MatterKind.LICENSE_APPLICATION)).record
    person = service.add_party(
        Party(
            matter.id,
            "Ivan Sergeyevich Petrov",
            PartyRole.FOREIGN_NATIONAL,
            PartyKind.INDIVIDUAL,
            "RU",
        )
    ).record
    row: dict[str, object] = {
        "source": "Specially Designated Nationals (SDN) - Treasury Department",
        "entity_number": "9",
        "type": "Individual",
        "name": "PETROV, Ivan Sergeyevich",
        "addresses": [{"country": "RU"}],
    }
    edition, parsed = _hold(library, [row], date(2026, 11, 1))
    done = ScreeningService(library, "counsel").screen_matter(
        matter.id, edition, Screener(parsed.entries)
    )
    [screened] = done
    assert screened.party == replace(person)
    assert [h.entry_name for h in screened.hits] == ["PETROV, Ivan Sergeyevich"]
    assert any("type agrees" in f for f in screened.hits[0].features)
