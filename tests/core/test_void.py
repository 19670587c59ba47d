"""A matter opened in error is voided only while it holds nothing kept; its number stays used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.authorizations import ClockEvent, ClockEventKind
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind, PartyRole
from desktop_app.core.models import Item, Matter, Note, Party
from desktop_app.core.retention import LegalHold, RefusedError
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.services import MatterService
from desktop_app.errors import ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from tests.conftest import Dump

OPENED = date(2026, 12, 1)


def _opened_in_error(service: MatterService) -> Matter:
    matter = service.create_matter(
        Matter("Duplicate of EC-2026-0001", MatterKind.INTERNAL_REVIEW, opened=OPENED)
    ).record
    service.add_party(Party(matter.id, "Thistlegate Analytics Ltd", PartyRole.ANNEX_A_ENTITY))
    service.add_item(Item(matter.id, "Meridian 5 model weights"))
    return matter


def _voids(library: Library) -> RetentionService:
    return RetentionService(library, "counsel", library.blobs)


def test_a_matter_holding_only_what_was_typed_is_voided_and_its_number_kept(
    library: Library, service: MatterService
) -> None:
    matter = _opened_in_error(service)
    purged = _voids(library).void(matter.id, "  opened twice  by mistake ")
    assert purged.rows >= 2
    assert matter.number not in {s.matter.number for s in queries.docket(library.db)}
    history = queries.history(library.db, matter.id)
    reasons = [e.after for e in history if e.entity == "matters" and e.action == "update"]
    assert any("voided, opened in error: opened twice by mistake" in (r or "") for r in reasons)
    again = service.create_matter(Matter("Next", MatterKind.INTERNAL_REVIEW, opened=OPENED))
    assert again.record.number != matter.number  # a voided number is never given again


def test_a_matter_holding_a_record_to_keep_is_not_voided_and_says_what(
    library: Library, service: MatterService, dump: Callable[[], Dump]
) -> None:
    matter = _opened_in_error(service)
    DecisionService(library, "counsel").add_clock_event(
        ClockEvent(matter.id, ClockEventKind.REGISTERED, OPENED)
    )
    before = dump()
    with pytest.raises(RefusedError, match=r"holds records that must be kept \(1 BIS clock event"):
        _voids(library).void(matter.id, "wrong client")
    after = dump()
    assert {k: v for k, v in after.items() if k != "audit"} == {
        k: v for k, v in before.items() if k != "audit"
    }  # only the refusal is recorded
    assert matter.number in {s.matter.number for s in queries.docket(library.db)}


def test_no_void_under_legal_hold_nor_without_a_reason(
    library: Library, service: MatterService
) -> None:
    matter = _opened_in_error(service)
    with pytest.raises(ValidationError, match="Say why"):
        _voids(library).void(matter.id, "   ")
    _voids(library).place_hold(LegalHold(matter.id, "BIS", OPENED))
    with pytest.raises(RefusedError, match=r"under legal hold.*762\.6\(b\)"):
        _voids(library).void(matter.id, "wrong client")
    assert matter.number in {s.matter.number for s in queries.docket(library.db)}


def test_a_note_is_a_record_to_keep_and_an_unreadable_reason_is_refused(
    library: Library, service: MatterService
) -> None:
    matter = _opened_in_error(service)
    with pytest.raises(ValidationError) as unreadable:
        _voids(library).void(matter.id, "wrong \ud800 client")
    assert "unpaired surrogate" in unreadable.value.fields["reason"]
    service.add_note(Note(matter.id, "Opened twice by mistake."))
    with pytest.raises(RefusedError, match=r"\(1 note; 15 CFR 762\.2"):
        _voids(library).void(matter.id, "wrong client")


def test_a_void_is_not_undone(library: Library, service: MatterService) -> None:
    from desktop_app.core.undo import why_not

    matter = _opened_in_error(service)
    seq = queries.audit_head(library.db)[0]
    _voids(library).void(matter.id, "wrong client")
    entries = [e for e in queries.history(library.db, matter.id) if e.seq > seq]
    assert why_not(entries).startswith("It voided or deleted a matter")


def test_a_voided_or_renumbered_number_is_not_given_again_by_any_path(
    library: Library, service: MatterService
) -> None:
    matter = _opened_in_error(service)
    _voids(library).void(matter.id, "wrong client")
    with pytest.raises(ValidationError, match="was given before"):
        service.create_matter(
            Matter("Typed by hand", MatterKind.INTERNAL_REVIEW, number=matter.number)
        )
    kept = service.create_matter(Matter("Kept", MatterKind.INTERNAL_REVIEW, opened=OPENED)).record
    old = kept.number
    renamed = service.update_matter(replace(kept, number="EC-2026-0900")).record
    assert renamed.number == "EC-2026-0900"
    again = service.create_matter(Matter("Next", MatterKind.INTERNAL_REVIEW, opened=OPENED))
    assert again.record.number not in {old, matter.number, "EC-2026-0900"}
    with pytest.raises(ValidationError, match="was given before"):
        service.update_matter(replace(again.record, number=old))
