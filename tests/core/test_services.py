"""The matter service over a real SQLite library: one operation, one transaction, one audit
entry per changed record, and nothing at all left behind when an operation is refused."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop_app.assets import read_json
from desktop_app.core.enums import (
    ItemKind,
    MatterKind,
    NationalityBasis,
    PartyKind,
    PartyRole,
    TransactionType,
    UsStatus,
)
from desktop_app.core.models import Activity, AuditEntry, Item, Matter, Nationality, Note, Party
from desktop_app.core.sample import add_samples
from desktop_app.core.services import MatterService
from desktop_app.errors import NotFoundError, UserError, ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library

Dump = dict[str, list[tuple[object, ...]]]


def _matter(title: str = "Meridian 5 weights", **changes: Any) -> Matter:
    return replace(Matter(title=title, kind=MatterKind.AUTHORIZATION_LETTER), **changes)


def _entity(matter: Matter, name: str = "Thistlegate Analytics Ltd") -> Party:
    return Party(matter.id, name, PartyRole.ANNEX_A_ENTITY, country="GB", annex_row=1)


def _person(matter: Matter, name: str = "Liang Shufen", employer: int | None = None) -> Party:
    return Party(
        matter.id,
        name,
        PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        employer_id=employer,
        nationalities=(Nationality("CN", NationalityBasis.CITIZENSHIP, date(1990, 1, 1)),),
        us_status=UsStatus.NONIMMIGRANT_VISA,
    )


def _weights(matter: Matter) -> Item:
    return Item(matter.id, "Meridian 5 weights", ItemKind.AI_MODEL_WEIGHTS, eccn="4E091")


def _audit_count(library: Library) -> int:
    return int(library.db.execute("SELECT count(*) FROM audit").fetchone()[0])


def _entries_after(library: Library, seq: int) -> list[AuditEntry]:
    return [e for e in queries.audit_entries(library.db) if e.seq > seq]


@contextmanager
def _audited(library: Library, expected: int) -> Iterator[list[AuditEntry]]:
    """Check that the block adds exactly ``expected`` audit rows and leaves no transaction open."""
    start = _audit_count(library)
    added: list[AuditEntry] = []
    yield added
    assert not library.db.conn.in_transaction
    added.extend(_entries_after(library, start))
    assert len(added) == expected


@contextmanager
def _refused(library: Library, dump: Callable[[], Dump], *fields: str) -> Iterator[None]:
    """Check that the block raises a ValidationError naming ``fields`` and changes nothing."""
    before = dump()
    with pytest.raises(ValidationError) as caught:
        yield
    assert set(caught.value.fields) == set(fields)
    assert all(caught.value.fields[f] for f in fields)
    assert not library.db.conn.in_transaction
    assert dump() == before


# -- matter numbers ---------------------------------------------------------------------------


def test_matter_numbers_count_up_per_year_opened(service: MatterService, library: Library) -> None:
    first = service.create_matter(_matter("first")).record
    second = service.create_matter(_matter("second")).record
    older = service.create_matter(_matter("older", opened=date(2025, 3, 1))).record
    third = service.create_matter(_matter("third")).record
    assert [first.number, second.number, older.number, third.number] == [
        "EC-2026-0001",
        "EC-2026-0002",
        "EC-2025-0001",
        "EC-2026-0003",
    ]
    assert first.opened == date(2026, 11, 27)
    for stored in (first, second, older, third):
        assert queries.matter_by_number(library.db, stored.number) == stored


def test_a_given_number_is_kept_and_numbering_continues_after_it(service: MatterService) -> None:
    given = service.create_matter(_matter("given", number="EC-2026-0042")).record
    assert given.number == "EC-2026-0042"
    assert service.create_matter(_matter("next")).record.number == "EC-2026-0043"


def test_a_duplicate_number_is_refused_and_changes_nothing(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    service.create_matter(_matter("first"))
    other = service.create_matter(_matter("second")).record
    with _refused(library, dump, "number"):
        service.create_matter(_matter("again", number="EC-2026-0001"))
    with _refused(library, dump, "number"):
        service.update_matter(replace(other, number="EC-2026-0001"))


def test_a_matter_keeps_its_number(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    matter = service.create_matter(_matter()).record
    with _refused(library, dump, "number"):
        service.update_matter(replace(matter, number=""))


# -- refused input ----------------------------------------------------------------------------


def test_an_empty_title_is_refused_and_changes_nothing(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    matter = service.create_matter(_matter()).record
    with _refused(library, dump, "title"):
        service.create_matter(_matter(""))
    with _refused(library, dump, "title"):
        service.update_matter(replace(matter, title=" \t"))


def test_closing_before_opening_is_refused(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    with _refused(library, dump, "closed"):
        service.create_matter(_matter(closed=date(2026, 1, 1)))


def test_an_invalid_eccn_is_refused_and_changes_nothing(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    matter = service.create_matter(_matter()).record
    item = service.add_item(_weights(matter)).record
    with _refused(library, dump, "eccn"):
        service.add_item(replace(_weights(matter), eccn="4E91"))
    with _refused(library, dump, "eccn"):
        service.update_item(replace(item, eccn="4e091"))


def test_an_unknown_country_is_refused_and_changes_nothing(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    matter = service.create_matter(_matter()).record
    party = service.add_party(_entity(matter)).record
    with _refused(library, dump, "country"):
        service.add_party(replace(_entity(matter), country="XX"))
    with _refused(library, dump, "country"):
        service.update_party(replace(party, country="gb"))
    with _refused(library, dump, "hosting_country"):
        service.add_item(replace(_weights(matter), hosting_country="USA"))


def test_an_odd_acn_is_stored_as_typed_with_a_warning(
    service: MatterService, library: Library
) -> None:
    saved = service.create_matter(_matter(acn="acn 12", license_number="D12"))
    assert len(saved.warnings) == 2
    stored = queries.matter_by_number(library.db, saved.record.number)
    assert (stored.acn, stored.license_number) == ("acn 12", "D12")


def test_a_party_of_a_missing_matter_is_refused(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    before = dump()
    with pytest.raises(NotFoundError):
        service.add_party(Party(999, "Nobody", PartyRole.OTHER))
    assert dump() == before
    assert not library.db.conn.in_transaction


# -- links between records --------------------------------------------------------------------


def test_an_employer_from_another_matter_is_refused(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    first = service.create_matter(_matter("first")).record
    second = service.create_matter(_matter("second")).record
    employer = service.add_party(_entity(first)).record
    person = service.add_party(_person(second)).record
    with _refused(library, dump, "employer_id"):
        service.add_party(_person(second, "Other person", employer=employer.id))
    with _refused(library, dump, "employer_id"):
        service.update_party(replace(person, employer_id=employer.id))


def test_an_activity_with_a_party_or_item_of_another_matter_is_refused(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    first = service.create_matter(_matter("first")).record
    second = service.create_matter(_matter("second")).record
    foreign_party = service.add_party(_entity(first)).record
    foreign_item = service.add_item(_weights(first)).record
    own_party = service.add_party(_entity(second)).record
    export = Activity(second.id, TransactionType.EXPORT, to_country="GB")
    with _refused(library, dump, "party_id"):
        service.add_activity(replace(export, party_id=foreign_party.id))
    with _refused(library, dump, "item_id"):
        service.add_activity(replace(export, party_id=own_party.id, item_id=foreign_item.id))


def test_a_deemed_export_to_an_entity_is_refused(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    matter = service.create_matter(_matter()).record
    entity = service.add_party(_entity(matter)).record
    item = service.add_item(_weights(matter)).record
    deemed = Activity(matter.id, TransactionType.DEEMED_EXPORT, item_id=item.id, to_country="CN")
    with _refused(library, dump, "party_id"):
        service.add_activity(replace(deemed, party_id=entity.id))
    with _refused(library, dump, "party_id"):
        service.add_activity(deemed)
    person = service.add_party(_person(matter)).record
    assert service.add_activity(replace(deemed, party_id=person.id)).record.id > 0


def test_removing_a_party_used_by_an_activity_is_refused_with_a_message(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    matter = service.create_matter(_matter()).record
    employer = service.add_party(_entity(matter)).record
    person = service.add_party(_person(matter, employer=employer.id)).record
    item = service.add_item(_weights(matter)).record
    service.add_activity(Activity(matter.id, TransactionType.DEEMED_EXPORT, item.id, person.id))
    before = dump()
    with pytest.raises(ValidationError, match="Liang Shufen is used by 1 activity; remove"):
        service.remove_party(person.id)
    with pytest.raises(ValidationError, match="Thistlegate Analytics Ltd is the employer of 1"):
        service.remove_party(employer.id)
    assert dump() == before
    assert not library.db.conn.in_transaction
    with _refused(library, dump, "item"):
        service.remove_item(item.id)


def test_a_record_cannot_move_to_another_matter(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    first = service.create_matter(_matter("first")).record
    second = service.create_matter(_matter("second")).record
    item = service.add_item(_weights(first)).record
    with _refused(library, dump, "matter_id"):
        service.update_item(replace(item, matter_id=second.id))


# -- audit and transactions -------------------------------------------------------------------


def test_every_change_writes_one_audit_entry_in_its_transaction(
    service: MatterService, library: Library
) -> None:
    with _audited(library, 1) as added:
        matter = service.create_matter(_matter()).record
    assert (added[0].action, added[0].entity, added[0].entity_id) == (
        "insert",
        "matters",
        matter.id,
    )
    assert added[0].actor == "test"
    assert added[0].before is None
    assert json.loads(added[0].after or "")["number"] == matter.number

    with _audited(library, 1) as added:
        renamed = service.update_matter(replace(matter, title="Renamed")).record
    assert (added[0].action, added[0].matter_id) == ("update", matter.id)
    assert json.loads(added[0].before or "")["title"] == "Meridian 5 weights"
    assert json.loads(added[0].after or "")["title"] == "Renamed"

    with _audited(library, 1) as added:
        employer = service.add_party(_entity(matter)).record
    with _audited(library, 1):
        person = service.add_party(_person(matter, employer=employer.id)).record
    with _audited(library, 1):
        service.update_party(replace(person, visa_type="H-1B"))
    with _audited(library, 1):
        item = service.add_item(_weights(matter)).record
    with _audited(library, 1):
        service.update_item(replace(item, model_version="5.1"))
    with _audited(library, 1) as added:
        activity = service.add_activity(
            Activity(matter.id, TransactionType.DEEMED_EXPORT, item.id, person.id)
        ).record
    assert (added[0].entity, added[0].matter_id) == ("activities", matter.id)
    with _audited(library, 1):
        service.update_activity(replace(activity, description="Access to weights"))
    with _audited(library, 1) as added:
        note = service.add_note(Note(matter.id, "Call BIS on Monday.")).record
    assert note.author == "test"
    with _audited(library, 1) as added:
        service.remove_note(note.id)
    assert (added[0].action, added[0].after) == ("delete", None)
    with _audited(library, 1):
        service.remove_activity(activity.id)
    with _audited(library, 1):
        service.remove_party(person.id)
    with _audited(library, 1):
        service.remove_item(item.id)
    assert renamed.title == "Renamed"


def test_an_update_that_changes_nothing_writes_no_audit_entry(
    service: MatterService, library: Library
) -> None:
    matter = service.create_matter(_matter()).record
    party = service.add_party(_entity(matter)).record
    item = service.add_item(_weights(matter)).record
    with _audited(library, 0):
        service.update_matter(matter)
        service.update_party(party)
        service.update_item(item)


def test_refused_operations_leave_no_transaction_open(
    service: MatterService, library: Library
) -> None:
    matter = service.create_matter(_matter()).record
    attempts: list[Callable[[], object]] = [
        lambda: service.create_matter(_matter("")),
        lambda: service.add_party(Party(matter.id, "", PartyRole.OTHER)),
        lambda: service.add_party(Party(999, "Nobody", PartyRole.OTHER)),
        lambda: service.update_party(Party(matter.id, "Ghost", PartyRole.OTHER, id=999)),
        lambda: service.remove_party(999),
        lambda: service.remove_item(999),
        lambda: service.remove_activity(999),
        lambda: service.add_note(Note(matter.id, "   ")),
        lambda: service.add_activity(Activity(matter.id, TransactionType.EXPORT, party_id=999)),
    ]
    for attempt in attempts:
        with pytest.raises(UserError):
            attempt()
        assert not library.db.conn.in_transaction
    assert _audit_count(library) == 1


def test_a_storage_failure_mid_operation_surfaces_and_leaves_nothing(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    matter = service.create_matter(_matter()).record
    library.db.execute(
        "CREATE TRIGGER fail_note BEFORE INSERT ON notes "
        "BEGIN SELECT RAISE(ROLLBACK, 'disk on fire'); END"
    )
    before = dump()
    with pytest.raises(sqlite3.IntegrityError, match="disk on fire"):
        service.add_note(Note(matter.id, "never stored"))
    assert not library.db.conn.in_transaction
    assert dump() == before


def test_adding_the_samples_twice_adds_nothing_the_second_time(
    service: MatterService, library: Library, dump: Callable[[], Dump]
) -> None:
    data = read_json("sample/matters.json")
    added = add_samples(service, data)
    assert [m.number for m in added] == ["EC-2026-0001", "EC-2026-0002", "EC-2026-0003"]
    assert not library.db.conn.in_transaction
    before = dump()
    assert add_samples(service, data) == []
    assert dump() == before
