"""The memo's data, assembled exactly for the sample matter (no reportlab involved)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.enums import Privilege
from desktop_app.core.models import MatterRecord, MatterSummary
from desktop_app.core.present_decisions import conditions_view
from desktop_app.reports.docket_data import docket_report
from desktop_app.reports.memo_data import case_memo, legend_of
from desktop_app.reports.model import DEFAULT_LEGEND, Header, Memo
from tests.reports.conftest import EDITIONS, GENERATED_AT

AS_OF = date(2026, 12, 31)
SECTIONS = [
    "Summary",
    "Facts",
    "Parties and items",
    "Activities and their coverage",
    "Chronology of correspondence",
    "Determinations",
    "Licenses",
    "Authorization letters and Annex A",
    "BIS processing clock",
    "Restricted-party screening",
    "Conditions as of 2026-12-31",
    "Withdrawn records",
    "Analysis and recommendation",
    "Open questions",
    "Index of attachments",
    "Reference data relied on",
    "Audit-chain head",
]


def _memo(record: MatterRecord, head: tuple[int, str], kind: str = "case") -> Memo:
    return case_memo(record, AS_OF, head, GENERATED_AT, None, editions=EDITIONS, kind=kind)


def test_header_legend_and_sections(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    memo = _memo(sample_record, audit_head)
    matter = sample_record.matter
    assert memo.header == Header(
        to="File",
        sender=matter.counsel,
        cc="—",
        date="2026-12-31",
        re=matter.title,
        matter_number="EC-2026-0001",
    )
    assert memo.legend == DEFAULT_LEGEND
    assert memo.title == "EC-2026-0001 — Memorandum to file"
    assert [s.title for s in memo.sections] == SECTIONS
    seq, digest = audit_head
    assert memo.sections[-1].paragraphs == (
        f"Audit entry {seq}, hash {digest}.",
        f"Generated {GENERATED_AT}.",
    )
    assert memo.sections[-2].paragraphs == (
        "Commerce Control List: eCFR 2026-11-01",
        "Country Groups: eCFR 2026-11-01",
    )


def test_attachments_and_chronology_carry_every_full_hash(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    memo = _memo(sample_record, audit_head)
    by_title = {s.title: s for s in memo.sections}
    index = by_title["Index of attachments"].tables[0][1]
    assert index.rows == tuple(
        (str(d.id), d.filename, f"{d.size:,}", d.sha256) for d in sample_record.documents
    )
    chronology = by_title["Chronology of correspondence"].tables[0][1]
    assert sorted(chronology.details) == sorted(
        f"SHA-256 {d.sha256}" for d in sample_record.documents
    )
    assert len(chronology.rows) == len(sample_record.documents)


def test_conditions_with_status_owner_and_next_due(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    memo = _memo(sample_record, audit_head)
    table = next(s for s in memo.sections if s.title.startswith("Conditions")).tables[0][1]
    conditions = sample_record.decisions.conditions
    assert list(table.details) == [c.text for c in conditions]
    assert table.details_are_text
    assert [row[3] for row in table.rows] == [c.owner or "—" for c in conditions]
    views = conditions_view(sample_record, AS_OF)
    assert [row[4] for row in table.rows] == [v["next_due"] or "—" for v in views]
    assert [row[5] for row in table.rows] == [v["standing"].replace("_", " ") for v in views]
    sources = {x.id: f"License {x.number}" for x in sample_record.decisions.licenses}
    by_letter = {x.id: f"Letter {x.reference}" for x in sample_record.decisions.letters}
    assert [row[1] for row in table.rows] == [
        sources.get(c.license_id or 0) or by_letter.get(c.letter_id or 0, "—") for c in conditions
    ]


def test_conditions_kind_keeps_only_conditions_and_audit(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    memo = _memo(sample_record, audit_head, "conditions")
    assert [s.title for s in memo.sections] == ["Conditions as of 2026-12-31", "Audit-chain head"]
    assert memo.header.re.endswith("— conditions status report")
    with pytest.raises(ValueError, match="unknown memo kind"):
        _memo(sample_record, audit_head, "gossip")


@pytest.mark.parametrize(
    ("privilege", "legend"),
    [
        (Privilege.AC_WP, DEFAULT_LEGEND),
        (Privilege.WORK_PRODUCT, "Privileged — Attorney Work Product"),
        (Privilege.NONE, ""),
    ],
)
def test_legend_follows_the_matter(
    sample_record: MatterRecord, privilege: Privilege, legend: str
) -> None:
    assert legend_of(replace(sample_record.matter, privilege=privilege)) == legend


def test_docket_report_lists_every_matter(sample_record: MatterRecord) -> None:
    summary = MatterSummary(sample_record.matter, party_count=1, item_count=1)
    report = docket_report([summary], AS_OF, (7, "ab" * 32), GENERATED_AT)
    rows = report.sections[0].tables[0][1].rows
    assert rows == (
        (
            "EC-2026-0001",
            sample_record.matter.title,
            sample_record.matter.kind.label,
            sample_record.matter.status.label,
            sample_record.matter.counsel,
            "—",
        ),
    )
    assert report.sections[1].paragraphs[0] == f"Audit entry 7, hash {'ab' * 32}."
