"""Annex A text as copied from a PDF or a spreadsheet is read into rows as written."""

from __future__ import annotations

import pytest

from desktop_app.core.annex_parse import AnnexLine, parse_annex
from desktop_app.errors import ValidationError


def test_a_numbered_list_from_a_pdf_gives_names_and_bracketed_countries() -> None:
    text = (
        "Annex A — Entities\n"
        "1. Northwind Research Ltd. (GB)\n"
        "2) Kohaku Data Systems K.K. (JP)\n"
        "3. Seorin Secure Intelligence Co., Ltd.; 88 Eunhasu-ro, 14th Floor,\n"
        "   Gangnam-gu, Seoul (KR)\n"
    )
    assert parse_annex(text) == [
        AnnexLine(1, "Northwind Research Ltd.", "", "GB"),
        AnnexLine(2, "Kohaku Data Systems K.K.", "", "JP"),
        AnnexLine(
            3,
            "Seorin Secure Intelligence Co., Ltd.",
            "88 Eunhasu-ro, 14th Floor, Gangnam-gu, Seoul",
            "KR",
        ),
    ]


def test_a_name_without_a_bracketed_country_keeps_its_brackets_and_no_country() -> None:
    lines = parse_annex("1. Wattle Point (Research) Pty Ltd\n2. Lumen Labs (Europe) GmbH\n")
    assert [(x.name, x.country) for x in lines] == [
        ("Wattle Point (Research) Pty Ltd", ""),
        ("Lumen Labs (Europe) GmbH", ""),
    ]


def test_a_header_decides_which_column_is_which_in_any_order() -> None:
    tabbed = "Row\tEntity\tCountry\n1\tThistlegate Analytics Ltd\tGB\n"
    assert parse_annex(tabbed) == [AnnexLine(1, "Thistlegate Analytics Ltd", "", "GB")]
    reordered = 'Country,Name,Address\nDE,Brennwald GmbH,"Kranichsteg 17, Berlin"\n'
    assert parse_annex(reordered) == [
        AnnexLine(1, "Brennwald GmbH", "Kranichsteg 17, Berlin", "DE")
    ]


def test_without_a_header_the_columns_are_read_by_position() -> None:
    text = '1,Thistlegate Analytics Ltd,"4 Quay St, Manchester",GB\n2,Kohaku K.K. (JP),Tokyo\n'
    assert parse_annex(text) == [
        AnnexLine(1, "Thistlegate Analytics Ltd", "4 Quay St, Manchester", "GB"),
        AnnexLine(2, "Kohaku K.K.", "Tokyo", "JP"),
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "empty"),
        ("\n  \n\t\n", "empty"),
        ("Row,Entity,Country\n", "no rows"),
        ("1. Northwind (GB)\n1. Kohaku (JP)\n", "same number"),
        ("Row,Name\n1,\n", "has no name"),
        ("100001. Too far (GB)\n", "not an Annex A row"),
    ],
)
def test_unreadable_tables_are_refused_with_the_reason(text: str, said: str) -> None:
    with pytest.raises(ValidationError, match=said):
        parse_annex(text)
