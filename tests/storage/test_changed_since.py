"""What a write changed is read back from the audit entries it appended (the change notices)."""

from __future__ import annotations

from desktop_app.core.changes import Change
from desktop_app.core.enums import MatterKind, PartyRole
from desktop_app.core.models import Matter, Note, Party
from desktop_app.core.services import MatterService
from desktop_app.storage.library import Library


def test_the_change_names_each_kind_written_and_its_matters(
    library: Library, service: MatterService
) -> None:
    first = service.create_matter(Matter("Meridian 5", MatterKind.AUTHORIZATION_LETTER)).record
    second = service.create_matter(Matter("Annex A", MatterKind.AUTHORIZATION_LETTER)).record
    seq = library.reads.audit_head()[0]
    service.add_party(Party(first.id, "Northwind Research Ltd.", PartyRole.END_USER))
    service.add_note(Note(second.id, "Called BIS."))
    change = library.reads.changed_since(seq)
    assert change.entities == {"parties", "notes"}
    assert change.matters == {first.id, second.id}
    assert not change.empty


def test_nothing_written_is_an_empty_change(library: Library, service: MatterService) -> None:
    service.create_matter(Matter("Meridian 5", MatterKind.AUTHORIZATION_LETTER))
    change = library.reads.changed_since(library.reads.audit_head()[0])
    assert change == Change()
    assert change.empty


def test_a_change_touches_and_concerns_only_what_it_names() -> None:
    change = Change(frozenset({"notes"}), frozenset({7}))
    assert change.touches(frozenset({"notes", "parties"}))
    assert not change.touches(frozenset({"parties"}))
    assert change.concerns(7)
    assert not change.concerns(8)
    assert not change.concerns(None)
    everything = Change.all()
    assert everything.touches(frozenset({"parties"}))
    assert everything.concerns(8)
    assert not everything.empty
