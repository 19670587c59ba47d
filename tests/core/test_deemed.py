"""The deemed destination of a release to a person (15 CFR 734.13(b), 734.14(b)): the most recent
country of citizenship or permanent residency held on the day asked, or no answer with the
reason why. Who is no foreign person: 15 CFR 772.1, the BIS deemed-export FAQ, 8 U.S.C.
1324b(a)(3). Each table names its rule; every boundary is tried on both sides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.deemed import STATELESS_NONE, deemed_destination, held_on
from desktop_app.core.enums import (
    NationalityBasis,
    PartyKind,
    PartyRole,
    ProtectedBasis,
    UsStatus,
)
from desktop_app.core.models import Nationality, Party

CITIZEN = NationalityBasis.CITIZENSHIP
RESIDENT = NationalityBasis.PERMANENT_RESIDENCY
INDIA = Nationality("IN", CITIZEN, date(1990, 5, 1))


def _person(*nationalities: Nationality, status: UsStatus = UsStatus.NONIMMIGRANT_VISA) -> Party:
    return Party(
        matter_id=1,
        name="Liang Shufen",
        role=PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        nationalities=nationalities,
        us_status=status,
    )


# --- 734.13(b): the most recent citizenship or permanent residency ------------------------


def test_a_single_citizenship_is_the_destination() -> None:
    result = deemed_destination(_person(Nationality("CN")))
    assert result.country == "CN"
    assert "only citizenship" in result.reason


def test_a_single_dated_residency_is_the_destination() -> None:
    result = deemed_destination(_person(Nationality("SG", RESIDENT, date(2019, 1, 2))))
    assert result.country == "SG"
    assert "permanent residency" in result.reason


def test_of_two_citizenships_the_most_recent_counts() -> None:
    person = _person(INDIA, Nationality("CA", CITIZEN, date(2021, 3, 15)))
    result = deemed_destination(person)
    assert result.country == "CA"
    assert "most recent citizenship" in result.reason
    assert "2021-03-15" in result.reason


def test_the_order_of_entry_does_not_matter() -> None:
    person = _person(Nationality("CA", CITIZEN, date(2021, 3, 15)), INDIA)
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
        (INDIA, Nationality("CA", CITIZEN)),
        (Nationality("IN"), Nationality("CA")),
        (INDIA, Nationality("CA", CITIZEN, date(2001, 1, 1)), Nationality("GB", RESIDENT)),
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


# --- 734.13(b) on the day asked: held from `since` up to the day before `until` -----------

LAPSING = Nationality("SG", RESIDENT, date(2015, 1, 5), date(2026, 8, 1))
LEAP = Nationality("SG", RESIDENT, date(2024, 2, 29), date(2028, 2, 29))
ACQUIRED = Nationality("CA", CITIZEN, date(2026, 3, 15))


@pytest.mark.parametrize(
    ("entries", "on", "expected", "why"),
    [
        ((INDIA, LAPSING), date(2026, 7, 31), "SG", "734.13(b): the day before `until`, held"),
        ((INDIA, LAPSING), date(2026, 8, 1), "IN", "734.13(b): on `until` it no longer counts"),
        ((INDIA, LAPSING), date(2026, 8, 2), "IN", "734.13(b): after `until`"),
        ((INDIA, ACQUIRED), date(2026, 3, 14), "IN", "734.13(b): the day before `since`"),
        ((INDIA, ACQUIRED), date(2026, 3, 15), "CA", "734.13(b): held from `since`"),
        ((INDIA, LEAP), date(2024, 2, 28), "IN", "734.13(b): 28 February, before a leap day"),
        ((INDIA, LEAP), date(2024, 2, 29), "SG", "734.13(b): acquired on 29 February"),
        ((INDIA, LEAP), date(2028, 2, 28), "SG", "734.13(b): the day before a 29 February end"),
        ((INDIA, LEAP), date(2028, 2, 29), "IN", "734.13(b): lapsed on 29 February"),
        ((INDIA, LEAP), date(2028, 3, 1), "IN", "734.13(b): 1 March after it"),
    ],
)
def test_only_what_is_held_on_the_day_counts(
    entries: tuple[Nationality, ...], on: date, expected: str, why: str
) -> None:
    assert deemed_destination(_person(*entries), on).country == expected, why


def test_a_lapsed_permanent_residency_no_longer_sets_the_deemed_destination() -> None:
    person = _person(INDIA, LAPSING)
    before, after = (
        deemed_destination(person, date(2026, 7, 31)),
        deemed_destination(person, date(2026, 8, 1)),
    )
    assert (before.country, after.country) == ("SG", "IN")
    assert "most recent permanent residency" in before.reason
    assert after.reason == "only citizenship held on 2026-08-01"


def test_without_a_day_every_entry_recorded_counts() -> None:
    assert deemed_destination(_person(INDIA, LAPSING)).country == "SG"


@pytest.mark.parametrize(
    ("on", "expected", "undetermined"),
    [(date(2026, 7, 31), None, True), (date(2026, 8, 1), "IN", False)],
)
def test_an_unknown_start_with_a_known_end_counts_until_the_end(
    on: date, expected: str | None, undetermined: bool
) -> None:
    """734.13(b): an entry whose start is unknown is held up to its end; two held, one undated."""
    undated = Nationality("SG", RESIDENT, None, date(2026, 8, 1))
    result = deemed_destination(_person(INDIA, undated), on)
    assert result.country == expected
    assert ("dates missing" in result.reason) is undetermined


def test_nothing_held_on_the_day_says_so() -> None:
    result = deemed_destination(_person(LAPSING), date(2027, 1, 1))
    assert result.country is None
    assert result.reason == "no citizenship or permanent residency held on 2027-01-01"


@pytest.mark.parametrize(
    ("on", "held"),
    [
        (date(2015, 1, 4), False),
        (date(2015, 1, 5), True),
        (date(2026, 7, 31), True),
        (date(2026, 8, 1), False),
    ],
)
def test_held_on_includes_the_start_and_excludes_the_end(on: date, held: bool) -> None:
    assert held_on(LAPSING, on) is held


# --- Who is no foreign person: 772.1; BIS deemed-export FAQ; 8 U.S.C. 1324b(a)(3) ---------


@pytest.mark.parametrize("status", [UsStatus.US_CITIZEN, UsStatus.LPR])
def test_us_citizens_and_permanent_residents_are_not_foreign_persons(status: UsStatus) -> None:
    result = deemed_destination(
        _person(Nationality("CN", CITIZEN, date(1985, 1, 1)), status=status)
    )
    assert (result.country, result.foreign_person) == (None, False)
    assert "not a foreign person" in result.reason
    assert status.label in result.reason


@pytest.mark.parametrize(
    "status", [UsStatus.NONIMMIGRANT_VISA, UsStatus.OTHER, UsStatus.NOT_APPLICABLE]
)
def test_other_statuses_are_foreign_persons(status: UsStatus) -> None:
    assert deemed_destination(_person(Nationality("BR"), status=status)).country == "BR"


def _protected(clear: bool | None, basis: ProtectedBasis = ProtectedBasis.ASYLEE) -> Party:
    person = _person(
        Nationality("AF", CITIZEN, date(1992, 3, 1)), status=UsStatus.PROTECTED_INDIVIDUAL
    )
    return replace(person, protected_basis=basis, protected_exclusions_clear=clear)


@pytest.mark.parametrize(
    ("clear", "country", "foreign", "said", "rule"),
    [
        (True, None, False, "not a foreign person", "1324b(a)(3)(B): no exclusion applies"),
        (None, None, None, "undetermined", "1324b(a)(3): counsel has not answered"),
        (False, "AF", True, "an exclusion of 8 U.S.C. 1324b(a)(3) applies", "(i)/(ii) applies"),
    ],
)
def test_a_protected_individual_turns_on_the_exclusions_of_1324b(
    clear: bool | None, country: str | None, foreign: bool | None, said: str, rule: str
) -> None:
    result = deemed_destination(_protected(clear))
    assert (result.country, result.foreign_person) == (country, foreign), rule
    assert said in result.reason, rule


def test_unanswered_exclusions_name_the_fact_counsel_must_give() -> None:
    result = deemed_destination(_protected(None, ProtectedBasis.REFUGEE))
    assert "Refugee (8 U.S.C. 1157)" in result.reason
    assert "whether an exclusion of 8 U.S.C. 1324b(a)(3) applies to Liang Shufen" in result.missing


@pytest.mark.parametrize("basis", list(ProtectedBasis)[1:])
def test_each_protected_basis_is_named_in_the_answer(basis: ProtectedBasis) -> None:
    assert basis.label in deemed_destination(_protected(True, basis)).reason


def test_a_us_citizenship_held_beside_a_visa_status_is_undetermined() -> None:
    """772.1: a US citizen is no foreign person; the US is never a deemed destination."""
    naturalized = Nationality("US", CITIZEN, date(2026, 9, 1))
    person = _person(INDIA, naturalized)
    assert deemed_destination(person, date(2026, 8, 31)).country == "IN"
    result = deemed_destination(person, date(2026, 9, 1))
    assert (result.country, result.foreign_person) == (None, None)
    assert "US status" in result.missing


# --- A stateless person: the most recent permanent residency held (734.13(b)) -------------


@pytest.mark.parametrize(
    ("entries", "on", "country", "said"),
    [
        ((LAPSING,), date(2026, 7, 31), "SG", "stateless; only permanent residency recorded"),
        (
            (LAPSING,),
            date(2026, 8, 1),
            None,
            "undetermined: stateless, no permanent residency held",
        ),
        ((), date(2026, 8, 1), None, STATELESS_NONE),
        (
            (Nationality("SY", CITIZEN, date(1980, 1, 1), date(2012, 6, 1)), LAPSING),
            date(2011, 1, 1),
            "SY",
            "only citizenship held on 2011-01-01",
        ),
    ],
)
def test_a_stateless_persons_destination_is_a_residency_or_undetermined(
    entries: tuple[Nationality, ...], on: date, country: str | None, said: str
) -> None:
    result = deemed_destination(replace(_person(*entries), stateless=True), on)
    assert result.country == country
    assert result.reason.startswith(said)
    assert bool(result.missing) is (country is None)
