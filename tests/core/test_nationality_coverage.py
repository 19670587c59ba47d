"""Coverage reads a person's nationalities and status as held on the date asked (issue 15 point 5).

A fictional matter in the style of the June 2026 letter: Vantor Analytics is in Annex A; its
foreign-national employees are covered unless a nationality they hold is excluded. Rules: the
deemed destination and the excluded-nationals check use what is held on the date (15 CFR
734.13(b); the letter's excluded destinations); a protected individual whose exclusions are not
answered needs review (8 U.S.C. 1324b(a)(3)); a stateless person with no residency has no deemed
destination (734.13(b)), so needs review; a D:5 or Macau nationality is a caveat, no more.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter, LetterEffect
from desktop_app.core.coverage import Answer, Coverage, MatterFacts, Outcome, Question, cover
from desktop_app.core.enums import (
    ItemKind,
    NationalityBasis,
    PartyKind,
    PartyRole,
    ProtectedBasis,
    TransactionType,
    UsStatus,
)
from desktop_app.core.models import Item, Nationality, Party

CITIZEN = NationalityBasis.CITIZENSHIP
RESIDENT = NationalityBasis.PERMANENT_RESIDENCY
VANTOR, PERSON, WEIGHTS, LETTER = 1, 2, 10, 1
LAPSE = date(2026, 8, 1)
GROUPS = {"CN": {"D:1", "D:3", "D:4", "D:5"}, "IR": {"D:2", "D:3", "D:4", "D:5", "E:1"}}


def group_of(code: str) -> set[str]:
    return GROUPS.get(code, set())


def _facts(person: Party, excluded: tuple[str, ...] = ("D:5",)) -> MatterFacts:
    vantor = Party(1, "Vantor Analytics Ltd", PartyRole.ANNEX_A_ENTITY, country="GB", id=VANTOR)
    weights = Item(1, "Osprey 3 weights", ItemKind.AI_MODEL_WEIGHTS, eccn="4E091", id=WEIGHTS)
    letter = AuthorizationLetter(
        matter_id=1,
        effect=LetterEffect.REMOVES_REQUIREMENT,
        dated=date(2026, 6, 26),
        effective_from=date(2026, 6, 26),
        item_ids=(WEIGHTS,),
        transaction_types=tuple(TransactionType),
        includes_foreign_national_employees=True,
        excluded_destinations=excluded,
        id=LETTER,
    )
    row = AnnexRow(1, LETTER, 1, "Vantor Analytics Ltd", party_id=VANTOR, confirmed=True, id=1)
    return MatterFacts((vantor, person), (weights,), (), (letter,), (row,))


def _person(*entries: Nationality, **changes: object) -> Party:
    person = Party(
        1,
        "Meera Pillai",
        PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        country="US",
        employer_id=VANTOR,
        nationalities=entries,
        us_status=UsStatus.NONIMMIGRANT_VISA,
        employed_since=date(2024, 1, 8),
        regular_employee=True,
        id=PERSON,
    )
    return replace(person, **changes)  # type: ignore[arg-type]


def _ask(person: Party, on: date, excluded: tuple[str, ...] = ("D:5",)) -> Coverage:
    question = Question(PERSON, WEIGHTS, TransactionType.DEEMED_EXPORT, on, destination="US")
    return cover(question, _facts(person, excluded), group_of=group_of)


def _outcomes(answer: Coverage, dimension: str) -> list[Outcome]:
    return [f.outcome for f in answer.factors if f.dimension == dimension]


INDIA = Nationality("IN", CITIZEN, date(1986, 4, 2))
CHINA_PR = Nationality("CN", RESIDENT, date(2016, 1, 15), LAPSE)


@pytest.mark.parametrize(
    ("on", "answer", "why"),
    [
        (date(2026, 7, 31), Answer.NOT_COVERED, "the day before it lapsed: a national of CN, D:5"),
        (LAPSE, Answer.COVERED, "734.13(b): lapsed on the day asked, no longer held"),
        (date(2026, 8, 2), Answer.COVERED, "after the lapse"),
    ],
)
def test_excluded_nationals_are_read_on_the_date_asked(on: date, answer: Answer, why: str) -> None:
    result = _ask(_person(INDIA, CHINA_PR), on)
    assert result.answer is answer, why
    expected = Outcome.FAIL if answer is Answer.NOT_COVERED else Outcome.PASS
    assert _outcomes(result, "nationals") == [expected], why


IRAN = Nationality("IR", CITIZEN, date(1984, 2, 10))
CANADA_PR = Nationality("CA", RESIDENT, date(2018, 4, 2), LAPSE)


@pytest.mark.parametrize(
    ("on", "answer", "said"),
    [
        (date(2026, 7, 31), Answer.NEEDS_REVIEW, "not the deemed destination (CA)"),
        (LAPSE, Answer.NOT_COVERED, "a national of Iran"),
    ],
)
def test_a_lapsed_permanent_residency_no_longer_sets_the_deemed_destination(
    on: date, answer: Answer, said: str
) -> None:
    """746.7(a): Iran a deemed destination fails; not the deemed destination, counsel's view."""
    result = _ask(_person(IRAN, CANADA_PR), on, excluded=())
    assert result.answer is answer
    assert any(said in f.detail for f in result.factors if f.dimension == "Part 746 embargoes")


def _protected(clear: bool | None) -> Party:
    return _person(
        Nationality("AF", CITIZEN, date(1992, 3, 1)),
        us_status=UsStatus.PROTECTED_INDIVIDUAL,
        protected_basis=ProtectedBasis.ASYLEE,
        protected_exclusions_clear=clear,
        employer_id=None,
    )


@pytest.mark.parametrize(
    ("clear", "answer", "dimension"),
    [
        (True, Answer.COVERED, "foreign person"),
        (None, Answer.NEEDS_REVIEW, "foreign person"),
        (False, Answer.NOT_COVERED, "party"),
    ],
)
def test_a_protected_individual_is_no_foreign_person_only_when_counsel_says_so(
    clear: bool | None, answer: Answer, dimension: str
) -> None:
    """8 U.S.C. 1324b(a)(3): no employer in Annex A, so only the status can cover her."""
    result = _ask(_protected(clear), date(2026, 9, 1))
    assert result.answer is answer
    assert _outcomes(result, dimension)
    if answer is Answer.NEEDS_REVIEW:
        assert "1324b(a)(3)" in result.summary


@pytest.mark.parametrize(
    ("entries", "answer"),
    [
        ((Nationality("SG", RESIDENT, date(2015, 1, 5)),), Answer.COVERED),
        ((), Answer.NEEDS_REVIEW),
        ((Nationality("SG", RESIDENT, date(2015, 1, 5), LAPSE),), Answer.NEEDS_REVIEW),
    ],
)
def test_a_stateless_person_without_a_residency_needs_review(
    entries: tuple[Nationality, ...], answer: Answer
) -> None:
    """734.13(b) names no country for a stateless person who holds no residency."""
    result = _ask(_person(*entries, stateless=True), date(2026, 9, 1))
    assert result.answer is answer
    if answer is Answer.NEEDS_REVIEW:
        assert "Meera Pillai's permanent residency (stateless" in result.summary
        assert _outcomes(result, "nationals") == [Outcome.UNKNOWN]
        details = [f.detail for f in result.factors if f.dimension == "nationals"]
        assert details[0].startswith("undetermined: stateless, no permanent residency")


@pytest.mark.parametrize(
    ("entry", "flagged"),
    [
        (Nationality("CN", RESIDENT, date(2016, 1, 15)), "Country Group D:5"),
        (Nationality("MO", RESIDENT, date(2016, 1, 15)), "Macau: check"),
        (Nationality("CN", RESIDENT, date(2016, 1, 15), LAPSE), ""),
        (Nationality("GB", RESIDENT, date(2016, 1, 15)), ""),
    ],
)
def test_a_d5_or_macau_nationality_is_a_caveat_that_changes_no_answer(
    entry: Nationality, flagged: str
) -> None:
    on = date(2026, 9, 1)
    result = _ask(_person(INDIA, entry), on, excluded=())
    plain = _ask(_person(INDIA), on, excluded=())
    assert result.answer is plain.answer is Answer.COVERED
    caveats = [c for c in result.caveats if "nationality is flagged" in c]
    assert bool(caveats) is bool(flagged)
    if flagged:
        assert flagged in caveats[0]
        assert "changes no answer" in caveats[0]
