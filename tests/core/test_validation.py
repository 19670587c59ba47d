"""Field checks: what blocks a change (an error naming the field) and what only warns."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop_app.core import validation as v
from desktop_app.core.enums import (
    ItemKind,
    MatterKind,
    NationalityBasis,
    PartyKind,
    PartyRole,
    TransactionType,
)
from desktop_app.core.models import Activity, Item, Matter, Nationality, Note, Party

SURROGATE = "\ud800"


MATTER = Matter(title="Model weights review", kind=MatterKind.INTERNAL_REVIEW)
PARTY = Party(matter_id=1, name="Acme GmbH", role=PartyRole.END_USER)
ITEM = Item(matter_id=1, name="Weights", kind=ItemKind.TECHNOLOGY)


def _matter(**changes: Any) -> Matter:
    return replace(MATTER, **changes)


def _party(**changes: Any) -> Party:
    return replace(PARTY, **changes)


def _item(**changes: Any) -> Item:
    return replace(ITEM, **changes)


@pytest.mark.parametrize("eccn", ["4E091", "3A090.a", "5A002.z.1.a", "EAR99", "0A501", "5D002"])
def test_valid_eccns_are_accepted(eccn: str) -> None:
    assert v.is_eccn(eccn)
    assert v.item_errors(_item(eccn=eccn)) == {}


@pytest.mark.parametrize(
    "eccn",
    ["4E91", "4e091", "4F091", "EAR-99", "ear99", "4E0911", " 4E091", "4E091 ", "4E091.", "E4091"],
)
def test_malformed_eccns_are_refused_naming_the_field(eccn: str) -> None:
    assert not v.is_eccn(eccn)
    errors = v.item_errors(_item(eccn=eccn))
    assert set(errors) == {"eccn"}
    assert repr(eccn) in errors["eccn"]


def test_an_empty_eccn_means_not_yet_classified() -> None:
    assert not v.is_eccn("")
    assert v.item_errors(_item(eccn="")) == {}


@pytest.mark.parametrize("code", ["US", "DE", "JP", "CN", "GB"])
def test_country_codes_are_upper_case_alpha2(code: str) -> None:
    assert v.is_country(code)


@pytest.mark.parametrize("code", ["de", "De", "XX", "USA", "U", "", "UK", " DE"])
def test_other_country_codes_are_not_countries(code: str) -> None:
    assert not v.is_country(code)


def test_unknown_country_is_an_error_on_each_country_field() -> None:
    assert set(v.party_errors(_party(country="XX"))) == {"country"}
    nationals = (Nationality("DE"), Nationality("ZZ", NationalityBasis.PERMANENT_RESIDENCY))
    errors = v.party_errors(_party(nationalities=nationals))
    assert set(errors) == {"nationalities"}
    assert "'ZZ'" in errors["nationalities"]
    assert set(v.item_errors(_item(hosting_country="usa"))) == {"hosting_country"}
    activity = Activity(matter_id=1, type=TransactionType.EXPORT, to_country="Germany")
    assert set(v.activity_errors(activity, None)) == {"to_country"}


def test_an_empty_country_is_allowed() -> None:
    assert v.party_errors(_party(country="")) == {}
    assert v.item_errors(_item(hosting_country="")) == {}


@pytest.mark.parametrize(
    ("acn", "license_number"),
    [("Z1234567", ""), ("", "D12345"), ("z123456", "d123456"), ("ACN 42", "license pending")],
)
def test_odd_acn_or_license_number_warns_but_never_blocks(acn: str, license_number: str) -> None:
    matter = _matter(acn=acn, license_number=license_number)
    assert v.matter_errors(matter) == {}
    warnings = v.matter_warnings(matter)
    assert len(warnings) == bool(acn) + bool(license_number)
    assert all("kept as typed" in w for w in warnings.values())


def test_customary_acn_and_license_number_do_not_warn() -> None:
    assert v.matter_warnings(_matter(acn="Z123456", license_number="D123456")) == {}
    assert v.matter_warnings(_matter()) == {}


@pytest.mark.parametrize("title", ["", " ", "\t\n", "\u3000"])
def test_a_matter_needs_a_title(title: str) -> None:
    errors = v.matter_errors(_matter(title=title))
    assert set(errors) == {"title"}


def test_a_party_and_an_item_need_a_name() -> None:
    assert set(v.party_errors(_party(name="  "))) == {"name"}
    assert set(v.item_errors(_item(name=""))) == {"name"}


def test_a_matter_cannot_close_before_it_opened() -> None:
    errors = v.matter_errors(_matter(opened=date(2026, 6, 12), closed=date(2026, 6, 11)))
    assert set(errors) == {"closed"}
    assert v.matter_errors(_matter(opened=date(2026, 6, 12), closed=date(2026, 6, 12))) == {}


@pytest.mark.parametrize("number", ["EC-26-0001", "ec-2026-0001", "EC-2026-1", "2026-0001"])
def test_a_matter_number_has_the_house_format(number: str) -> None:
    assert set(v.matter_errors(_matter(number=number))) == {"number"}


def test_an_empty_tag_is_an_error() -> None:
    assert set(v.matter_errors(_matter(tags=("AI", " ")))) == {"tags"}


def test_a_foreign_national_is_an_individual() -> None:
    party = _party(role=PartyRole.FOREIGN_NATIONAL, kind=PartyKind.ENTITY)
    assert set(v.party_errors(party)) == {"kind"}


def test_a_deemed_export_goes_to_a_person() -> None:
    deemed = Activity(matter_id=1, type=TransactionType.DEEMED_EXPORT, party_id=7)
    entity = _party(id=7)
    person = _party(id=7, kind=PartyKind.INDIVIDUAL)
    assert set(v.activity_errors(deemed, entity)) == {"party_id"}
    assert set(v.activity_errors(deemed, None)) == {"party_id"}
    assert v.activity_errors(deemed, person) == {}


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (_matter(title=SURROGATE), "title"),
        (_matter(summary="ok" + SURROGATE), "summary"),
        (_matter(tags=("AI", SURROGATE)), "tags"),
        (_party(name=f"A{SURROGATE}B"), "name"),
        (_party(aliases=(SURROGATE,)), "aliases"),
        (_item(description=SURROGATE), "description"),
        (Note(matter_id=1, text=SURROGATE), "text"),
    ],
)
def test_an_unpaired_surrogate_is_a_clean_field_error(record: object, field: str) -> None:
    errors = v.text_errors(record)
    assert set(errors) == {field}
    assert "surrogate" in errors[field]


def test_a_surrogate_only_title_is_reported_once_under_title() -> None:
    errors = v.matter_errors(_matter(title=SURROGATE))
    assert set(errors) == {"title"}


def test_absurdly_long_text_is_an_error_but_a_megabyte_is_fine() -> None:
    assert v.text_errors(_matter(summary="x" * 1_000_000)) == {}
    errors = v.text_errors(_matter(summary="x" * (v.MAX_TEXT + 1)))
    assert set(errors) == {"summary"}


@pytest.mark.parametrize(
    ("text", "expected"), [("2026-06-26", date(2026, 6, 26)), ("", None), ("  ", None)]
)
def test_parse_date_reads_iso_dates(text: str, expected: date | None) -> None:
    assert v.parse_date(text, "opened") == expected


def test_parse_date_names_the_field_when_it_cannot_read_it() -> None:
    from desktop_app.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        v.parse_date("26/06/2026", "opened")
    assert set(caught.value.fields) == {"opened"}
