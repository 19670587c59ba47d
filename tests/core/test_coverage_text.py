"""Coverage answers as terminal text: one readable block per row, typed text made visible."""

from __future__ import annotations

from datetime import date

from desktop_app.cli.textout import record_text
from desktop_app.cli.textout_coverage import coverage_text, party_coverage_lines
from desktop_app.core.coverage_model import Answer, Coverage, Factor, Outcome
from desktop_app.core.coverage_plain import coverage_plain, row_plain
from desktop_app.core.enums import ItemKind, PartyKind, PartyRole, TransactionType
from desktop_app.core.models import Activity, Item, Party

AS_OF = date(2026, 12, 31)
PERSON = Party(1, "Wen Jiahui", PartyRole.FOREIGN_NATIONAL, PartyKind.INDIVIDUAL, "US", id=7)
WEIGHTS = Item(1, "Meridian 5 weights", ItemKind.AI_MODEL_WEIGHTS, "4E091", model_version="5.0.2")
UNDATED = Activity(1, TransactionType.DEEMED_EXPORT, 1, 7, to_country="US", id=4)
REVIEW = Coverage(
    Answer.NEEDS_REVIEW,
    AS_OF,
    "needs review: Wen Jiahui's employment start date",
    "letter of 2026-06-26, Annex A row 3",
    (
        Factor("transaction type", Outcome.PASS, "deemed export is within the letter", "clause 2"),
        Factor(
            "employment",
            Outcome.UNKNOWN,
            "no employment start date is recorded",
            "letter of 2026-06-26: own employees",
            "Wen Jiahui's employment start date",
        ),
    ),
    ("screening of Wen Jiahui is not recorded",),
    2,
    "letter",
)


def test_a_block_says_who_what_when_the_answer_and_why() -> None:
    row = row_plain(PERSON, WEIGHTS, UNDATED, UNDATED.type, REVIEW)
    document = {"matter": "EC-2026-0001", "as_of": "2026-12-31", "rows": [row]}
    assert coverage_text(document) == "\n".join(
        [
            "EC-2026-0001: coverage as of 2026-12-31, 1 answer (1 needs review)",
            "",
            "Wen Jiahui (in US) · Meridian 5 weights (4E091, version 5.0.2) · activity 4: deemed "
            "export to US,",
            "    undated, as of 2026-12-31",
            "  NEEDS REVIEW — letter of 2026-06-26, Annex A row 3",
            "  needs review: Wen Jiahui's employment start date",
            "  Factors:",
            "    pass     transaction type: deemed export is within the letter",
            "             source: clause 2",
            "    unknown  employment: no employment start date is recorded",
            "             source: letter of 2026-06-26: own employees",
            "  Missing:",
            "    - Wen Jiahui's employment start date",
            "  Caveats:",
            "    - screening of Wen Jiahui is not recorded",
        ]
    )


def test_a_not_covered_party_row_puts_its_reason_beside_the_answer() -> None:
    refused = Coverage(
        Answer.NOT_COVERED,
        AS_OF,
        "not covered: license D512847: Wen Jiahui is not a party to the license",
        factors=(Factor("party", Outcome.FAIL, "not a party", "license D512847: parties"),),
    )
    row = row_plain(PERSON, None, None, TransactionType.DEEMED_EXPORT, refused)
    text = coverage_text({"matter": "EC-2026-0001", "as_of": "2026-12-31", "rows": [row]})
    _, _, subject, answer, *_ = text.splitlines()
    assert subject == (
        "Wen Jiahui (in US) · no item · deemed export, asked for the party, as of 2026-12-31"
    )
    assert answer == "  NOT COVERED — license D512847: Wen Jiahui is not a party to the license"
    assert "    fail     party: not a party" in text


def test_what_a_person_typed_cannot_disguise_a_line() -> None:
    sneaky = Party(1, "Wen\u202eJiahui\nX", PartyRole.FOREIGN_NATIONAL, PartyKind.INDIVIDUAL, id=7)
    row = row_plain(sneaky, None, None, TransactionType.DEEMED_EXPORT, REVIEW)
    text = coverage_text({"matter": "EC-2026-0001", "as_of": "2026-12-31", "rows": [row]})
    assert "Wen\\u202eJiahui\\u000aX (country unknown)" in text
    assert "\u202e" not in text


def test_show_prints_each_party_rows_answer_with_its_factors() -> None:
    view = {
        "matter": {"number": "EC-2026-0001", "title": "T", "kind": "", "status": "", "agency": "",
                   "acn": "", "license_number": "", "counsel": "", "opened": ""},
        "parties": [], "items": [], "activities": [], "as_of": "2026-12-31",
        "coverage": [{"party_id": 7, "party": "Wen Jiahui", **coverage_plain(REVIEW)}],
    }  # fmt: skip
    lines = party_coverage_lines(view)
    assert lines[:4] == [
        "",
        "Coverage as of 2026-12-31:",
        "  Wen Jiahui",
        "    NEEDS REVIEW — letter of 2026-06-26, Annex A row 3",
    ]
    assert "      unknown  employment: no employment start date is recorded" in lines
    assert record_text(view).endswith("\n".join(lines))
    assert party_coverage_lines({**view, "coverage": []})[-1] == "  none: the matter has no items"
