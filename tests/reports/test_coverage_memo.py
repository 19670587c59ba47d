"""The memo's coverage: each party row and activity answered, with its day, basis, factors, gaps.

The data is checked exactly on answers built by hand; the sample matter's section is checked
against the engine itself; the PDF is read back with pdftotext (words, and where they sit).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.coverage import MatterFacts, activity_coverage, matter_coverage
from desktop_app.core.coverage_model import Answer, Coverage, Factor, Outcome
from desktop_app.core.coverage_plain import row_plain
from desktop_app.core.coverage_rules import PART_744_CAVEAT
from desktop_app.core.enums import (
    ItemKind,
    PartyKind,
    PartyRole,
    TransactionType,
)
from desktop_app.core.models import Activity, Item, MatterRecord, Party
from desktop_app.reference.country_groups import groups_of
from desktop_app.reports.coverage_data import finding
from desktop_app.reports.memo_data import case_memo
from desktop_app.reports.model import Finding, Header, Memo, Section, Table
from desktop_app.reports.render import LEFT, RIGHT, build
from tests.reports.conftest import EDITIONS, GENERATED_AT, squeezed

AS_OF = date(2026, 12, 31)
PERSON = Party(
    1, "Wen <b>Jiahui</b> & Co", PartyRole.FOREIGN_NATIONAL, PartyKind.INDIVIDUAL, "US", id=7
)
WEIGHTS = Item(1, "Meridian 5 weights", ItemKind.AI_MODEL_WEIGHTS, "4E091", model_version="5.0.2")
UNDATED = Activity(1, TransactionType.DEEMED_EXPORT, 3, 7, to_country="US", id=4)
LONG_SOURCE = "letter of 2026-06-26, Annex A row 3: " + "x" * 160
NEEDS_REVIEW = Coverage(
    Answer.NEEDS_REVIEW,
    AS_OF,
    "needs review: Wen's employment start date",
    "letter of 2026-06-26, Annex A row 3",
    (
        Factor("transaction type", Outcome.PASS, "deemed export is within the letter", "clause 2"),
        Factor(
            "employment",
            Outcome.UNKNOWN,
            "no employment start date is recorded",
            LONG_SOURCE,
            "Wen's employment start date",
        ),
        Factor("Part 746 embargoes", Outcome.FAIL, "a national of Cuba", "15 CFR 746.2(a)"),
    ),
    ("screening is not recorded",),
    2,
    "letter",
)


def test_an_undated_activity_prints_its_answer_day_basis_factors_and_gaps() -> None:
    row = row_plain(PERSON, WEIGHTS, UNDATED, UNDATED.type, NEEDS_REVIEW)
    assert finding(row) == Finding(
        subject="Wen <b>Jiahui</b> & Co (in US) · Meridian 5 weights (4E091, version 5.0.2)"
        " · activity 4: deemed export to US",
        answer=Answer.NEEDS_REVIEW,
        as_of="As of 2026-12-31 (the activity is undated)",
        basis="letter of 2026-06-26, Annex A row 3",
        summary="needs review: Wen's employment start date",
        factors=Table(
            ("Dimension", "Result", "Detail", "Source"),
            (
                ("transaction type", "Pass", "deemed export is within the letter", "clause 2"),
                ("employment", "Unknown", "no employment start date is recorded", LONG_SOURCE),
                ("Part 746 embargoes", "Fail", "a national of Cuba", "15 CFR 746.2(a)"),
            ),
            (1.45, 1.0, 3.3, 3.25),
            empty="No factors recorded.",
            bold=((1, 1), (2, 1)),
        ),
        missing=("Wen's employment start date",),
        caveats=("screening is not recorded",),
    )


def test_a_dated_party_row_says_which_question_it_answers() -> None:
    covered = Coverage(Answer.COVERED, date(2026, 7, 1), "covered: no export", "no export")
    dated = Activity(1, TransactionType.EXPORT, 1, 7, on=date(2026, 7, 1), id=5)
    party = finding(row_plain(PERSON, None, None, TransactionType.DEEMED_EXPORT, covered))
    assert party.subject.endswith("· no item · deemed export, asked for the party")
    assert party.as_of == "As of 2026-07-01"
    assert party.summary == ""  # "covered: no export" says only what label and basis say
    assert party.factors.rows == ()
    activity = finding(row_plain(PERSON, WEIGHTS, dated, dated.type, covered))
    assert activity.as_of == "As of 2026-07-01, the activity's date (planned)"
    assert activity.subject.endswith("· activity 5: export")


def test_the_section_answers_every_party_and_every_activity(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    memo = case_memo(sample_record, AS_OF, audit_head, GENERATED_AT, groups_of, editions=EDITIONS)
    section = next(s for s in memo.sections if s.title == "Activities and their coverage")
    (party_caption, parties), (activity_caption, activities) = section.findings
    assert party_caption == "Coverage of each party as of 2026-12-31"
    assert activity_caption == "Coverage of each activity"
    facts = MatterFacts.of(sample_record)
    expected = matter_coverage(facts, AS_OF, group_of=groups_of)
    assert [(f.answer, f.basis) for f in parties] == [
        (expected[p.id].answer, expected[p.id].basis) for p in sample_record.parties
    ]
    assert [f.caveats for f in parties] == [
        tuple(c for c in expected[p.id].caveats if c != PART_744_CAVEAT)
        for p in sample_record.parties
    ]
    assert all(PART_744_CAVEAT in a.caveats for a in expected.values() if a.covered)
    assert [PART_744_CAVEAT in text for text in section.paragraphs] == [True]
    answers = [
        activity_coverage(a, facts, as_of=AS_OF, group_of=groups_of)
        for a in sample_record.activities
    ]
    assert [f.answer for f in activities] == [a.answer for a in answers]
    assert [len(f.factors.rows) for f in activities] == [len(a.factors) for a in answers]
    assert [f.missing for f in activities] == [a.missing for a in answers]
    for activity, printed in zip(sample_record.activities, activities, strict=True):
        assert f"activity {activity.id}: " in printed.subject
    table = section.tables[0][1]
    assert [row[0] for row in table.rows] == [str(a.id) for a in sample_record.activities]


def _findings_memo() -> Memo:
    dated = Activity(1, TransactionType.EXPORT, 1, 7, on=date(2026, 7, 1), id=5)
    covered = Coverage(
        Answer.COVERED,
        date(2026, 7, 1),
        "covered: no export",
        "no export: nothing leaves the United States",
        (Factor("destination", Outcome.PASS, "in the United States", "15 CFR 734.13(a)(1)"),),
        ("Part 744 is not decided by the app",),
    )
    refused = Coverage(
        Answer.NOT_COVERED,
        AS_OF,
        "not covered: license D512847: not a party",
        factors=(Factor("party", Outcome.FAIL, "not a party", "license D512847"),),
    )
    rows = (
        row_plain(PERSON, WEIGHTS, dated, dated.type, covered),
        row_plain(PERSON, WEIGHTS, None, TransactionType.EXPORT, refused),
        row_plain(PERSON, WEIGHTS, UNDATED, UNDATED.type, NEEDS_REVIEW),
    )
    section = Section("Coverage", findings=(("Answers", tuple(finding(r) for r in rows)),))
    header = Header("File", "Counsel", "—", "2026-12-31", "Coverage", "EC-2026-0001")
    return Memo("Coverage", "Coverage", "Counsel", header, "Legend", (section,))


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)"')


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_pdf_prints_three_distinct_answers_within_the_margins(
    tmp_path: Path, paper: str
) -> None:
    out = tmp_path / "coverage.pdf"
    out.write_bytes(build(_findings_memo(), invariant=True, paper=paper))
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for label in ("✓ COVERED", "✗ NOT COVERED", "? NEEDS REVIEW"):
        assert text.count(label) == 1
    flat = squeezed(text)
    assert squeezed("Wen <b>Jiahui</b> & Co (in US)") in flat  # typed markup prints as typed
    assert squeezed("As of 2026-07-01, the activity's date (planned)") in flat
    assert squeezed("Basis: letter of 2026-06-26, Annex A row 3") in flat
    assert squeezed(LONG_SOURCE) in flat  # wrapped inside its column, never cut
    assert squeezed("Missing facts: • Wen's employment start date") in flat
    assert squeezed("Caveats: • screening is not recorded") in flat
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    width = float(_PAGE.findall(boxes)[0])
    words = [(float(x0), float(x1)) for x0, x1, _w in _WORD.findall(boxes)]
    assert min(x0 for x0, _ in words) >= LEFT - 1
    assert max(x1 for _, x1 in words) <= width - RIGHT + 1
