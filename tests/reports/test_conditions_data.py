"""The all-matters conditions report: exact data, and the PDF that says it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.present_decisions import decisions_view
from desktop_app.reports.conditions_data import LEGEND, conditions_report
from desktop_app.reports.make_conditions import conditions_pdf
from desktop_app.reports.model import Section, Table
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from tests.reports.conftest import GENERATED_AT, pdf_text, squeezed

AS_OF = date(2026, 12, 31)


def test_one_section_per_matter_with_every_condition(sample_library: Library) -> None:
    db = sample_library.db
    records = [queries.matter_record(db, s.matter) for s in queries.docket(db)]
    head = queries.audit_head(db)
    memo = conditions_report(records, AS_OF, head, GENERATED_AT)
    assert memo.heading == "CONDITIONS STATUS REPORT"
    assert memo.legend == LEGEND
    assert memo.header.date == "2026-12-31"
    total = sum(len(r.decisions.conditions) for r in records)
    assert (
        memo.header.re
        == f"Conditions as of 2026-12-31 ({len(records)} matters, {total} conditions)"
    )
    *matters, audit = memo.sections
    assert [s.title for s in matters] == [f"{r.matter.number} — {r.matter.title}" for r in records]
    assert audit == Section(
        "Audit-chain head",
        (f"Audit entry {head[0]}, hash {head[1]}.", f"Generated {GENERATED_AT}."),
    )
    for record, section in zip(records, matters, strict=True):
        ((caption, table),) = section.tables
        assert caption == ""
        assert table.columns == ("No.", "Imposed by", "Status", "Owner", "Next due", "Standing")
        view = decisions_view(record, AS_OF, None)["conditions"]
        assert table.details == tuple(str(c["text"]) for c in view)
        sources = [row[1] for row in table.rows]
        assert all(s.startswith(("License ", "Letter ")) or s == "—" for s in sources)
        assert table.rows == tuple(
            (
                str(c["number"] or "—"),
                source,
                str(c["status"]).replace("_", " ").capitalize(),
                str(c["owner"] or "—"),
                str(c["next_due"] or "—"),
                str(c["standing"]).replace("_", " "),
            )
            for c, source in zip(view, sources, strict=True)
        )
    assert total > 0  # the sample has conditions to report


def test_an_empty_library_says_so() -> None:
    memo = conditions_report([], AS_OF, (0, ""), GENERATED_AT)
    assert memo.sections[0] == Section("Matters", ("No matters.",))
    assert memo.sections[1].paragraphs[0] == "Audit entry 0, hash —."
    assert memo.header.re == "Conditions as of 2026-12-31 (0 matters, 0 conditions)"


def test_a_matter_without_conditions_gets_the_none_line(sample_library: Library) -> None:
    db = sample_library.db
    record = queries.matter_record(db, queries.docket(db)[0].matter)
    bare = replace(record, decisions=replace(record.decisions, conditions=()))
    table = conditions_report([bare], AS_OF, (0, ""), GENERATED_AT).sections[0].tables[0][1]
    assert isinstance(table, Table)
    assert table.rows == ()


def test_pdf_names_every_condition_of_every_matter(sample_library: Library) -> None:
    db = sample_library.db
    pdf = conditions_pdf(sample_library.reads, AS_OF, invariant=True)
    assert pdf.startswith(b"%PDF-")
    flat = squeezed(pdf_text(pdf))
    for summary in queries.docket(db):
        record = queries.matter_record(db, summary.matter)
        assert summary.matter.number in flat
        for condition in record.decisions.conditions:
            assert squeezed(condition.text) in flat
