"""Undo and Redo put records back by new audited changes, all or nothing, losing no change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

import pytest

from desktop_app.core.authorizations import License, ValidityBasis
from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.decisions import DecisionService
from desktop_app.core.documents import ParsedFile
from desktop_app.core.enums import MatterKind, PartyRole
from desktop_app.core.holds import RefusedError
from desktop_app.core.models import Matter, Note, Party
from desktop_app.core.retention import LegalHold
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.services import MatterService
from desktop_app.core.undo import Step, UndoService, step_of
from desktop_app.errors import ChangedSinceError, NotUndoableError
from desktop_app.storage import queries
from desktop_app.storage.library import Library

T = TypeVar("T")
Dump = dict[str, list[tuple[object, ...]]]


def _step(library: Library, act: Callable[[], T]) -> tuple[Step, T]:
    """Run ``act`` and return the step its audit entries make, with what it returned."""
    before = library.reads.audit_head()[0]
    result = act()
    step = step_of(library.reads.audit_range(before + 1, library.reads.audit_head()[0]))
    assert step is not None
    return step, result


@pytest.fixture
def matter(service: MatterService) -> Matter:
    return service.create_matter(Matter("Halcyon", MatterKind.LICENSE_APPLICATION)).record


@pytest.fixture
def undoer(library: Library) -> UndoService:
    return UndoService(library, "second-counsel")


def _license(library: Library, matter: Matter, service: MatterService) -> License:
    party = service.add_party(Party(matter.id, "Thistlegate Analytics Ltd", PartyRole.END_USER))
    return DecisionService(library, "counsel").add_license(
        License(
            matter.id,
            "D512847",
            date(2026, 8, 14),
            validity=ValidityBasis.STANDARD_4Y,
            party_ids=(party.record.id,),
        )
    )


def test_a_corrected_license_date_is_undone_and_redone(
    library: Library, service: MatterService, matter: Matter, undoer: UndoService
) -> None:
    stored = _license(library, matter, service)
    decisions = DecisionService(library, "counsel")
    fixed = replace(stored, validated_on=date(2026, 8, 15))
    step, _ = _step(library, lambda: decisions.update_license(fixed))
    assert step.label == "Changed the license “D512847”"
    assert step.blocked == ""

    undo, _ = _step(library, lambda: undoer.undo(step))
    assert queries.by_id(library.db, License, stored.id) == stored
    entry = library.reads.audit_range(undo.first, undo.last)[-1]
    assert (entry.action, entry.actor) == ("update", "second-counsel")
    assert '"validated_on":"2026-08-14"' in (entry.after or "")

    undoer.undo(undo)  # Redo: the Undo of the Undo
    assert queries.by_id(library.db, License, stored.id) == fixed


def test_undoing_an_addition_removes_it_and_redo_brings_it_back_with_its_id(
    library: Library, service: MatterService, matter: Matter, undoer: UndoService
) -> None:
    step, saved = _step(library, lambda: service.add_note(Note(matter.id, "Call BIS on Monday")))
    undo, _ = _step(library, lambda: undoer.undo(step))
    assert queries.by_id(library.db, Note, saved.record.id) is None
    undoer.undo(undo)
    assert queries.by_id(library.db, Note, saved.record.id) == saved.record


def test_undoing_a_removal_puts_the_party_back_as_it_was(
    library: Library, service: MatterService, matter: Matter, undoer: UndoService
) -> None:
    party = service.add_party(
        Party(matter.id, "Kohaku Data Systems K.K.", PartyRole.END_USER, aliases=("Kohaku",))
    ).record
    step, _ = _step(library, lambda: service.remove_party(party.id))
    undoer.undo(step)
    assert queries.by_id(library.db, Party, party.id) == party


def test_a_record_changed_since_is_not_put_back_and_nothing_changes(
    library: Library,
    service: MatterService,
    matter: Matter,
    undoer: UndoService,
    dump: Callable[[], Dump],
) -> None:
    party = service.add_party(Party(matter.id, "Northwind Research", PartyRole.END_USER)).record
    first, _ = _step(library, lambda: service.update_party(replace(party, country="GB")))
    service.update_party(replace(party, country="IE"))  # a later change the undo must not lose
    before = dump()
    with pytest.raises(ChangedSinceError, match="Northwind Research"):
        undoer.undo(first)
    assert dump() == before


def test_a_step_is_undone_whole_or_not_at_all(
    library: Library,
    service: MatterService,
    matter: Matter,
    undoer: UndoService,
    dump: Callable[[], Dump],
) -> None:
    def two_changes() -> Party:
        service.add_note(Note(matter.id, "first"))
        return service.add_party(Party(matter.id, "Later Labs", PartyRole.END_USER)).record

    step, party = _step(library, two_changes)
    service.update_party(replace(party, country="DE"))  # the party (newest change) moved on
    before = dump()
    with pytest.raises(ChangedSinceError):
        undoer.undo(step)
    assert dump() == before  # the note, reverted before the refusal, is still there


def test_filing_an_original_cannot_be_undone(
    library: Library, matter: Matter, undoer: UndoService, dump: Callable[[], Dump]
) -> None:
    filer = CorrespondenceService(library, library.blobs, "counsel", find_refs=lambda _t: ())
    letter = ParsedFile("letter.pdf", "application/pdf", b"%PDF-1.7 letter", text="letter")
    step, _ = _step(library, lambda: filer.file(matter.id, "letter.pdf", letter))
    assert "the document" in step.blocked
    before = dump()
    with pytest.raises(NotUndoableError, match="cannot be undone"):
        undoer.undo(step)
    assert dump() == before


def test_a_step_of_several_changes_says_how_many(
    library: Library, service: MatterService, matter: Matter
) -> None:
    def three() -> None:
        for text in ("a", "b", "c"):
            service.add_note(Note(matter.id, text))

    step, _ = _step(library, three)
    assert step.label == "Added the note “a” (and 2 more changes)"


def test_a_corrected_note_keeps_its_author_and_time_and_can_be_undone(
    library: Library, service: MatterService, matter: Matter, undoer: UndoService
) -> None:
    note = service.add_note(Note(matter.id, "Call BIS on Munday")).record
    forged = replace(note, text="Call BIS on Monday", author="someone else", created_at="2001")
    step, saved = _step(library, lambda: service.update_note(forged))
    assert saved.record == replace(note, text="Call BIS on Monday")
    assert queries.by_id(library.db, Note, note.id) == saved.record
    undoer.undo(step)
    assert queries.by_id(library.db, Note, note.id) == note


def test_undo_removes_nothing_from_a_matter_under_legal_hold(
    library: Library, service: MatterService, matter: Matter, undoer: UndoService
) -> None:
    step, saved = _step(library, lambda: service.add_note(Note(matter.id, "Called BIS")))
    RetentionService(library, "counsel", library.blobs).place_hold(
        LegalHold(matter.id, "BIS OEE", date(2026, 12, 1))
    )
    with pytest.raises(RefusedError, match="hold"):
        undoer.undo(step)
    assert queries.by_id(library.db, Note, saved.record.id) == saved.record
    last = library.reads.audit_range(*(library.reads.audit_head()[0],) * 2)[0]
    assert (last.action, last.actor) == ("refused", "second-counsel")


def test_opening_a_matter_cannot_be_undone_so_its_number_is_never_reused(
    library: Library, service: MatterService
) -> None:
    step, _ = _step(
        library, lambda: service.create_matter(Matter("Oops", MatterKind.INTERNAL_REVIEW))
    )
    assert "Void, opened in error" in step.blocked
    with pytest.raises(NotUndoableError, match="opened a matter"):
        UndoService(library, "counsel").undo(step)
