"""The History reads as prose: labels instead of codes, no JSON nulls, the person by name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.authorizations import License, ValidityBasis
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind, PartyRole
from desktop_app.core.history_text import details, headline, record_names, sentence, who
from desktop_app.core.models import AuditEntry, Matter, Party
from desktop_app.core.people import PeopleService, Person, names, person_errors
from desktop_app.core.services import MatterService
from desktop_app.core.text import cut_at_word
from desktop_app.errors import ValidationError
from desktop_app.storage.library import Library


def _last(library: Library) -> AuditEntry:
    seq = library.reads.audit_head()[0]
    return library.reads.audit_range(seq, seq)[0]


def test_a_changed_license_reads_with_labels_and_dates(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Halcyon", MatterKind.LICENSE_APPLICATION)).record
    party = service.add_party(Party(matter.id, "Thistlegate", PartyRole.END_USER)).record
    decisions = DecisionService(library, "jdoe")
    stored = decisions.add_license(
        License(matter.id, "D512847", date(2026, 8, 14), party_ids=(party.id,))
    )
    decisions.update_license(
        replace(
            stored,
            validated_on=date(2026, 8, 15),
            validity=ValidityBasis.SET_BY_BIS,
            expires_on_set=date(2027, 1, 29),
        )
    )
    entry = _last(library)
    assert headline(entry) == "Changed the license “D512847”"
    said = details(entry)
    assert "validated on: 2026-08-14 → 2026-08-15" in said
    assert "validity: 4 years (standard) → Set by BIS" in said
    assert "expiry set by hand: — → 2027-01-29" in said
    for code in ("null", "_", "licenses"):
        assert code not in said
    assert sentence(entry, {"jdoe": "Jane Doe"}).startswith("Jane Doe (jdoe): Changed the license")


def test_an_addition_names_its_record_and_its_filled_fields(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Halcyon", MatterKind.LICENSE_APPLICATION)).record
    service.add_party(Party(matter.id, "Kohaku Data Systems K.K.", PartyRole.END_USER))
    entry = _last(library)
    assert headline(entry) == "Added the party “Kohaku Data Systems K.K.”"
    assert "role: End user" in details(entry)
    assert "Kohaku" not in details(entry)  # the name is in the headline, not said twice


def test_ids_read_as_the_names_of_the_records_they_point_to(
    library: Library, service: MatterService
) -> None:
    matter = service.create_matter(Matter("Halcyon", MatterKind.LICENSE_APPLICATION)).record
    party = service.add_party(Party(matter.id, "Thistlegate", PartyRole.END_USER)).record
    DecisionService(library, "jdoe").add_license(
        License(matter.id, "D512847", date(2026, 8, 14), party_ids=(party.id,))
    )
    entry = _last(library)
    assert "parties: Thistlegate" in details(entry, record_names(library.reads.record(matter)))
    assert f"parties: #{party.id}" in details(entry, {"parties": {}})  # a record gone since


def test_the_person_is_named_when_they_gave_a_name() -> None:
    assert who("jdoe", {"jdoe": "Jane Doe"}) == "Jane Doe (jdoe)"
    assert who("jdoe", {}) == "jdoe"
    assert who("jdoe", {"jdoe": "jdoe"}) == "jdoe"


def test_long_values_are_cut_after_a_word() -> None:
    text = "Credentials to the Meridian weight store for the research team in London"
    cut = cut_at_word(text, 40)
    assert cut == "Credentials to the Meridian weight…"
    assert len(cut) <= 40
    assert cut_at_word("short", 40) == "short"
    assert cut_at_word("x" * 50, 10) == "x" * 9 + "…"  # one word longer than the room


def test_people_keep_a_name_and_title_per_account_audited(library: Library) -> None:
    PeopleService(library, "jdoe").set_me("  Jane Doe ", "Senior Counsel, Export Controls")
    PeopleService(library, "rkhan").set_me("Rahim Khan", "")
    people = library.reads.people()
    assert people["jdoe"] == Person("jdoe", "Jane Doe", "Senior Counsel, Export Controls")
    assert names(people) == {"jdoe": "Jane Doe", "rkhan": "Rahim Khan"}
    assert _last(library).entity == "settings"
    PeopleService(library, "jdoe").set_me("Jane Doe-Smith", "Senior Counsel")
    assert library.reads.people()["jdoe"].name == "Jane Doe-Smith"
    assert headline(_last(library)) == "Changed the setting “person:jdoe”"


@pytest.mark.parametrize(
    ("name", "title", "field"),
    [("x" * 121, "", "name"), ("Jane", "Counsel\nExports", "title")],
)
def test_a_name_too_long_or_on_two_lines_is_refused(
    library: Library, name: str, title: str, field: str
) -> None:
    assert field in person_errors(Person("jdoe", name, title))
    with pytest.raises(ValidationError):
        PeopleService(library, "jdoe").set_me(name, title)
    assert library.reads.people() == {}
