"""Coverage (issues 4 and 14): which letter or license covers a release, or why none does.

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
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    Decider,
    Determination,
    DeterminationKind,
    LetterEffect,
    License,
    LicenseStatus,
    LogKind,
)
from desktop_app.core.coverage import (
    Answer,
    Coverage,
    MatterFacts,
    Outcome,
    Question,
    activity_coverage,
    cover,
    coverage_table,
    matter_coverage,
    row_question,
)
from desktop_app.core.enums import (
    ItemKind,
    NationalityBasis,
    PartyKind,
    PartyRole,
    ReleaseMechanism,
    TransactionType,
    UsStatus,
)
from desktop_app.core.holiday_calendar import HolidayCalendar
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
        employed_since=date(2024, 1, 8),
        regular_employee=True,
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
    addressee_id=DEVELOPER,
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
    AnnexRow(
        matter_id=1,
        letter_id=LETTER,
        row_no=row,
        name_as_written=name,
        party_id=pid,
        confirmed=True,
        id=row,
    )
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
    transaction_types=ALL_TYPES,
    id=LICENSE,
)


COUNTRY = {p.id: p.country for p in PARTIES}


def _ask(
    party: int,
    kind: TransactionType = T.DEEMED_EXPORT,
    *,
    facts: MatterFacts = FACTS,
    on: date = ON,
    item: int | None = WEIGHTS,
    to: str | None = None,
) -> Coverage:
    where = to if to is not None else COUNTRY.get(party, "US")
    question = Question(party, item, kind, on, destination=where)
    return cover(question, facts, group_of=group_of)


def _with(
    *, licenses: tuple[License, ...] = (), letters: tuple[AuthorizationLetter, ...] = ()
) -> MatterFacts:
    return replace(FACTS, licenses=licenses, letters=letters or FACTS.letters)


def _factor(result: Coverage, dimension: str) -> tuple[Outcome, ...]:
    return tuple(f.outcome for f in result.factors if f.dimension == dimension)


def test_an_annex_a_entity_is_covered_by_its_confirmed_row() -> None:
    result = _ask(OSTRAVA, T.EXPORT)
    assert result.answer is Answer.COVERED
    assert result.basis == "letter of 2026-06-26, Annex A row 3"
    assert (result.authorization_id, result.kind) == (LETTER, "letter")
    assert result.summary == "covered: letter of 2026-06-26, Annex A row 3"
    assert result.as_of == ON
    assert all(f.outcome is Outcome.PASS for f in result.factors)
    dims = {f.dimension for f in result.factors}
    assert {"dates", "supersession", "transaction type", "item", "party", "destination"} <= dims
    assert "Part 746 embargoes" in dims


def test_a_covered_answer_lists_the_caveats_it_does_not_decide() -> None:
    result = _ask(OSTRAVA, T.EXPORT)
    assert any("Part 744" in c and "736.2(b)(4)" in c for c in result.caveats)
    assert any("Ostrava" in c and "not screened in the app" in c for c in result.caveats)


def test_an_unconfirmed_annex_link_needs_review() -> None:
    rows = tuple(replace(r, confirmed=None) if r.party_id == OSTRAVA else r for r in ANNEX)
    result = _ask(OSTRAVA, T.EXPORT, facts=replace(FACTS, annex_rows=rows))
    assert result.answer is Answer.NEEDS_REVIEW
    assert result.missing == (
        "counsel's confirmation that Annex A row 3 — Ostrava Secure Research s.r.o. is"
        " Ostrava Secure Research s.r.o.",
    )


def test_an_export_to_a_us_company_site_abroad_reads_the_destination() -> None:
    us_company = _entity(41, "Harrow Labs Inc.", "US", PartyRole.END_USER)
    facts = replace(FACTS, parties=(*PARTIES, us_company))
    abroad = _ask(41, T.EXPORT, facts=facts, to="CN")
    assert abroad.answer is Answer.NOT_COVERED
    assert "Harrow Labs Inc. is not in Annex A" in abroad.summary
    home = _ask(41, T.EXPORT, facts=facts, to="US")
    assert home.covered
    assert home.basis == "no export: nothing leaves the United States"


def test_an_export_with_no_destination_needs_review() -> None:
    result = _ask(OSTRAVA, T.EXPORT, to="")
    assert result.answer is Answer.NEEDS_REVIEW
    assert "the activity's destination country" in result.missing


def test_an_export_elsewhere_than_the_annex_country_is_not_covered() -> None:
    rows = tuple(replace(r, country="CZ") for r in ANNEX)
    facts = replace(FACTS, annex_rows=rows)
    assert _ask(OSTRAVA, T.EXPORT, facts=facts, to="CZ").covered
    away = _ask(OSTRAVA, T.EXPORT, facts=facts, to="CN")
    assert away.answer is Answer.NOT_COVERED
    assert "Annex A row 3 places the entity in CZ" in away.summary


def test_an_excluded_destination_of_the_letter_is_not_covered() -> None:
    letter = replace(JUNE_26_LETTER, excluded_destinations=("D:5",))
    result = _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(IS_INFORMED, letter)), to="CN")
    assert result.answer is Answer.NOT_COVERED
    assert "the destination CN is excluded (D:5)" in result.summary
    assert _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(IS_INFORMED, letter)), to="CZ").covered


def test_a_foreign_national_employee_of_an_annex_a_entity_is_covered() -> None:
    result = _ask(PRIYA)
    assert result.covered
    assert result.basis == (
        "letter of 2026-06-26, Annex A row 3 (employee of Ostrava Secure Research s.r.o.)"
    )
    assert _factor(result, "employment") == (Outcome.PASS,)


def test_an_employee_whose_employment_start_is_unknown_needs_review() -> None:
    priya = replace(FACTS.party(PRIYA), employed_since=None)
    facts = replace(FACTS, parties=tuple(priya if p.id == PRIYA else p for p in PARTIES))
    result = _ask(PRIYA, facts=facts)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "the date Priya Raman's employment with Ostrava" in result.summary


def test_a_release_before_the_employment_began_is_not_covered() -> None:
    result = _ask(
        PRIYA,
        on=date(2023, 12, 1),
        facts=_with(
            letters=(
                replace(JUNE_26_LETTER, effective_from=date(2023, 1, 1), dated=date(2023, 1, 1)),
            )
        ),
    )
    assert result.answer is Answer.NOT_COVERED
    assert "employment began on 2024-01-08" in result.summary


def test_annex_a_employees_are_not_covered_when_the_letter_leaves_them_out() -> None:
    letter = replace(JUNE_26_LETTER, includes_foreign_national_employees=False)
    result = _ask(PRIYA, facts=_with(letters=(letter,)))
    assert result.answer is Answer.NOT_COVERED
    assert "does not extend to the employees of Ostrava Secure Research s.r.o." in result.summary


def test_the_addressees_own_employee_is_covered_when_the_letter_says_so() -> None:
    result = _ask(TOMASZ)
    assert result.covered
    assert result.basis == "letter of 2026-06-26, own employees of Corvane Reasoning Labs, Inc."


def test_the_applicants_employees_are_not_the_letters_own_employees() -> None:
    applicant = _entity(42, "Tessellate Compute LLC", "US", PartyRole.APPLICANT)
    clerk = _person(43, "Ilse Brandt", "DE", 42)
    facts = replace(FACTS, parties=(*PARTIES, applicant, clerk))
    result = _ask(43, facts=facts)
    assert result.answer is Answer.NOT_COVERED
    assert "Ilse Brandt is not in Annex A" in result.summary


def test_own_employees_without_a_recorded_addressee_need_review() -> None:
    letter = replace(JUNE_26_LETTER, addressee_id=None)
    result = _ask(TOMASZ, facts=_with(letters=(letter,)))
    assert result.answer is Answer.NEEDS_REVIEW
    assert "the addressee of the letter of 2026-06-26" in result.summary


def test_the_developers_own_employee_is_not_covered_otherwise() -> None:
    letter = replace(JUNE_26_LETTER, includes_own_employees=False)
    result = _ask(TOMASZ, facts=_with(letters=(letter,)))
    assert result.answer is Answer.NOT_COVERED
    assert "Tomasz Wielgosz is not in Annex A" in result.summary


@pytest.mark.parametrize(("country", "section"), [("CU", "746.2(a)"), ("KP", "746.4(a)")])
def test_an_embargoed_national_employed_by_an_annex_a_entity_is_not_covered(
    country: str, section: str
) -> None:
    person = _person(44, "Test Person", country, OSTRAVA)
    facts = replace(FACTS, parties=(*PARTIES, person))
    result = _ask(44, facts=facts)
    assert result.answer is Answer.NOT_COVERED
    assert f"15 CFR {section} requires a license" in result.summary
    assert Outcome.FAIL in _factor(result, "Part 746 embargoes")


def test_an_embargo_applies_to_every_nationality_held() -> None:
    dual = replace(
        _person(45, "Dual Person", "ES", OSTRAVA),
        nationalities=(
            Nationality("CU", NationalityBasis.CITIZENSHIP, date(1990, 1, 1)),
            Nationality("ES", NationalityBasis.CITIZENSHIP, date(2015, 1, 1)),
        ),
    )
    result = _ask(45, facts=replace(FACTS, parties=(*PARTIES, dual)))
    assert result.answer is Answer.NOT_COVERED
    assert "a national of Cuba" in result.summary


def test_a_ccl_embargo_for_an_unclassified_item_needs_review() -> None:
    person = _person(46, "Test Person", "IR", OSTRAVA)
    facts = replace(FACTS, parties=(*PARTIES, person))
    assert _ask(46, facts=facts).answer is Answer.NOT_COVERED
    letter = replace(JUNE_26_LETTER, item_ids=(WEIGHTS, HARNESS))
    unclassified = _ask(46, facts=replace(facts, letters=(letter,)), item=HARNESS)
    assert unclassified.answer is Answer.NEEDS_REVIEW
    assert "whether 15 CFR 746.7(a) requires a license" in unclassified.summary


def test_an_expired_license_says_when_it_expired() -> None:
    old = replace(KESTREL_LICENSE, validated_on=date(2021, 5, 3))
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(old,)))
    assert result.answer is Answer.NOT_COVERED
    assert f"license D512345: expired on {license_expiry(old)}" in result.summary
    assert "no license" not in result.summary
    assert (result.authorization_id, result.kind) == (LICENSE, "license")


def test_a_license_is_valid_through_its_expiry_day() -> None:
    facts = _with(licenses=(KESTREL_LICENSE,))
    # Four years from 2 March 2026 is Saturday 2 March 2030: a weekend does not extend it.
    assert _ask(KESTREL, T.EXPORT, facts=facts, on=date(2030, 3, 2)).covered
    after = _ask(KESTREL, T.EXPORT, facts=facts, on=date(2030, 3, 3))
    assert after.answer is Answer.NOT_COVERED
    assert "expired on 2030-03-02" in after.summary


def test_a_license_covers_its_named_party() -> None:
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(KESTREL_LICENSE,)))
    assert result.covered
    assert result.basis == "license D512345"


def test_a_license_naming_no_items_or_types_needs_review() -> None:
    for bare in (
        replace(KESTREL_LICENSE, item_ids=()),
        replace(KESTREL_LICENSE, transaction_types=()),
    ):
        result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(bare,)))
        assert result.answer is Answer.NEEDS_REVIEW
        assert "license D512345" in result.summary


def test_a_license_covers_regular_employees_of_a_licensed_entity() -> None:
    result = _ask(SADIA, facts=_with(licenses=(KESTREL_LICENSE,)))
    assert result.covered
    assert any("750.7(a)(3)" in f.source for f in result.factors)
    sadia = replace(FACTS.party(SADIA), regular_employee=None)
    facts = replace(
        _with(licenses=(KESTREL_LICENSE,)),
        parties=tuple(sadia if p.id == SADIA else p for p in PARTIES),
    )
    unknown = _ask(SADIA, facts=facts)
    assert unknown.answer is Answer.NEEDS_REVIEW
    assert "regular and permanent employee" in unknown.summary


@pytest.mark.parametrize("excluded", [("CN",), ("D:5",)])
def test_an_excluded_nationality_is_not_covered_under_employee_release(
    excluded: tuple[str, ...],
) -> None:
    license = replace(KESTREL_LICENSE, excluded_countries=excluded)
    result = _ask(LIN, facts=_with(licenses=(license,)))
    assert result.answer is Answer.NOT_COVERED
    assert "Lin Haoran is a national of CN, excluded" in result.summary
    assert _ask(SADIA, facts=_with(licenses=(license,))).covered


def test_an_excluded_nationality_applies_to_every_nationality_held() -> None:
    dual = replace(
        FACTS.party(LIN),
        nationalities=(
            Nationality("CN", NationalityBasis.CITIZENSHIP, date(1990, 1, 1)),
            Nationality("CA", NationalityBasis.CITIZENSHIP, date(2020, 1, 1)),
        ),
    )
    license = replace(KESTREL_LICENSE, excluded_countries=("D:5",))
    facts = replace(
        _with(licenses=(license,)), parties=tuple(dual if p.id == LIN else p for p in PARTIES)
    )
    result = _ask(LIN, facts=facts)
    assert result.answer is Answer.NOT_COVERED
    assert "national of CN" in result.summary


def test_a_suspended_license_covers_nothing() -> None:
    license = replace(KESTREL_LICENSE, status=LicenseStatus.SUSPENDED)
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(license,)))
    assert "the license is suspended" in result.summary


@pytest.mark.parametrize(
    ("letter", "on"),
    [
        (JUNE_26_LETTER, date(2026, 6, 20)),
        (replace(JUNE_26_LETTER, effective_until=date(2026, 12, 31)), date(2027, 1, 4)),
        (replace(JUNE_26_LETTER, revoked_on=date(2026, 7, 1)), date(2026, 7, 1)),
    ],
)
def test_a_letter_outside_its_dates_does_not_cover(letter: AuthorizationLetter, on: date) -> None:
    result = _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(letter,)), on=on)
    assert result.answer is Answer.NOT_COVERED
    assert _factor(result, "dates") == (Outcome.FAIL,)


def test_a_letter_is_in_force_on_its_last_day_and_the_eve_of_revocation() -> None:
    letter = replace(JUNE_26_LETTER, effective_until=date(2026, 12, 31), revoked_on=None)
    assert _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(letter,)), on=date(2026, 12, 31)).covered
    revoked = replace(JUNE_26_LETTER, revoked_on=date(2026, 8, 1))
    assert _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(revoked,)), on=date(2026, 7, 31)).covered


def test_a_superseding_letter_ends_the_earlier_from_its_effective_date() -> None:
    later = replace(
        JUNE_26_LETTER,
        dated=date(2026, 9, 1),
        effective_from=date(2026, 9, 1),
        supersedes_letter_id=LETTER,
        id=LATER_LETTER,
    )
    rows = (*ANNEX[:2], *(replace(r, letter_id=LATER_LETTER, id=100 + r.id) for r in ANNEX[:2]))
    facts = replace(_with(letters=(JUNE_26_LETTER, later)), annex_rows=rows + ANNEX[2:])
    assert _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 8, 31)).covered
    dropped = _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 9, 1))
    assert dropped.answer is Answer.NOT_COVERED
    kept = _ask(FENWICK, T.EXPORT, facts=facts, on=date(2026, 9, 1))
    assert kept.covered
    assert kept.basis == "letter of 2026-09-01, Annex A row 1"


def test_a_modifying_letter_replaces_the_annex_it_changes() -> None:
    change = AuthorizationLetter(
        matter_id=1,
        effect=LetterEffect.MODIFIES_REQUIREMENT,
        dated=date(2026, 9, 1),
        effective_from=date(2026, 9, 1),
        modifies_letter_id=LETTER,
        id=LATER_LETTER,
    )
    rows = (*ANNEX, *(replace(r, letter_id=LATER_LETTER, id=100 + r.id) for r in ANNEX[:2]))
    facts = replace(_with(letters=(JUNE_26_LETTER, change)), annex_rows=rows)
    assert _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 8, 31)).covered
    assert _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 9, 2)).answer is Answer.NOT_COVERED
    kept = _ask(MIZUCHI, T.EXPORT, facts=facts, on=date(2026, 9, 2))
    assert kept.covered
    assert Outcome.PASS in _factor(kept, "modification")


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
    assert result.answer is Answer.NOT_COVERED
    assert "(BIS/EA/2026-0915) imposes a license requirement again" in result.summary


def test_an_imposing_letter_for_other_parties_leaves_this_one_covered() -> None:
    later = replace(IS_INFORMED, dated=date(2026, 9, 15), id=LATER_LETTER)
    row = AnnexRow(
        matter_id=1,
        letter_id=LATER_LETTER,
        row_no=1,
        name_as_written="x",
        party_id=FENWICK,
        confirmed=True,
    )
    facts = replace(_with(letters=(JUNE_26_LETTER, later)), annex_rows=(*ANNEX, row))
    assert _ask(OSTRAVA, T.EXPORT, facts=facts, on=date(2026, 10, 1)).covered
    assert not _ask(FENWICK, T.EXPORT, facts=facts, on=date(2026, 10, 1)).covered
    unsure = replace(facts, annex_rows=(*ANNEX, replace(row, confirmed=None)))
    result = _ask(OSTRAVA, T.EXPORT, facts=unsure, on=date(2026, 10, 1))
    assert result.answer is Answer.NEEDS_REVIEW
    assert "whether the Annex A of the letter of 2026-09-15 names Ostrava" in result.summary


def test_a_lawful_permanent_resident_is_no_deemed_export() -> None:
    result = _ask(AMARA)
    assert result.covered
    assert result.basis == "no deemed export: not a foreign person (Lawful permanent resident)"
    assert "734.13(a)(2)" in result.factors[0].source
    assert (result.authorization_id, result.kind) == (None, "regulation")


def test_an_unknown_us_status_turns_not_covered_into_needs_review() -> None:
    wen = replace(FACTS.party(WEN), us_status=UsStatus.NOT_APPLICABLE)
    facts = replace(FACTS, parties=tuple(wen if p.id == WEN else p for p in PARTIES))
    assert _ask(WEN).answer is Answer.NOT_COVERED
    result = _ask(WEN, facts=facts)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "Wen Jiahui's US status" in result.summary


def test_a_transaction_type_outside_the_letters_scope_is_not_covered() -> None:
    letter = replace(JUNE_26_LETTER, transaction_types=(T.EXPORT, T.DEEMED_EXPORT))
    result = _ask(OSTRAVA, T.REEXPORT, facts=_with(letters=(letter,)))
    assert result.answer is Answer.NOT_COVERED
    assert "reexport is not within the letter" in result.summary


def test_a_letter_with_no_transaction_types_recorded_needs_review() -> None:
    letter = replace(JUNE_26_LETTER, transaction_types=())
    result = _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(letter,)))
    assert result.answer is Answer.NEEDS_REVIEW


def test_an_item_outside_the_letters_scope_is_not_covered() -> None:
    items = tuple(replace(i, eccn="4D001") if i.id == HARNESS else i for i in ITEMS)
    result = _ask(OSTRAVA, T.EXPORT, item=HARNESS, facts=replace(FACTS, items=items))
    assert result.answer is Answer.NOT_COVERED
    assert "Aster 5 evaluation harness is not among the letter's items" in result.summary


def test_an_unclassified_item_nothing_covers_needs_its_classification() -> None:
    result = _ask(OSTRAVA, T.EXPORT, item=HARNESS)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "the classification (ECCN or EAR99) of Aster 5 evaluation harness" in result.missing
    assert any(f.outcome is Outcome.FAIL and f.dimension == "item" for f in result.factors)


def test_a_letter_naming_no_items_needs_review() -> None:
    letter = replace(JUNE_26_LETTER, item_ids=())
    result = _ask(OSTRAVA, T.EXPORT, facts=_with(letters=(letter,)), item=HARNESS)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "the items the letter of 2026-06-26 names" in result.missing


def test_model_versions_are_checked_when_the_letter_names_them() -> None:
    letter = replace(JUNE_26_LETTER, model_versions=("5.0",))
    facts = _with(letters=(letter,))
    assert _ask(OSTRAVA, T.EXPORT, facts=facts).answer is Answer.NEEDS_REVIEW
    items = tuple(replace(i, model_version="5.0") if i.id == WEIGHTS else i for i in ITEMS)
    assert _ask(OSTRAVA, T.EXPORT, facts=replace(facts, items=items)).covered
    newer = tuple(replace(i, model_version="5.1") if i.id == WEIGHTS else i for i in ITEMS)
    result = _ask(OSTRAVA, T.EXPORT, facts=replace(facts, items=newer))
    assert result.answer is Answer.NOT_COVERED
    assert "version 5.1 is not among the letter's versions" in result.summary


def test_the_nearest_miss_is_reported() -> None:
    old = replace(KESTREL_LICENSE, validated_on=date(2021, 5, 3))
    result = _ask(KESTREL, T.EXPORT, facts=_with(licenses=(old,)))
    assert "expired" in result.summary
    assert "Annex A" not in result.summary


def test_a_matter_without_authorizations_says_so() -> None:
    facts = replace(FACTS, letters=(), annex_rows=())
    result = _ask(OSTRAVA, T.EXPORT, facts=facts)
    assert result.summary == (
        "not covered: no letter, determination or license reaches this; no license"
    )
    assert result.authorization_id is None


def test_an_unknown_party_or_item_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        _ask(999)
    with pytest.raises(NotFoundError):
        _ask(OSTRAVA, item=999)


def test_matter_coverage_answers_every_party_row() -> None:
    answers = matter_coverage(FACTS, ON, group_of=group_of)
    assert set(answers) == {party.id for party in PARTIES}
    assert answers[OSTRAVA].basis == "letter of 2026-06-26, Annex A row 3"
    assert answers[PRIYA].covered
    assert answers[WEN].answer is Answer.NOT_COVERED


def test_row_question_asks_a_person_abroad_about_a_deemed_reexport() -> None:
    abroad = replace(FACTS.party(WEN), country="SG")
    question = row_question(abroad, FACTS, ON)
    assert question.transaction_type is T.DEEMED_REEXPORT
    assert question.item_id == WEIGHTS
    assert question.destination == "SG"
    assert row_question(FACTS.party(OSTRAVA), FACTS, ON).transaction_type is T.EXPORT


def test_an_activity_is_answered_as_of_its_own_date() -> None:
    past = Activity(
        matter_id=1, type=T.EXPORT, item_id=WEIGHTS, party_id=OSTRAVA, to_country="CZ",
        on=date(2026, 6, 20), id=1,
    )  # fmt: skip
    result = activity_coverage(past, FACTS, as_of=ON, group_of=group_of)
    assert result.as_of == date(2026, 6, 20)
    assert result.answer is Answer.NOT_COVERED
    later = replace(past, on=date(2026, 6, 26))
    assert activity_coverage(later, FACTS, as_of=ON, group_of=group_of).covered


def test_an_undated_activity_is_answered_as_of_the_day_asked_and_says_so() -> None:
    undated = Activity(
        matter_id=1, type=T.EXPORT, item_id=WEIGHTS, party_id=OSTRAVA, to_country="CZ", id=1
    )
    result = activity_coverage(undated, FACTS, as_of=ON, group_of=group_of)
    assert result.covered
    assert f"the activity has no date: answered as of {ON}" in result.caveats


def test_an_activity_without_a_recipient_needs_review() -> None:
    bare = Activity(matter_id=1, type=T.EXPORT, item_id=WEIGHTS, id=1)
    result = activity_coverage(bare, FACTS, as_of=ON, group_of=group_of)
    assert result.answer is Answer.NEEDS_REVIEW
    assert result.missing == ("the activity's recipient",)


def test_coverage_table_has_every_activity_and_every_party_item_pair() -> None:
    activity = Activity(
        matter_id=1, type=T.EXPORT, item_id=WEIGHTS, party_id=OSTRAVA, to_country="CZ", id=9
    )
    rows = coverage_table(replace(FACTS, activities=(activity,)), ON, group_of=group_of)
    assert rows[0].activity_id == 9
    assert len(rows) == 1 + len(PARTIES) * len(ITEMS)
    pairs = {(r.party_id, r.item_id) for r in rows[1:]}
    assert pairs == {(p.id, i.id) for p in PARTIES for i in ITEMS}


def _determination(kind: DeterminationKind, **fields: object) -> Determination:
    base = Determination(
        matter_id=1, kind=kind, decided_on=date(2026, 7, 1), item_ids=(WEIGHTS,), id=30
    )
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("determination", "basis"),
    [
        (
            _determination(
                DeterminationKind.LICENSE_EXCEPTION_APPLIES, license_exception="AIA", item_ids=()
            ),
            "no license required: License Exception AIA, determination of 2026-07-01",
        ),
        (
            _determination(DeterminationKind.LICENSE_NOT_REQUIRED, item_ids=()),
            "no license required: License not required, determination of 2026-07-01",
        ),
        (
            _determination(DeterminationKind.NOT_SUBJECT_TO_EAR),
            "no license required: Not subject to the EAR, determination of 2026-07-01",
        ),
    ],
)
def test_a_determination_removing_the_requirement_covers_instead_of_a_false_alarm(
    determination: Determination, basis: str
) -> None:
    release = Activity(
        matter_id=1, type=T.DEEMED_EXPORT, item_id=WEIGHTS, party_id=WEN, to_country="US",
        on=ON, id=8,
    )  # fmt: skip
    scoped = replace(determination, activity_ids=() if determination.item_ids else (8,))
    facts = replace(FACTS, determinations=(scoped,), activities=(release,))
    assert activity_coverage(release, FACTS, as_of=ON, group_of=group_of).answer is (
        Answer.NOT_COVERED
    )
    result = activity_coverage(release, facts, as_of=ON, group_of=group_of)
    assert result.covered
    assert result.basis == basis
    assert result.kind == "determination"
    before = activity_coverage(replace(release, on=date(2026, 6, 30)), facts, as_of=ON,
                               group_of=group_of)  # fmt: skip
    assert before.answer is Answer.NEEDS_REVIEW
    assert "whether the determination of 2026-07-01 holds for the release of 2026-06-30" in (
        before.summary
    )


@pytest.mark.parametrize("kind", [DeterminationKind.LICENSE_EXCEPTION_APPLIES,
                                  DeterminationKind.LICENSE_NOT_REQUIRED])  # fmt: skip
def test_an_item_wide_exception_or_nlr_does_not_reach_every_destination(
    kind: DeterminationKind,
) -> None:
    wide = _determination(kind, license_exception="AIA")
    result = _ask(WEN, facts=replace(FACTS, determinations=(wide,)))
    assert result.answer is Answer.NEEDS_REVIEW
    assert "whether the determination of 2026-07-01 reaches Wen Jiahui in US" in result.summary


def test_an_nlr_for_an_ear99_item_reaches_every_release_of_it() -> None:
    items = tuple(replace(i, eccn="EAR99") if i.id == HARNESS else i for i in ITEMS)
    nlr = _determination(DeterminationKind.LICENSE_NOT_REQUIRED, item_ids=(HARNESS,))
    facts = replace(FACTS, items=items, determinations=(nlr,))
    assert _ask(WEN, facts=facts, item=HARNESS).covered


def test_a_later_imposing_letter_overrides_a_determination() -> None:
    nlr = _determination(DeterminationKind.NOT_SUBJECT_TO_EAR)
    later = replace(IS_INFORMED, dated=date(2026, 7, 10), effective_from=date(2026, 7, 10), id=9)
    facts = replace(FACTS, determinations=(nlr,), letters=(*FACTS.letters, later))
    assert _ask(WEN, facts=facts, on=date(2026, 7, 9)).covered
    result = _ask(WEN, facts=facts, on=date(2026, 7, 11))
    assert result.answer is Answer.NOT_COVERED
    assert "imposes a license requirement again" in result.summary


def test_a_license_exception_does_not_lift_an_embargo() -> None:
    aia = _determination(DeterminationKind.LICENSE_EXCEPTION_APPLIES, license_exception="AIA")
    cuban = _person(47, "Test Person", "CU", None)
    facts = replace(FACTS, parties=(*PARTIES, cuban), determinations=(aia,))
    result = _ask(47, facts=facts)
    assert result.answer is Answer.NOT_COVERED
    assert "746.2(a)" in result.summary


def test_a_determination_about_another_item_does_not_count() -> None:
    other = _determination(DeterminationKind.NOT_SUBJECT_TO_EAR, item_ids=(HARNESS,))
    assert not _ask(WEN, facts=replace(FACTS, determinations=(other,))).covered


def test_hosted_access_asks_for_counsels_determination() -> None:
    hosted = Activity(
        matter_id=1, type=T.DEEMED_EXPORT, item_id=WEIGHTS, party_id=WEN, to_country="US",
        mechanism=ReleaseMechanism.API_ACCESS_ONLY, on=ON, id=5,
    )  # fmt: skip
    result = activity_coverage(hosted, FACTS, as_of=ON, group_of=group_of)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "whether hosted access to Aster 5 weights releases technology" in result.summary
    no_release = _determination(DeterminationKind.NO_RELEASE, decided_by=Decider.INTERNAL_COUNSEL)
    facts = replace(FACTS, determinations=(no_release,))
    decided = activity_coverage(hosted, facts, as_of=ON, group_of=group_of)
    assert decided.covered
    assert decided.basis.startswith("no license required: No release")


def test_a_release_in_the_persons_own_country_by_an_employer_there_is_no_deemed_reexport() -> None:
    local = _entity(48, "Hangzhou Lattice Co.", "CN", PartyRole.END_USER)
    person = _person(49, "Zhao Min", "CN", 48, country="CN")
    facts = replace(FACTS, parties=(*PARTIES, local, person))
    result = _ask(49, T.DEEMED_REEXPORT, facts=facts, to="CN")
    assert result.covered
    assert result.basis.startswith("no deemed reexport: a release in CN to a national of CN")
    assert "734.20" in result.factors[0].source
    elsewhere = _ask(49, T.DEEMED_REEXPORT, facts=facts, to="SG")
    assert elsewhere.answer is Answer.NOT_COVERED


def _acknowledgment(**fields: object) -> Condition:
    base = Condition(
        matter_id=1,
        kind=ConditionKind.LETTER_SAFEGUARD,
        category=ConditionCategory.ACKNOWLEDGMENT_REQUIRED,
        text="Each recipient acknowledges the safeguards in writing before access.",
        number="1",
        letter_id=LETTER,
        acknowledgment_required=True,
        before_release=True,
        id=60,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_a_condition_to_be_met_before_release_needs_dated_evidence() -> None:
    condition = _acknowledgment()
    facts = replace(FACTS, conditions=(condition,))
    result = _ask(PRIYA, facts=facts)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "evidence that condition 1" in result.summary
    ack = ConditionLog(
        matter_id=1, condition_id=60, kind=LogKind.ACKNOWLEDGED, on=date(2026, 7, 2),
        party_id=OSTRAVA, id=1,
    )  # fmt: skip
    acknowledged = replace(facts, condition_log=(ack,))
    assert _ask(PRIYA, facts=acknowledged).covered
    early = _ask(PRIYA, facts=acknowledged, on=date(2026, 7, 1))
    assert early.answer is Answer.NOT_COVERED
    assert (
        "condition 1 was met only on 2026-07-02, after the release on 2026-07-01" in early.summary
    )


def test_a_breached_condition_before_release_is_not_covered() -> None:
    facts = replace(FACTS, conditions=(_acknowledgment(status=ConditionStatus.BREACHED),))
    result = _ask(PRIYA, facts=facts)
    assert result.answer is Answer.NOT_COVERED
    assert "condition 1 is breached" in result.summary


def test_a_condition_not_before_release_does_not_hold_up_coverage() -> None:
    condition = _acknowledgment(before_release=False, acknowledgment_required=False)
    assert _ask(PRIYA, facts=replace(FACTS, conditions=(condition,))).covered


def test_a_destination_in_ukraine_asks_about_the_covered_regions() -> None:
    rows = tuple(replace(r, country="") for r in ANNEX)
    result = _ask(OSTRAVA, T.EXPORT, facts=replace(FACTS, annex_rows=rows), to="UA")
    assert result.answer is Answer.NEEDS_REVIEW
    assert "Crimea or the Donetsk or Luhansk regions" in result.summary
    assert any(f.source == "15 CFR 746.6" for f in result.factors)


def test_an_annex_address_matches_whole_words_only() -> None:
    rows = tuple(replace(r, address_as_written="1 Marunouchi, Tokyo") for r in ANNEX)
    facts = replace(FACTS, annex_rows=rows)
    same = Question(MIZUCHI, WEIGHTS, T.EXPORT, ON, destination="JP",
                    to_address="Floor 3, 1 Marunouchi, Tokyo 100-0005")  # fmt: skip
    assert cover(same, facts, group_of=group_of).covered
    other = replace(same, to_address="21 Marunouchi, Tokyo")
    result = cover(other, facts, group_of=group_of)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "is the Annex A address" in result.summary


def test_a_deemed_reexport_without_a_place_of_release_needs_review() -> None:
    result = _ask(PRIYA, T.DEEMED_REEXPORT, to="")
    assert result.answer is Answer.NEEDS_REVIEW
    assert "the release's place" in result.summary


def test_a_deemed_reexport_in_russia_is_outside_746_8() -> None:
    person = replace(_person(50, "Test Person", "RU", OSTRAVA, country="RU"))
    facts = replace(FACTS, parties=(*PARTIES, person))
    result = _ask(50, T.DEEMED_REEXPORT, facts=facts, to="RU")
    assert result.covered
    assert any(
        f.dimension == "Part 746 embargoes" and "excludes deemed exports" in f.detail
        for f in result.factors
    )
    assert _ask(OSTRAVA, T.EXPORT, to="RU").answer is Answer.NOT_COVERED


def test_a_condition_of_the_modifying_letter_binds_the_letter_it_modifies() -> None:
    change = AuthorizationLetter(
        matter_id=1,
        effect=LetterEffect.MODIFIES_REQUIREMENT,
        dated=date(2026, 7, 1),
        effective_from=date(2026, 7, 1),
        modifies_letter_id=LETTER,
        id=LATER_LETTER,
    )
    condition = _acknowledgment(letter_id=LATER_LETTER)
    facts = replace(_with(letters=(JUNE_26_LETTER, change)), conditions=(condition,))
    result = _ask(PRIYA, facts=facts)
    assert result.answer is Answer.NEEDS_REVIEW
    assert "evidence that condition 1" in result.summary


def test_a_version_written_differently_asks_rather_than_fails() -> None:
    letter = replace(JUNE_26_LETTER, model_versions=("5.0.2 (checkpoint of May 28, 2026)",))
    items = tuple(
        replace(i, model_version="5.0.2 (ckpt 2026-05-28)") if i.id == WEIGHTS else i for i in ITEMS
    )
    result = _ask(OSTRAVA, T.EXPORT, facts=replace(_with(letters=(letter,)), items=items))
    assert result.answer is Answer.NEEDS_REVIEW
    assert "counsel's confirmation that Aster 5 weights “5.0.2 (ckpt 2026-05-28)”" in (
        result.summary
    )


def test_vetting_is_of_the_person_not_the_employer() -> None:
    vetting = _acknowledgment(
        category=ConditionCategory.USER_VETTING, acknowledgment_required=False
    )
    employer_screened = ConditionLog(
        matter_id=1, condition_id=60, kind=LogKind.PERFORMED, on=date(2026, 7, 1),
        party_id=OSTRAVA, id=1,
    )  # fmt: skip
    facts = replace(FACTS, conditions=(vetting,), condition_log=(employer_screened,))
    assert _ask(PRIYA, facts=facts).answer is Answer.NEEDS_REVIEW
    assert _ask(OSTRAVA, T.EXPORT, facts=facts).covered
    screened = replace(employer_screened, party_id=PRIYA, id=2)
    both = replace(facts, condition_log=(employer_screened, screened))
    assert _ask(PRIYA, facts=both).covered


def test_the_librarys_state_holidays_extend_a_license_in_coverage() -> None:
    patriots_day = date(2027, 4, 19)  # a Massachusetts holiday, not a federal one
    license = replace(KESTREL_LICENSE, expires_on_set=patriots_day)
    federal = _with(licenses=(license,))
    assert not _ask(KESTREL, T.EXPORT, facts=federal, on=date(2027, 4, 20)).covered
    massachusetts = replace(federal, calendar=HolidayCalendar("MA"))
    assert _ask(KESTREL, T.EXPORT, facts=massachusetts, on=date(2027, 4, 20)).covered
    assert not _ask(KESTREL, T.EXPORT, facts=massachusetts, on=date(2027, 4, 21)).covered


def test_a_table_beyond_the_pair_bound_answers_each_party_for_its_row_item_only() -> None:
    pairs = len(PARTIES) * len(ITEMS)
    whole = coverage_table(FACTS, ON, group_of=group_of, max_pairs=pairs)
    assert len(whole) == pairs
    bounded = coverage_table(FACTS, ON, group_of=group_of, max_pairs=pairs - 1)
    assert [(r.party_id, r.item_id) for r in bounded] == [(p.id, WEIGHTS) for p in PARTIES]
    assert [r.coverage for r in bounded] == [r.coverage for r in whole if r.item_id == WEIGHTS]


def test_a_withdrawn_letter_covers_no_one_and_in_force_again_it_does() -> None:
    from desktop_app.core.coverage_facts import MatterFacts

    assert matter_coverage(FACTS, ON, group_of=group_of)[OSTRAVA].covered
    gone = tuple(
        replace(x, withdrawn_on=ON, withdrawn_reason="Wrong matter.") for x in FACTS.letters
    )
    withdrawn = MatterFacts(
        FACTS.parties,
        FACTS.items,
        FACTS.licenses,
        gone,
        FACTS.annex_rows,
        FACTS.activities,
        FACTS.determinations,
        FACTS.conditions,
        FACTS.condition_log,
    )
    answer = matter_coverage(withdrawn, ON, group_of=group_of)[OSTRAVA]
    assert not answer.covered
    assert withdrawn.letters == ()
    assert withdrawn.annex_rows == ()  # a withdrawn letter's Annex A goes with it
