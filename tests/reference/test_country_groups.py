"""The shipped Country Groups (15 CFR 740 Supp. 1), looked up by ISO 3166-1 alpha-2 code."""

from __future__ import annotations

import pytest

from desktop_app.reference.country_groups import load_country_groups


def test_the_edition_and_citation_are_kept() -> None:
    groups = load_country_groups()
    assert groups.edition == "2026-07-23"
    assert "Part 740" in groups.citation
    assert groups.labels["D:5"] == "U.S. arms-embargoed countries"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("CN", {"D:1", "D:3", "D:4", "D:5"}),
        ("RU", {"D:1", "D:2", "D:3", "D:4", "D:5"}),
        ("KP", {"D:1", "D:2", "D:3", "D:4", "D:5", "E:1"}),
        ("CD", {"B", "D:5"}),
    ],
)
def test_d5_members_are_found_by_code(code: str, expected: set[str]) -> None:
    assert load_country_groups().groups_of(code) == expected


def test_hong_kong_counts_as_china() -> None:
    groups = load_country_groups()
    assert groups.groups_of("HK") == groups.groups_of("CN")


def test_macau_is_listed_but_not_in_d5() -> None:
    groups = load_country_groups()
    assert groups.in_group("MO", "D:1")
    assert not groups.in_group("MO", "D:5")


def test_names_that_differ_from_iso_are_mapped() -> None:
    groups = load_country_groups()
    assert groups.in_group("GB", "A:1")
    assert groups.in_group("TW", "A:6")
    assert groups.in_group("KR", "A:5")
    assert groups.in_group("US", "A:1")
    assert groups.in_group("de", "A:1")


def test_every_listed_name_is_reachable_from_some_code() -> None:
    groups = load_country_groups()
    listed = {name for names in groups.members.values() for name in names}
    reached = {name for names in groups.names_by_code.values() for name in names}
    assert listed <= reached


def test_an_unknown_code_belongs_to_no_group() -> None:
    assert load_country_groups().groups_of("ZZ") == frozenset()


def test_the_lookup_plugs_into_coverage() -> None:
    from datetime import date

    from desktop_app.core.authorizations import License
    from desktop_app.core.coverage import Answer, MatterFacts, Question, cover
    from desktop_app.core.enums import PartyKind, PartyRole, TransactionType, UsStatus
    from desktop_app.core.models import Item, Nationality, Party

    employer = Party(matter_id=1, name="Kestrel Assurance GmbH", role=PartyRole.END_USER, id=2)
    person = Party(
        matter_id=1,
        name="Wen Jiahui",
        role=PartyRole.FOREIGN_NATIONAL,
        kind=PartyKind.INDIVIDUAL,
        country="US",
        nationalities=(Nationality("HK"),),
        us_status=UsStatus.NONIMMIGRANT_VISA,
        employer_id=2,
        employed_since=date(2025, 1, 6),
        regular_employee=True,
        id=1,
    )
    license = License(
        matter_id=1,
        number="D512345",
        validated_on=date(2026, 3, 2),
        party_ids=(2,),
        item_ids=(3,),
        transaction_types=(TransactionType.DEEMED_EXPORT,),
        excluded_countries=("D:5",),
        id=4,
    )
    facts = MatterFacts(
        parties=(person, employer),
        items=(Item(matter_id=1, name="weights", eccn="4E091", id=3),),
        licenses=(license,),
    )
    question = Question(1, 3, TransactionType.DEEMED_EXPORT, date(2026, 7, 15), destination="US")
    result = cover(question, facts, group_of=load_country_groups().groups_of)
    assert result.answer is Answer.NOT_COVERED
    assert "Wen Jiahui is a national of HK, excluded (D:5)" in result.summary
