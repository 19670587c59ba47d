"""The facts issue 14 added are refused when they are real errors, and nothing is stored then.

Employment dates out of order; a letter that supersedes or modifies itself, a letter of another
matter or a later one, or is revoked before it is dated; excluded destinations that are neither
ISO 3166 countries nor Country Groups; determinations about another matter's items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.authorizations import AuthorizationLetter, Determination, DeterminationKind
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind, PartyKind, PartyRole, TransactionType
from desktop_app.core.letter_checks import parse_destinations
from desktop_app.core.models import Activity, Item, Matter, Party
from desktop_app.core.services import MatterService
from desktop_app.core.validation import party_errors
from desktop_app.errors import ValidationError
from desktop_app.storage.library import Library
from tests.core.test_decisions import _letter

Dump = dict[str, list[tuple[object, ...]]]
GROUPS = {"D:5", "E:1", "A:5"}


@pytest.fixture
def matter(service: MatterService) -> Matter:
    return service.create_matter(Matter("Letters", MatterKind.AUTHORIZATION_LETTER)).record


@pytest.fixture
def decisions(library: Library) -> DecisionService:
    return DecisionService(library, "counsel", is_group=GROUPS.__contains__)


def _refused(decisions: DecisionService, letter: AuthorizationLetter, field: str) -> str:
    store = decisions.update_letter if letter.id else decisions.add_letter
    with pytest.raises(ValidationError) as caught:
        store(letter)
    assert list(caught.value.fields) == [field]
    return caught.value.fields[field]


def test_employment_cannot_end_before_it_began() -> None:
    person = Party(1, "Liang Shufen", PartyRole.FOREIGN_NATIONAL, PartyKind.INDIVIDUAL)
    hired = replace(person, employed_since=date(2026, 3, 1), regular_employee=True)
    assert party_errors(replace(hired, employed_until=date(2026, 3, 1))) == {}
    errors = party_errors(replace(hired, employed_until=date(2026, 2, 28)))
    assert errors == {"employed_until": "Employment cannot end before it began."}
    assert "employed_since" in party_errors(replace(person, employed_since=date(1850, 1, 1)))


def test_destinations_are_read_from_what_counsel_type() -> None:
    assert parse_destinations(" cn, d:5;RU  cn ") == ("CN", "D:5", "RU")
    assert parse_destinations("") == ()


def test_excluded_destinations_are_countries_or_known_groups(
    decisions: DecisionService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    stored = decisions.add_letter(_letter(matter, excluded_destinations=("CN", "D:5")))
    assert stored.excluded_destinations == ("CN", "D:5")
    before = dump()
    why = _refused(
        decisions, _letter(matter, excluded_destinations=("D:9",)), "excluded_destinations"
    )
    assert "'D:9' is neither an ISO 3166 country code" in why
    _refused(decisions, _letter(matter, excluded_destinations=("XX",)), "excluded_destinations")
    assert dump() == before


def test_without_the_reference_any_group_shaped_code_is_accepted(
    library: Library, matter: Matter
) -> None:
    plain = DecisionService(library, "counsel")
    assert plain.add_letter(_letter(matter, excluded_destinations=("D:5", "B"))).id
    with pytest.raises(ValidationError, match="neither an ISO 3166"):
        plain.add_letter(_letter(matter, excluded_destinations=("China",)))


def test_a_letter_cannot_supersede_or_modify_itself(
    decisions: DecisionService, matter: Matter
) -> None:
    stored = decisions.add_letter(_letter(matter))
    assert "cannot supersede itself" in _refused(
        decisions, replace(stored, supersedes_letter_id=stored.id), "supersedes_letter_id"
    )
    assert "cannot modify itself" in _refused(
        decisions, replace(stored, modifies_letter_id=stored.id), "modifies_letter_id"
    )


def test_a_letter_supersedes_only_an_earlier_letter_of_its_matter(
    decisions: DecisionService, service: MatterService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    june = decisions.add_letter(_letter(matter))
    other_matter = service.create_matter(Matter("Other", MatterKind.INTERNAL_REVIEW)).record
    elsewhere = decisions.add_letter(_letter(other_matter))
    before = dump()
    why = _refused(
        decisions, _letter(matter, supersedes_letter_id=elsewhere.id), "supersedes_letter_id"
    )
    assert why == "A letter can only supersede another letter of this matter."
    may = _letter(matter, dated=date(2026, 5, 1), effective_from=date(2026, 5, 1))
    why = _refused(decisions, replace(may, modifies_letter_id=june.id), "modifies_letter_id")
    assert "only modify an earlier letter; that one is dated 2026-06-26" in why
    both = _letter(matter, supersedes_letter_id=june.id, modifies_letter_id=june.id)
    assert "does not also modify it" in _refused(decisions, both, "modifies_letter_id")
    assert dump() == before
    later = decisions.add_letter(
        _letter(
            matter,
            dated=date(2026, 7, 1),
            effective_from=date(2026, 7, 1),
            supersedes_letter_id=june.id,
        )
    )
    assert later.supersedes_letter_id == june.id


def test_two_letters_of_one_day_cannot_supersede_each_other(
    decisions: DecisionService, matter: Matter
) -> None:
    first = decisions.add_letter(_letter(matter))
    second = decisions.add_letter(_letter(matter, supersedes_letter_id=first.id))
    why = _refused(decisions, replace(first, modifies_letter_id=second.id), "modifies_letter_id")
    assert why == "The letters would supersede or modify each other in a circle."


def test_a_letter_is_not_revoked_before_it_is_dated(
    decisions: DecisionService, matter: Matter
) -> None:
    early = _letter(matter, revoked_on=date(2026, 6, 25))
    assert _refused(decisions, early, "revoked_on") == (
        "A letter cannot be revoked before the date it bears."
    )
    assert decisions.add_letter(_letter(matter, revoked_on=date(2026, 9, 1))).revoked_on


def test_the_addressee_is_a_party_of_the_matter(
    decisions: DecisionService, service: MatterService, matter: Matter
) -> None:
    other = service.create_matter(Matter("Other", MatterKind.INTERNAL_REVIEW)).record
    stranger = service.add_party(Party(other.id, "Halcyon", PartyRole.APPLICANT)).record
    assert _refused(decisions, _letter(matter, addressee_id=stranger.id), "addressee_id")
    own = service.add_party(Party(matter.id, "Halcyon", PartyRole.APPLICANT)).record
    assert decisions.add_letter(_letter(matter, addressee_id=own.id)).addressee_id == own.id
    with pytest.raises(ValidationError, match="named in the letter of 2026-06-26"):
        service.remove_party(own.id)


def test_a_determination_is_about_the_matter_s_own_items_and_activities(
    decisions: DecisionService, service: MatterService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    weights = service.add_item(Item(matter.id, "Meridian 5 weights")).record
    person = service.add_party(
        Party(matter.id, "Liang Shufen", PartyRole.FOREIGN_NATIONAL, PartyKind.INDIVIDUAL)
    ).record
    release = Activity(matter.id, TransactionType.DEEMED_EXPORT, weights.id, person.id)
    activity = service.add_activity(release).record
    other = service.create_matter(Matter("Other", MatterKind.INTERNAL_REVIEW)).record
    foreign = service.add_item(Item(other.id, "Someone else's model")).record
    base = Determination(
        matter.id, DeterminationKind.NOT_SUBJECT_TO_EAR, date(2026, 7, 1), item_ids=(weights.id,)
    )
    before = dump()
    with pytest.raises(ValidationError, match="belong to this matter"):
        decisions.add_determination(replace(base, item_ids=(foreign.id,)))
    assert dump() == before
    stored = decisions.add_determination(replace(base, activity_ids=(activity.id,)))
    assert (stored.item_ids, stored.activity_ids) == ((weights.id,), (activity.id,))
    with pytest.raises(ValidationError, match="determination of 2026-07-01 is about this"):
        service.remove_activity(activity.id)
    published = service.add_item(Item(matter.id, "Larkspur 3 (published weights)")).record
    decisions.add_determination(replace(base, item_ids=(published.id,)))
    with pytest.raises(ValidationError, match="named in the determination of 2026-07-01"):
        service.remove_item(published.id)
