"""The deemed destination of a release to a person (15 CFR 734.13(b)): the most recent country
of citizenship or permanent residency, or no answer with the reason why."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.deemed import deemed_destination
from desktop_app.core.enums import NationalityBasis, PartyKind, PartyRole, UsStatus
from desktop_app.core.models import Nationality, Party

CITIZEN = NationalityBasis.CITIZENSHIP
RESIDENT = NationalityBasis.PERMANENT_RESIDENCY


def _person(*nationalities: Nationality, status: UsStatus = UsStatus.NONIMMIGRANT_VISA) -> Party:
    return Party(
        matter_id=1,
        name="Liang Shufen",
        role=PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        nationalities=nationalities,
        us_status=status,
    )


def test_a_single_citizenship_is_the_destination() -> None:
    result = deemed_destination(_person(Nationality("CN")))
    assert result.country == "CN"
    assert "only citizenship" in result.reason


def test_a_single_dated_residency_is_the_destination() -> None:
    result = deemed_destination(_person(Nationality("SG", RESIDENT, date(2019, 1, 2))))
    assert result.country == "SG"
    assert "permanent residency" in result.reason


def test_of_two_citizenships_the_most_recent_counts() -> None:
    person = _person(
        Nationality("IN", CITIZEN, date(1990, 5, 1)), Nationality("CA", CITIZEN, date(2021, 3, 15))
    )
    result = deemed_destination(person)
    assert result.country == "CA"
    assert "most recent citizenship" in result.reason
    assert "2021-03-15" in result.reason


def test_the_order_of_entry_does_not_matter() -> None:
    person = _person(
        Nationality("CA", CITIZEN, date(2021, 3, 15)), Nationality("IN", CITIZEN, date(1990, 5, 1))
    )
    assert deemed_destination(person).country == "CA"


@pytest.mark.parametrize(
    ("citizenship_since", "residency_since", "expected"),
    [(date(1988, 7, 9), date(2016, 2, 1), "DE"), (date(2020, 1, 1), date(2016, 2, 1), "RU")],
)
def test_citizenship_and_residency_the_most_recent_counts(
    citizenship_since: date, residency_since: date, expected: str
) -> None:
    person = _person(
        Nationality("RU", CITIZEN, citizenship_since), Nationality("DE", RESIDENT, residency_since)
    )
    assert deemed_destination(person).country == expected


@pytest.mark.parametrize(
    "nationalities",
    [
        (Nationality("IN", CITIZEN, date(1990, 5, 1)), Nationality("CA", CITIZEN)),
        (Nationality("IN"), Nationality("CA")),
        (
            Nationality("IN", CITIZEN, date(1990, 5, 1)),
            Nationality("CA", CITIZEN, date(2001, 1, 1)),
            Nationality("GB", RESIDENT),
        ),
    ],
)
def test_missing_dates_among_several_leave_it_undetermined(
    nationalities: tuple[Nationality, ...],
) -> None:
    result = deemed_destination(_person(*nationalities))
    assert result.country is None
    assert "undetermined" in result.reason
    assert "dates missing" in result.reason
    for entry in nationalities:
        assert entry.country in result.reason


def test_two_countries_acquired_the_same_day_are_undetermined() -> None:
    day = date(2010, 10, 10)
    result = deemed_destination(
        _person(Nationality("FR", CITIZEN, day), Nationality("IL", CITIZEN, day))
    )
    assert result.country is None
    assert "undetermined" in result.reason


def test_no_nationality_recorded_gives_no_destination_and_says_so() -> None:
    result = deemed_destination(_person())
    assert result.country is None
    assert "no citizenship or permanent residency recorded" in result.reason


@pytest.mark.parametrize(
    "status", [UsStatus.US_CITIZEN, UsStatus.LPR, UsStatus.PROTECTED_INDIVIDUAL]
)
def test_us_persons_are_not_foreign_persons(status: UsStatus) -> None:
    person = _person(Nationality("CN", CITIZEN, date(1985, 1, 1)), status=status)
    result = deemed_destination(person)
    assert result.country is None
    assert "not a foreign person" in result.reason
    assert status.label in result.reason


@pytest.mark.parametrize(
    "status", [UsStatus.NONIMMIGRANT_VISA, UsStatus.OTHER, UsStatus.NOT_APPLICABLE]
)
def test_other_statuses_are_foreign_persons(status: UsStatus) -> None:
    assert deemed_destination(_person(Nationality("BR"), status=status)).country == "BR"
