"""The sample matters show counsel right answers, each with its reason (issue 14).

EC-2026-0001 (fictional, modelled on the June 2026 letters): Halcyon's own foreign-national
employees and the Annex A entities' employees are covered by the June 26 letter; Annex A row 3
is only suggested (its name differs from the party's), Kohaku's copy sits away from the row 2
address and Cerulean has not acknowledged license D512847's conditions, so those need review.
EC-2026-0002: the published base model needs no license by determination. EC-2026-0003: a
deemed export of 4E001.a technology with no license yet is not covered.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop_app.core.coverage import (
    Answer,
    Coverage,
    MatterFacts,
    Outcome,
    activity_coverage,
    coverage_table,
    matter_coverage,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import TransactionType
from desktop_app.core.models import Activity, MatterRecord
from desktop_app.paths import LibraryPaths
from desktop_app.reference.country_groups import groups_of
from desktop_app.samples import add_sample_matters
from desktop_app.storage import queries
from desktop_app.storage.library import Library

AS_OF = date(2026, 12, 31)
T = TransactionType
COVERED, NOT_COVERED, REVIEW = Answer.COVERED, Answer.NOT_COVERED, Answer.NEEDS_REVIEW
ROW_3 = "Annex A row 3 — Brennwald Sicherheitsforschung GmbH"
BRENNWALD = "Brennwald Sicherheitsforschungs-GmbH"

# Every activity of each sample matter in order, as of its own date: recipient, type, answer.
EXPECTED = {
    "EC-2026-0001": [
        ("Ananya Raghunathan", T.DEEMED_EXPORT, COVERED),
        ("Zhao Mingyu", T.DEEMED_EXPORT, COVERED),
        ("Chidera Okafor", T.DEEMED_EXPORT, COVERED),
        ("Dmitri Harel", T.DEEMED_EXPORT, COVERED),
        ("Rohan Bhattacharya", T.DEEMED_EXPORT, REVIEW),
        ("Thistlegate Analytics Ltd", T.EXPORT, COVERED),
        ("Kohaku Data Systems K.K.", T.EXPORT, REVIEW),
        ("Northmarch Cyber Defence Inc.", T.EXPORT, COVERED),
        ("Seorin Secure Intelligence Co., Ltd.", T.EXPORT, COVERED),
        ("Orphee Cyberdefense SAS", T.EXPORT, COVERED),
        (BRENNWALD, T.REEXPORT, REVIEW),
        ("Wattle Point Research Pty Ltd", T.EXPORT, COVERED),
        ("Wattle Point Research Pty Ltd", T.TRANSFER_IN_COUNTRY, COVERED),
        ("Sato Haruki", T.DEEMED_REEXPORT, COVERED),
        ("Park Seo-yeon", T.DEEMED_REEXPORT, COVERED),
        ("Tran Minh Anh", T.DEEMED_REEXPORT, REVIEW),
        ("Lukas Reinholt", T.DEEMED_REEXPORT, REVIEW),
        ("Cerulean Harbor Analytics Pte. Ltd.", T.EXPORT, REVIEW),
    ],
    "EC-2026-0002": [
        ("Saltmarsh Health Analytics Ltd", T.EXPORT, REVIEW),
        ("Saltmarsh Health Analytics Ltd", T.EXPORT, REVIEW),
    ],
    "EC-2026-0003": [
        ("Liang Shufen", T.DEEMED_EXPORT, NOT_COVERED),
        ("Liang Shufen", T.DEEMED_EXPORT, NOT_COVERED),
    ],
}
Answered = tuple[str, T, Coverage]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library with the three sample matters, built once for the module."""
    library = Library.open(LibraryPaths(tmp_path_factory.mktemp("sample") / "lib"), write=True)
    try:
        add_sample_matters(library)
        yield library
    finally:
        library.close()


def _record(library: Library, number: str) -> MatterRecord:
    return queries.matter_record(library.db, queries.matter_by_number(library.db, number))


def _answers(library: Library, number: str) -> list[Answered]:
    """Each activity of the matter in order: recipient, type and answer as of its date."""
    record = _record(library, number)
    facts = MatterFacts.of(record)
    names = {p.id: p.name for p in record.parties}
    return [(names[a.party_id or 0], a.type, _answer(a, facts)) for a in record.activities]


def _answer(activity: Activity, facts: MatterFacts) -> Coverage:
    return activity_coverage(activity, facts, as_of=AS_OF, group_of=groups_of)


def _one(library: Library, number: str, name: str, kind: T) -> Coverage:
    return next(c for who, what, c in _answers(library, number) if (who, what) == (name, kind))


def _not_passed(coverage: Coverage) -> list[str]:
    return [f.dimension for f in coverage.factors if f.outcome is not Outcome.PASS]


def test_every_activity_is_dated_and_answered_as_the_sample_means(sample: Library) -> None:
    for number, expected in EXPECTED.items():
        answers = _answers(sample, number)
        assert [(who, what) for who, what, _ in answers] == [(w, k) for w, k, _ in expected]
        for position, ((who, _, coverage), (_, _, meant)) in enumerate(
            zip(answers, expected, strict=True)
        ):
            assert coverage.as_of == _record(sample, number).activities[position].on
            assert not any("no date" in caveat for caveat in coverage.caveats), who
            assert coverage.answer is meant, (who, coverage.summary)


def test_an_annex_a_employee_is_covered_with_every_factor_passing(sample: Library) -> None:
    sato = _one(sample, "EC-2026-0001", "Sato Haruki", T.DEEMED_REEXPORT)
    assert sato.answer is COVERED
    assert sato.as_of == date(2026, 7, 1)
    assert (
        sato.basis == "letter of 2026-06-26, Annex A row 1 (employee of Thistlegate Analytics Ltd)"
    )
    assert _not_passed(sato) == []
    dimensions = [f.dimension for f in sato.factors]
    for dimension in ("party", "employment", "nationals", "Part 746 embargoes"):
        assert dimension in dimensions
    # The screening and the written acknowledgment were both on file before his access.
    assert dimensions.count("conditions before release") == 2
    assert any("General Prohibitions 4–10" in caveat for caveat in sato.caveats)


def test_the_developers_own_employees_are_covered_whatever_else_they_hold(
    sample: Library,
) -> None:
    for name in ("Ananya Raghunathan", "Zhao Mingyu", "Chidera Okafor", "Dmitri Harel"):
        found = _one(sample, "EC-2026-0001", name, T.DEEMED_EXPORT)
        assert found.answer is COVERED, (name, found.summary)
        assert found.basis == "letter of 2026-06-26, own employees of Halcyon Reasoning Labs, Inc."
    # Russian and Israeli: 746.8 excludes deemed exports, and Israel is the deemed destination.
    harel = _one(sample, "EC-2026-0001", "Dmitri Harel", T.DEEMED_EXPORT)
    embargo = next(f for f in harel.factors if f.dimension == "Part 746 embargoes")
    assert embargo.outcome is Outcome.PASS


def test_a_person_without_a_license_is_not_covered_and_told_why(sample: Library) -> None:
    liang = _one(sample, "EC-2026-0003", "Liang Shufen", T.DEEMED_EXPORT)
    assert liang.answer is NOT_COVERED
    assert liang.summary.endswith("no license")
    assert liang.missing == ()


def test_an_annex_a_row_only_suggested_needs_counsel_then_covers(library: Library) -> None:
    add_sample_matters(library)
    rohan = _one(library, "EC-2026-0001", "Rohan Bhattacharya", T.DEEMED_EXPORT)
    assert rohan.answer is REVIEW
    assert rohan.missing == (f"counsel's confirmation that {ROW_3} is {BRENNWALD}",)
    record = _record(library, "EC-2026-0001")
    row = next(r for r in record.decisions.annex_rows if r.row_no == 3)
    assert row.party_id is not None
    assert row.confirmed is None  # the app's suggestion, not counsel's link
    DecisionService(library, "test").link_annex_row(row.id, row.party_id)
    rohan = _one(library, "EC-2026-0001", "Rohan Bhattacharya", T.DEEMED_EXPORT)
    assert rohan.answer is COVERED
    assert rohan.basis == f"letter of 2026-06-26, Annex A row 3 (employee of {BRENNWALD})"


def test_a_copy_away_from_the_annex_a_address_needs_review(sample: Library) -> None:
    kohaku = _one(sample, "EC-2026-0001", "Kohaku Data Systems K.K.", T.EXPORT)
    assert kohaku.answer is REVIEW
    assert _not_passed(kohaku) == ["address"]
    assert len(kohaku.missing) == 1
    assert "Tsukimi Tower 12F" in kohaku.missing[0]


def test_a_license_whose_conditions_are_not_acknowledged_holds_the_release(
    sample: Library,
) -> None:
    cerulean = _one(sample, "EC-2026-0001", "Cerulean Harbor Analytics Pte. Ltd.", T.EXPORT)
    assert cerulean.answer is REVIEW
    assert cerulean.kind == "license"
    assert _not_passed(cerulean) == ["conditions before release"]
    assert cerulean.missing[0].startswith("evidence that condition 3 (“Before the first release")


def test_a_published_base_model_needs_no_license_by_determination(sample: Library) -> None:
    record = _record(sample, "EC-2026-0002")
    rows = coverage_table(MatterFacts.of(record), AS_OF, group_of=groups_of)
    names = {p.id: p.name for p in record.parties}
    items = {i.id: i.name for i in record.items}
    found = next(
        r.coverage
        for r in rows
        if r.activity_id is None
        and names[r.party_id or 0] == "Saltmarsh Health Analytics Ltd"
        and items[r.item_id or 0] == "Larkspur 3 70B model weights"
    )
    assert found.answer is COVERED
    assert found.summary == (
        "covered: no license required: Not subject to the EAR, determination of 2026-08-03"
    )


def test_every_party_row_of_the_letter_matter_has_its_answer(sample: Library) -> None:
    record = _record(sample, "EC-2026-0001")
    answers = matter_coverage(MatterFacts.of(record), AS_OF, group_of=groups_of)
    by_name = {p.name: answers[p.id] for p in record.parties}
    assert [name for name, c in by_name.items() if c.answer is NOT_COVERED] == []
    review = {name for name, c in by_name.items() if c.answer is REVIEW}
    assert {BRENNWALD, "Cerulean Harbor Analytics Pte. Ltd.", "Rohan Bhattacharya"} <= review
    assert by_name["Sato Haruki"].answer is COVERED
    lpr = by_name["Beatriz Nogueira Campos"]
    assert (
        lpr.summary == "covered: no deemed export: not a foreign person (Lawful permanent resident)"
    )
