"""Coverage (issue 4, point 4): which letter or license covers a release, or why none does.

The matter is fictional, in the style of the June 2026 sample: a US developer whose model
weights (4E091) were put under a license requirement on June 12 and released by a letter of
June 26 to the Annex A entities, their foreign-national employees and the developer's own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    LetterEffect,
    License,
    LicenseStatus,
)
from desktop_app.core.coverage import (
    Coverage,
    MatterFacts,
    Question,
    activity_coverage,
    cover,
    matter_coverage,
    row_question,
)
from desktop_app.core.enums import (
    ItemKind,
    NationalityBasis,
    PartyKind,
    PartyRole,
    TransactionType,
    UsStatus,
)
from desktop_app.core.models import Activity, Item, Nationality, Party
from desktop_app.core.validity import license_expiry
from desktop_app.errors import NotFoundError

T = TransactionType
JUNE_26 = date(2026, 6, 26)
ON = date(2026, 7, 15)
ALL_TYPES = tuple(TransactionType)

WEIGHTS, HARNESS = 10, 11
DEVELOPER, FENWICK, MIZUCHI, OSTRAVA, BRIGHTWATER, KESTREL = 1, 2, 3, 4, 5, 6
PRIYA, WEN, TOMASZ, AMARA, LIN, SADIA = 21, 22, 23, 24, 25, 26
LETTER, JUNE_12_LETTER, LATER_LETTER, LICENSE = 1, 2, 3, 7

D5 = {"CN": {"D:1", "D:3", "D:4", "D:5"}, "RU": {"D:1", "D:2", "D:3", "D:4", "D:5"}}


def group_of(code: str) -> set[str]:
    return D5.get(code, set())


def expiry(license: License) -> date:
    """A stand-in for 750.7(g): the date BIS set, else four years from validation."""
    return license.expires_on_set or license.validated_on.replace(
        year=license.validated_on.year + 4
    )


def _entity(pid: int, name: str, country: str, role: PartyRole = PartyRole.ANNEX_A_ENTITY) -> Party:
    return Party(matter_id=1, name=name, role=role, country=country, id=pid)


def _person(
    pid: int,
    name: str,
    nationality: str,
    employer: int | None,
    *,
    status: UsStatus = UsStatus.NONIMMIGRANT_VISA,
    country: str = "US",
) -> Party:
    return Party(
        matter_id=1,
        name=name,
        role=PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        country=country,
        employer_id=employer,
        nationalities=(Nationality(nationality, NationalityBasis.CITIZENSHIP),),
        us_status=status,
        id=pid,
    )


PARTIES = (
    _entity(DEVELOPER, "Corvane Reasoning Labs, Inc.", "US", PartyRole.DEVELOPER),
    _entity(FENWICK, "Fenwick Harbour Analytics Ltd", "GB"),
    _entity(MIZUCHI, "Mizuchi Data Systems K.K.", "JP"),
    _entity(OSTRAVA, "Ostrava Secure Research s.r.o.", "CZ"),
    _entity(BRIGHTWATER, "Brightwater Compute Pte. Ltd.", "SG", PartyRole.END_USER),
    _entity(KESTREL, "Kestrel Assurance GmbH", "DE", PartyRole.END_USER),
    _person(PRIYA, "Priya Raman", "IN", OSTRAVA),
    _person(WEN, "Wen Jiahui", "CN", BRIGHTWATER),
    _person(TOMASZ, "Tomasz Wielgosz", "PL", DEVELOPER),
    _person(AMARA, "Amara Okafor", "NG", FENWICK, status=UsStatus.LPR),
    _person(LIN, "Lin Haoran", "CN", KESTREL),
    _person(SADIA, "Sadia Rahman", "BD", KESTREL),
)
ITEMS = (
    Item(matter_id=1, name="Aster 5 evaluation harness", kind=ItemKind.SOFTWARE_SOURCE, id=HARNESS),
    Item(
        matter_id=1,
        name="Aster 5 weights",
        kind=ItemKind.AI_MODEL_WEIGHTS,
        eccn="4E091",
        id=WEIGHTS,
    ),
)
JUNE_26_LETTER = AuthorizationLetter(
    matter_id=1,
    effect=LetterEffect.REMOVES_REQUIREMENT,
    dated=JUNE_26,
    effective_from=JUNE_26,
    item_ids=(WEIGHTS,),
    transaction_types=ALL_TYPES,
    includes_foreign_national_employees=True,
    includes_own_employees=True,
    id=LETTER,
)
IS_INFORMED = AuthorizationLetter(
    matter_id=1,
    effect=LetterEffect.IMPOSES_REQUIREMENT,
    dated=date(2026, 6, 12),
    effective_from=date(2026, 6, 12),
    item_ids=(WEIGHTS,),
    id=JUNE_12_LETTER,
)
ANNEX = tuple(
    AnnexRow(matter_id=1, letter_id=LETTER, row_no=row, name_as_written=name, party_id=pid, id=row)
    for row, name, pid in (
        (1, "Fenwick Harbour Analytics Limited", FENWICK),
        (2, "Mizuchi Data Systems K.K.", MIZUCHI),
        (3, "Ostrava Secure Research s.r.o.", OSTRAVA),
    )
)
FACTS = MatterFacts(PARTIES, ITEMS, (), (IS_INFORMED, JUNE_26_LETTER), ANNEX)
KESTREL_LICENSE = License(
    matter_id=1,
    number="D512345",
    validated_on=date(2026, 3, 2),
    party_ids=(KESTREL,),
    item_ids=(WEIGHTS,),
    id=LICENSE,
)


def _ask(
    party: int,
    kind: TransactionType = T.DEEMED_EXPORT,
    *,
    facts: MatterFacts = FACTS,
    on: date = ON,
    item: int | None = WEIGHTS,
    groups: bool = True,
) -> Coverage:
    question = Question(party, item, kind, on)
    return cover(question, facts, expiry=expiry, group_of=group_of if groups else None)


def _with(
    *, licenses: tuple[License, ...] = (), letters: tuple[AuthorizationLetter, ...] = ()
) -> MatterFacts:
    return replace(FACTS, licenses=licenses, letters=letters or FACTS.letters)


def test_an_annex_a_entity_is_covered_by_its_row() -> None:
    result = _ask(OSTRAVA, T.EXPORT)
    assert result.covered
    assert result.basis == "letter of 2026-06-26, Annex A row 3"
    assert result.clause == "Annex A row 3 — Ostrava Secure Research s.r.o."
    assert (result.authorization_id, result.kind) == (LETTER, "letter")
    assert result.summary == "covered: letter of 2026-06-26, Annex A row 3"


def test_the_clause_quotes_the_annex_row_as_written() -> None:
    assert _ask(FENWICK, T.EXPORT).clause == "Annex A row 1 — Fenwick Harbour Analytics Limited"


def test_a_foreign_national_employee_of_an_annex_a_entity_is_covered() -> None:
    result = _ask(PRIYA)
    assert result.covered
    assert result.basis.startswith("letter of 2026-06-26, Annex A row 3")
    assert "Ostrava Secure Research s.r.o." in result.basis
    assert result.clause.startswith("letter: foreign-national employees of Annex A entities")
    assert result.kind == "letter"


def test_annex_a_employees_are_not_covered_when_the_letter_leaves_them_out() -> None:
    letter = replace(JUNE_26_LETTER, includes_foreign_national_employees=False)
    result = _ask(PRIYA, facts=_with(letters=(letter,)))
    assert not result.covered
    assert "does not extend to the employees of Ostrava Secure Research s.r.o." in result.reason


def test_the_developers_own_employee_is_covered_when_the_letter_says_so() -> None:
    result = _ask(TOMASZ)
    assert result.covered
    assert result.basis == "letter of 2026-06-26, own employees of Corvane Reasoning Labs, Inc."
    assert result.clause == "letter: Corvane Reasoning Labs, Inc.'s own foreign-national employees"


def test_the_developers_own_employee_is_not_covered_otherwise() -> None:
    letter = replace(JUNE_26_LETTER, includes_own_employees=False)
    result = _ask(TOMASZ, facts=_with(letters=(letter,)))
    assert not result.covered
    assert "does not extend to Corvane Reasoning Labs, Inc.'s own employees" in result.reason


def test_an_uncovered_person_is_told_why_with_d5_and_no_license() -> None:
    result = _ask(WEN)
    assert not result.covered
    assert result.reason.startswith("not covered: ")
    assert "Wen Jiahui is not in Annex A of the letter of 2026-06-26" in result.reason
    assert "not an employee of an Annex A entity" in result.reason
    assert "national of a D:5 country (CN)" in result.reason
    assert result.reason.endswith("no license")
    assert result.clause == "letter of 2026-06-26: Annex A"
    assert result.summary == result.reason


def test_without_a_group_lookup_there_is_no_d5_note() -> None:
    result = _ask(WEN, groups=False)
    assert not result.covered
    assert "D:5" not in result.reason
    assert "no license" in result.reason


def test_an_entity_in_a_d5_country_is_flagged_by_location() -> None:
    facts = replace(FACTS, parties=(*PARTIES, _entity(40, "Volkhov Compute OOO", "RU")))
    result = _ask(40, T.EXPORT, facts=facts)
    assert "located in a D:5 country (RU)" in result.reason


def test_an_expired_license_says_when_it_expired() -> None:
    old = replace(KESTREL_LICENSE, validated_on=date(2021, 5, 3))
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(old,)))
    assert not result.covered
    assert "license D512345 expired on 2025-05-03" in result.reason
    assert "no license" not in result.reason
    assert (result.authorization_id, result.kind) == (LICENSE, "license")


def test_the_default_expiry_is_the_750_7_g_rule() -> None:
    old = replace(KESTREL_LICENSE, validated_on=date(2021, 5, 3))
    question = Question(KESTREL, WEIGHTS, T.EXPORT, ON)
    result = cover(question, _with(licenses=(old,)))
    assert f"license D512345 expired on {license_expiry(old).isoformat()}" in result.reason


def test_a_license_is_valid_through_its_expiry_day() -> None:
    last_day = date(2030, 3, 2)
    assert _ask(KESTREL, T.EXPORT, facts=_with(licenses=(KESTREL_LICENSE,)), on=last_day).covered
    after = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(KESTREL_LICENSE,)), on=date(2030, 3, 3))
    assert "expired on 2030-03-02" in after.reason


def test_a_license_covers_its_named_party() -> None:
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(KESTREL_LICENSE,)))
    assert result.covered
    assert result.basis == "license D512345"
    assert result.clause == "license D512345: named party — Kestrel Assurance GmbH"


def test_a_license_covers_regular_employees_of_a_licensed_entity() -> None:
    result = _ask(SADIA, facts=_with(licenses=(KESTREL_LICENSE,)))
    assert result.covered
    assert result.basis == "license D512345"
    assert "regular employees of Kestrel Assurance GmbH" in result.clause
    assert "750.7(a)(3)" in result.clause
    assert (result.authorization_id, result.kind) == (LICENSE, "license")


@pytest.mark.parametrize("excluded", [("CN",), ("D:5",)])
def test_an_excluded_country_is_not_covered_under_employee_release(
    excluded: tuple[str, ...],
) -> None:
    license = replace(KESTREL_LICENSE, excluded_countries=excluded)
    result = _ask(LIN, facts=_with(licenses=(license,)))
    assert not result.covered
    assert "license D512345 excludes releases to nationals of CN" in result.reason
    assert result.kind == "license"
    assert _ask(SADIA, facts=_with(licenses=(license,))).covered


def test_an_employee_release_the_license_turns_off_covers_no_employee() -> None:
    license = replace(KESTREL_LICENSE, employee_release=False)
    result = _ask(SADIA, facts=_with(licenses=(license,)))
    assert not result.covered
    assert "does not extend to the employees of Kestrel Assurance GmbH" in result.reason


def test_a_suspended_license_covers_nothing() -> None:
    license = replace(KESTREL_LICENSE, status=LicenseStatus.SUSPENDED)
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(license,)))
    assert "license D512345 is suspended" in result.reason


def test_letters_are_checked_before_licenses() -> None:
    license = replace(KESTREL_LICENSE, party_ids=(OSTRAVA,))
    result = _ask(OSTRAVA, T.EXPORT, facts=_with(licenses=(license,)))
    assert result.kind == "letter"


@pytest.mark.parametrize(
    ("letter", "on"),
    [
        (JUNE_26_LETTER, date(2026, 6, 20)),
        (replace(JUNE_26_LETTER, effective_until=date(2026, 12, 31)), date(2027, 1, 4)),
    ],
)
def test_a_letter_outside_its_effective_dates_does_not_cover(
    letter: AuthorizationLetter, on: date
) -> None:
    result = _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(letter,)), on=on)
    assert not result.covered
    assert f"{on} is outside the effective dates of the letter of 2026-06-26" in result.reason


def test_a_later_imposing_letter_takes_the_coverage_back() -> None:
    later = AuthorizationLetter(
        matter_id=1,
        effect=LetterEffect.IMPOSES_REQUIREMENT,
        dated=date(2026, 9, 15),
        effective_from=date(2026, 9, 15),
        reference="BIS/EA/2026-0915",
        item_ids=(WEIGHTS,),
        id=LATER_LETTER,
    )
    facts = _with(letters=(IS_INFORMED, JUNE_26_LETTER, later))
    assert _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 9, 1)).covered
    result = _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 10, 1))
    assert not result.covered
    assert "letter of 2026-09-15 (BIS/EA/2026-0915) imposes a license requirement" in result.reason
    assert (result.authorization_id, result.kind) == (LATER_LETTER, "letter")


def test_the_earlier_is_informed_letter_does_not_block_the_later_release() -> None:
    assert _ask(MIZUCHI, T.EXPORT).covered


def test_an_imposing_letter_for_other_parties_leaves_this_one_covered() -> None:
    later = replace(IS_INFORMED, dated=date(2026, 9, 15), id=LATER_LETTER)
    row = AnnexRow(
        matter_id=1, letter_id=LATER_LETTER, row_no=1, name_as_written="x", party_id=FENWICK
    )
    facts = replace(_with(letters=(JUNE_26_LETTER, later)), annex_rows=(*ANNEX, row))
    assert _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 10, 1)).covered
    assert not _ask(FENWICK, T.EXPORT, facts=facts, on=date(2026, 10, 1)).covered


def test_a_lawful_permanent_resident_is_no_deemed_export() -> None:
    result = _ask(AMARA)
    assert result.covered
    assert result.basis == "no deemed export: not a foreign person (Lawful permanent resident)"
    assert "734.13" in result.clause
    assert (result.authorization_id, result.kind) == (None, None)


def test_a_transaction_type_outside_the_letters_scope_is_not_covered() -> None:
    letter = replace(JUNE_26_LETTER, transaction_types=(T.EXPORT, T.DEEMED_EXPORT))
    result = _ask(OSTRAVA, T.REEXPORT, facts=_with(letters=(letter,)))
    assert not result.covered
    assert "reexport is not in the scope of the letter of 2026-06-26" in result.reason
    assert result.clause == "letter of 2026-06-26: transaction types (export, deemed export)"


def test_a_letter_with_no_transaction_types_recorded_covers_none() -> None:
    letter = replace(JUNE_26_LETTER, transaction_types=())
    result = _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(letter,)))
    assert "(none recorded)" in result.reason


def test_an_item_outside_the_letters_scope_is_not_covered() -> None:
    result = _ask(OSTRAVA, T.EXPORT, item=HARNESS)
    assert not result.covered
    assert "Aster 5 evaluation harness is not among the items of the letter" in result.reason


def test_a_letter_naming_no_items_covers_every_item() -> None:
    letter = replace(JUNE_26_LETTER, item_ids=())
    assert _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(letter,)), item=HARNESS).covered


def test_the_nearest_miss_is_reported() -> None:
    # The license names the party but has expired; the letter misses on the party. Both fail
    # one dimension; expiry is the more specific reason.
    old = replace(KESTREL_LICENSE, validated_on=date(2021, 5, 3))
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(old,)))
    assert "expired" in result.reason
    assert "Annex A" not in result.reason


def test_a_matter_without_authorizations_says_so() -> None:
    facts = replace(FACTS, letters=(), annex_rows=())
    result = _ask(OSTRAVA, T.EXPORT, facts=facts, groups=False)
    assert result.reason == "not covered: no letter lifts the requirement; no license"
    assert result.authorization_id is None


def test_an_unknown_party_or_item_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        _ask(999)
    with pytest.raises(NotFoundError):
        _ask(OSTRAVA, item=999)


def test_matter_coverage_answers_every_party_row() -> None:
    answers = matter_coverage(FACTS, ON, expiry=expiry, group_of=group_of)
    assert set(answers) == {party.id for party in PARTIES}
    assert answers[OSTRAVA].basis == "letter of 2026-06-26, Annex A row 3"
    assert answers[PRIYA].covered
    assert "D:5" in answers[WEN].reason
    assert answers[DEVELOPER].basis == "no export: the party is in the United States"


def test_row_questions_follow_the_documented_defaults() -> None:
    in_us = row_question(FACTS.party(PRIYA), FACTS, ON)
    assert (in_us.transaction_type, in_us.item_id, in_us.on) == (T.DEEMED_EXPORT, WEIGHTS, ON)
    abroad = replace(FACTS.party(PRIYA), country="CZ")
    assert row_question(abroad, FACTS, ON).transaction_type is T.DEEMED_REEXPORT
    assert row_question(FACTS.party(OSTRAVA), FACTS, ON).transaction_type is T.EXPORT
    only_harness = replace(FACTS, items=ITEMS[:1])
    assert row_question(FACTS.party(OSTRAVA), only_harness, ON).item_id == HARNESS
    assert row_question(FACTS.party(OSTRAVA), replace(FACTS, items=()), ON).item_id is None


def test_activity_coverage_asks_about_the_activity_itself() -> None:
    activity = Activity(matter_id=1, type=T.REEXPORT, item_id=WEIGHTS, party_id=MIZUCHI)
    result = activity_coverage(activity, FACTS, on=ON, expiry=expiry)
    assert result.basis == "letter of 2026-06-26, Annex A row 2"
    harness = replace(activity, item_id=HARNESS)
    assert not activity_coverage(harness, FACTS, on=ON, expiry=expiry).covered


def test_an_activity_without_a_recipient_is_not_covered() -> None:
    activity = Activity(matter_id=1, type=T.EXPORT, item_id=WEIGHTS)
    result = activity_coverage(activity, FACTS, on=ON, expiry=expiry)
    assert not result.covered
    assert result.reason == "not covered: the activity names no recipient"
