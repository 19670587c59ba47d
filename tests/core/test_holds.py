"""A legal hold refuses every removal on its matter, from every service, and audits the attempt."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind, PartyRole, TransactionType
from desktop_app.core.models import Activity, Item, Matter, Note, Party
from desktop_app.core.retention import LegalHold, RefusedError
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.services import MatterService
from desktop_app.storage import queries
from desktop_app.storage.audit import first_break
from desktop_app.storage.library import Library
from tests.conftest import TODAY
from tests.core.test_decisions import ANNEX, _letter

Dump = dict[str, list[tuple[object, ...]]]


@pytest.fixture
def held(library: Library, service: MatterService) -> tuple[Matter, dict[str, int], int]:
    made = Matter("Held matter", MatterKind.AUTHORIZATION_LETTER)
    matter = service.create_matter(made).record
    party = service.add_party(Party(matter.id, "Kohaku Data Systems K.K.", PartyRole.END_USER))
    item = service.add_item(Item(matter.id, "Unused item")).record
    other = service.add_item(Item(matter.id, "Used item")).record
    export = Activity(matter.id, TransactionType.EXPORT, other.id, party.record.id, to_country="JP")
    activity = service.add_activity(export).record
    note = service.add_note(Note(matter.id, "Keep this")).record
    letter = DecisionService(library, "counsel").add_letter(_letter(matter), ANNEX)
    retention = RetentionService(library, "counsel", library.blobs, today=lambda: TODAY)
    hold = retention.place_hold(LegalHold(matter.id, "BIS OEE", date(2026, 9, 1)))
    ids = {"item": item.id, "activity": activity.id, "note": note.id, "letter": letter.id,
           "party": party.record.id}  # fmt: skip
    return matter, ids, hold.id


def test_every_removal_is_refused_and_audited_while_on_hold(
    library: Library,
    service: MatterService,
    held: tuple[Matter, dict[str, int], int],
    dump: Callable[[], Dump],
) -> None:
    matter, ids, _ = held
    decisions = DecisionService(library, "counsel")
    attempts: list[Callable[[], object]] = [
        lambda: service.remove_note(ids["note"]),
        lambda: service.remove_item(ids["item"]),
        lambda: service.remove_activity(ids["activity"]),
        lambda: service.remove_party(ids["party"]),
        lambda: decisions.replace_annex(ids["letter"], "Row,Entity\n1,Someone else\n"),
    ]
    for attempt in attempts:
        before = dump()
        seq = queries.audit_head(library.db)[0]
        with pytest.raises(RefusedError, match="under legal hold"):
            attempt()
        after = dump()
        assert {t: rows for t, rows in after.items() if t != "audit"} == {
            t: rows for t, rows in before.items() if t != "audit"
        }
        entries = queries.audit_entries(library.db)
        assert [(e.seq, e.action, e.matter_id) for e in entries[seq:]] == [
            (seq + 1, "refused", matter.id)
        ]
    assert first_break(queries.audit_entries(library.db)) is None


def test_removals_work_again_once_the_hold_is_released(
    library: Library, service: MatterService, held: tuple[Matter, dict[str, int], int]
) -> None:
    _, ids, hold_id = held
    RetentionService(library, "counsel", library.blobs, today=lambda: TODAY).release_hold(
        hold_id, TODAY, "Written authorization of BIS OEE"
    )
    assert service.remove_note(ids["note"]).text == "Keep this"
    assert service.remove_item(ids["item"]).name == "Unused item"
