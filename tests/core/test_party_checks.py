"""What a person's nationalities and status may not say (issue 15 point 5), refused beside the
field with a message, through the service (nothing changes) and in a matter file (by path).

Rules: an entry is held ``since <= day < until`` (15 CFR 734.13(b) reads what is held), so an
end on or before its start is refused; a US citizen is no foreign person (15 CFR 772.1), so a
US citizenship held today beside a visa or "other" status is refused; a stateless person holds
no citizenship; a protected individual names its basis (8 U.S.C. 1324b(a)(3)(B))."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
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
from desktop_app.core.matter_file import read_matter_file
from desktop_app.core.matter_file_format import MatterFileError
from desktop_app.core.models import Matter, Nationality, Party
from desktop_app.core.services import MatterService
from desktop_app.core.validation import party_errors
from desktop_app.errors import ValidationError
from desktop_app.storage.library import Library
from tests.conftest import TODAY, Dump
from tests.core.matter_file_data import encode, minimal, schema

CITIZEN = NationalityBasis.CITIZENSHIP
RESIDENT = NationalityBasis.PERMANENT_RESIDENCY
INDIA = Nationality("IN", CITIZEN, date(1990, 5, 1))


def _person(*entries: Nationality, **changes: Any) -> Party:
    person = Party(
        1,
        "Liang Shufen",
        PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        nationalities=entries,
        us_status=UsStatus.NONIMMIGRANT_VISA,
    )
    return replace(person, **changes)


# --- an end on or before the start (held since <= day < until) ---------------------------


@pytest.mark.parametrize(
    ("since", "until", "refused"),
    [
        (date(2015, 1, 5), date(2015, 1, 4), True),
        (date(2015, 1, 5), date(2015, 1, 5), True),
        (date(2015, 1, 5), date(2015, 1, 6), False),
        (date(2024, 2, 29), date(2024, 2, 29), True),
        (date(2024, 2, 29), date(2024, 3, 1), False),
        (None, date(2015, 1, 5), False),
        (date(2015, 1, 5), None, False),
    ],
)
def test_an_entry_cannot_end_before_it_began(
    since: date | None, until: date | None, refused: bool
) -> None:
    errors = party_errors(_person(INDIA, Nationality("SG", RESIDENT, since, until)), TODAY)
    assert ("nationalities" in errors) is refused
    if refused:
        assert "SG permanent residency (row 2)" in errors["nationalities"]
        assert str(until) in errors["nationalities"]


# --- a US citizenship held today beside a foreign-person status (772.1) -------------------


@pytest.mark.parametrize(
    ("status", "since", "until", "refused"),
    [
        (UsStatus.NONIMMIGRANT_VISA, date(2020, 1, 1), None, True),
        (UsStatus.OTHER, None, None, True),
        (UsStatus.NONIMMIGRANT_VISA, date(2020, 1, 1), TODAY, False),
        (UsStatus.NONIMMIGRANT_VISA, date(2020, 1, 1), date(2026, 11, 28), True),
        (UsStatus.NONIMMIGRANT_VISA, date(2026, 11, 28), None, False),
        (UsStatus.NONIMMIGRANT_VISA, TODAY, None, True),
        (UsStatus.US_CITIZEN, date(2020, 1, 1), None, False),
        (UsStatus.LPR, date(2020, 1, 1), None, False),
    ],
)
def test_a_us_citizen_cannot_hold_a_foreign_person_status(
    status: UsStatus, since: date | None, until: date | None, refused: bool
) -> None:
    person = _person(INDIA, Nationality("US", CITIZEN, since, until), us_status=status)
    errors = party_errors(person, TODAY)
    assert ("us_status" in errors) is refused
    if refused:
        assert "US citizen is not a foreign person" in errors["us_status"]
        assert status.label in errors["us_status"]


def test_a_us_residency_is_no_citizenship_and_is_not_refused() -> None:
    person = _person(INDIA, Nationality("US", RESIDENT, date(2020, 1, 1)))
    assert party_errors(person, TODAY) == {}


# --- stateless ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "refused"),
    [
        ((INDIA,), True),
        ((Nationality("SG", RESIDENT, date(2015, 1, 5)),), False),
        ((Nationality("SY", CITIZEN, date(1980, 1, 1), date(2012, 6, 1)),), False),
        ((), False),
    ],
)
def test_a_stateless_person_holds_no_citizenship_today(
    entries: tuple[Nationality, ...], refused: bool
) -> None:
    errors = party_errors(_person(*entries, stateless=True), TODAY)
    assert ("stateless" in errors) is refused
    if refused:
        assert "IN citizenship" in errors["stateless"]


# --- protected individual (8 U.S.C. 1324b(a)(3)) ------------------------------------------


@pytest.mark.parametrize(
    ("status", "basis", "clear", "field"),
    [
        (UsStatus.PROTECTED_INDIVIDUAL, ProtectedBasis.NONE, None, "protected_basis"),
        (UsStatus.PROTECTED_INDIVIDUAL, ProtectedBasis.REFUGEE, None, None),
        (UsStatus.PROTECTED_INDIVIDUAL, ProtectedBasis.ASYLEE, True, None),
        (UsStatus.PROTECTED_INDIVIDUAL, ProtectedBasis.TEMPORARY_RESIDENT, False, None),
        (UsStatus.NONIMMIGRANT_VISA, ProtectedBasis.ASYLEE, None, "protected_basis"),
        (UsStatus.NONIMMIGRANT_VISA, ProtectedBasis.NONE, True, "protected_exclusions_clear"),
    ],
)
def test_a_protected_individual_names_the_basis_and_only_one_does(
    status: UsStatus, basis: ProtectedBasis, clear: bool | None, field: str | None
) -> None:
    person = _person(
        INDIA, us_status=status, protected_basis=basis, protected_exclusions_clear=clear
    )
    errors = party_errors(person, TODAY)
    assert list(errors) == ([field] if field else [])


def test_the_missing_basis_message_names_the_sections() -> None:
    errors = party_errors(_person(INDIA, us_status=UsStatus.PROTECTED_INDIVIDUAL), TODAY)
    assert "Name the basis" in errors["protected_basis"]
    for section in ("1157", "1158", "1160(a)", "1255a(a)(1)"):
        assert section in errors["protected_basis"]


# --- refused by the service, nothing changed; refused in a matter file, by path ------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {"nationalities": (Nationality("SG", RESIDENT, date(2015, 1, 5), date(2014, 1, 1)),)},
            "nationalities",
        ),
        ({"nationalities": (Nationality("US", CITIZEN, date(2020, 1, 1)),)}, "us_status"),
        ({"stateless": True}, "stateless"),
        ({"us_status": UsStatus.PROTECTED_INDIVIDUAL}, "protected_basis"),
    ],
)
def test_the_service_refuses_and_changes_nothing(
    service: MatterService,
    library: Library,
    dump: Callable[[], Dump],
    changes: dict[str, Any],
    field: str,
) -> None:
    matter = service.create_matter(Matter("Deemed exports", MatterKind.INTERNAL_REVIEW)).record
    stored = service.add_party(replace(_person(INDIA), matter_id=matter.id)).record
    before = dump()
    with pytest.raises(ValidationError) as refused:
        service.update_party(replace(stored, **changes))
    assert field in refused.value.fields
    assert not library.db.conn.in_transaction
    assert dump() == before


def test_a_matter_file_names_the_entry_that_ends_before_it_began() -> None:
    document = minimal()
    document["parties"] = [
        {
            "name": "Liang Shufen",
            "role": "foreign_national",
            "kind": "individual",
            "nationalities": [
                {"country": "IN", "since": "1990-05-01"},
                {
                    "country": "SG",
                    "basis": "permanent_residency",
                    "since": "2015-01-05",
                    "until": "2014-01-05",
                },
            ],
            "us_status": "nonimmigrant_visa",
        }
    ]
    with pytest.raises(MatterFileError) as refused:
        read_matter_file(encode(document), schema())
    assert list(refused.value.fields) == ["$.parties[0].nationalities[1].until"]


def test_an_older_matter_file_without_until_or_status_fields_still_loads() -> None:
    document = minimal()
    document["parties"] = [
        {
            "name": "Liang Shufen",
            "role": "foreign_national",
            "kind": "individual",
            "nationalities": [
                {"country": "SG", "basis": "permanent_residency", "since": "2015-01-05"}
            ],
            "us_status": "nonimmigrant_visa",
        }
    ]
    [person] = read_matter_file(encode(document), schema()).parties
    assert person.nationalities[0].until is None
    assert (person.stateless, person.protected_basis) == (None, ProtectedBasis.NONE)
