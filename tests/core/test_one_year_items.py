"""Which items get one-year validity (15 CFR 750.7(g), 742.6(a)(6)(iii)(A)), and the warning."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop_app.assets import read_json
from desktop_app.core.authorizations import License, ValidityBasis
from desktop_app.core.models import Item
from desktop_app.core.one_year_items import (
    FOR_LISTED_COMMODITIES,
    WORLDWIDE_ADVANCED_COMPUTING,
    one_year_listing,
)
from desktop_app.core.validity import license_warnings

CHIP = Item(matter_id=1, name="Accelerator", eccn="3A090.a", id=7)
LICENSE = License(matter_id=1, number="D123456", validated_on=date(2026, 6, 26), item_ids=(7,))


@pytest.mark.parametrize(
    ("rule", "eccn", "listing"),
    [
        ("750.7(g) firearms", "0A501", "listed"),
        ("750.7(g) firearms, any paragraph", "0a509.a", "listed"),
        ("750.7(g) firearms end at 0A509", "0A510", None),
        ("750.7(g) firearms start at 0A504", "0A503", None),
        ("742.6(a)(6)(iii)(A)", "3A090.a", "listed"),
        ("742.6(a)(6)(iii)(A) below the paragraph", "3A090.a.1", "listed"),
        ("742.6(a)(6)(iii)(B), not (A)", "3A090.b", None),
        ("742.6(a)(6)(iii)(A), paragraph not recorded", "3A090", "may be listed"),
        ("742.6(a)(6)(iii)(A), software for listed commodities", "4D090", "may be listed"),
        ("742.6(a)(6)(iii)(A) .z.1.a", "5A002.z.1.a", "listed"),
        ("742.6(a)(6)(iii)(B) .z.1.b", "5A002.z.1.b", None),
        ("742.6(a)(13), not (a)(6)(iii)(A)", "4E091", None),
        ("no ECCN", "", None),
        ("EAR99", "EAR99", None),
    ],
)
def test_one_year_listing(rule: str, eccn: str, listing: str | None) -> None:
    found = one_year_listing(eccn)
    assert (found[0] if found else None) == listing, rule
    if found:
        assert "15 CFR 750.7(g)" in found[1]


def test_the_list_matches_the_ccl_shipped() -> None:
    """Every RS line of the CCL edition that cites 742.6(a)(6)(iii)(A) is in the table."""
    data = read_json("reference/ccl.json")
    listed: set[str] = set()
    partly: set[str] = set()
    for entry in data["entries"]:
        for line in entry["countryChart"]:
            if "742.6(a)(6)(iii)(A)" not in (line["countryChart"] or ""):
                continue
            if "\u201d for " in line["control"]:  # "software" for commodities controlled by ...
                partly.add(entry["eccn"])
            else:
                listed |= _paragraphs(entry["eccn"], line["control"])
    assert listed == WORLDWIDE_ADVANCED_COMPUTING
    assert partly == FOR_LISTED_COMMODITIES


def _paragraphs(eccn: str, control: str) -> set[str]:
    """``RS applies to 3A001.z.1.a, z.2.a`` -> {3A001.z.1.a, 3A001.z.2.a}."""
    text = re.split(r" by | to ", control)[-1].replace(" and ", ",")
    return {f"{eccn}.{p.strip().removeprefix(eccn + '.')}" for p in text.split(",") if p.strip()}


def test_a_four_year_basis_for_a_one_year_item_is_a_warning() -> None:
    warning = license_warnings(LICENSE, [CHIP])["validity"]
    assert "Accelerator (3A090.a) listed under 15 CFR 750.7(g), 742.6(a)(6)(iii)(A)" in warning
    assert "valid for one year" in warning


def test_no_warning_for_a_one_year_basis_or_an_item_the_license_does_not_name() -> None:
    one_year = License(
        matter_id=1, number="D123456", validated_on=date(2026, 6, 26),
        validity=ValidityBasis.ONE_YEAR, item_ids=(7,),
    )  # fmt: skip
    assert "validity" not in license_warnings(one_year, [CHIP])
    other = Item(matter_id=1, name="Other", eccn="0A501", id=8)
    assert "validity" not in license_warnings(LICENSE, [other])
    may = Item(matter_id=1, name="Board", eccn="4A090", id=7)
    assert "record the paragraph" in license_warnings(LICENSE, [may])["validity"]
