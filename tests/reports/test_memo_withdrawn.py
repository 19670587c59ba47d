"""A withdrawn record leaves the memo's body and is listed, with its day and reason, on its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.models import MatterRecord
from desktop_app.reports.memo_data import case_memo
from desktop_app.reports.model import Memo, Section
from desktop_app.reports.render import build
from tests.reports.conftest import EDITIONS, GENERATED_AT, pdf_text

AS_OF = date(2026, 12, 31)
WITHDRAWN_ON = date(2026, 12, 8)


def _memo(record: MatterRecord) -> Memo:
    return case_memo(record, AS_OF, (7, "ab" * 32), GENERATED_AT, None, editions=EDITIONS)


def _section(memo: Memo, title: str) -> Section:
    return next(s for s in memo.sections if s.title.startswith(title))


def _text(section: Section) -> str:
    cells = [c for _caption, table in section.tables for row in table.rows for c in row]
    return " ".join([*section.paragraphs, *cells])


def _withdrawn(record: MatterRecord, number: str) -> MatterRecord:
    """The record with the condition ``number`` (the first so numbered) withdrawn."""
    found = record.decisions
    target = next(c for c in found.conditions if c.number == number)
    conditions = tuple(
        replace(c, withdrawn_on=WITHDRAWN_ON, withdrawn_reason="Recorded twice.")
        if c.id == target.id
        else c
        for c in found.conditions
    )
    return replace(record, decisions=replace(found, conditions=conditions))


def test_a_memo_with_nothing_withdrawn_says_so(sample_record: MatterRecord) -> None:
    section = _section(_memo(sample_record), "Withdrawn records")
    assert section.paragraphs == ("No record on this matter has been withdrawn.",)


def test_a_withdrawn_condition_is_listed_and_left_out_of_the_conditions(
    sample_record: MatterRecord,
) -> None:
    before = _memo(sample_record)
    rider = next(c for c in sample_record.decisions.conditions if c.number == "Rider 1")
    assert "Rider 1" in _text(_section(before, "Conditions as of"))
    memo = _memo(_withdrawn(sample_record, "Rider 1"))
    assert "Rider 1" not in _text(_section(memo, "Conditions as of"))
    listed = dict(_section(memo, "Withdrawn records").tables)[""]
    assert listed.rows == ((f"Condition #{rider.id}: Rider 1", "2026-12-08", "Recorded twice."),)


def test_a_withdrawn_license_is_not_in_the_license_block_and_the_pdf_lists_it(
    sample_record: MatterRecord,
) -> None:
    found = sample_record.decisions
    license_ = replace(
        found.licenses[0], withdrawn_on=WITHDRAWN_ON, withdrawn_reason="Wrong matter."
    )
    record = replace(sample_record, decisions=replace(found, licenses=(license_,)))
    memo = _memo(record)
    assert license_.number not in _text(_section(memo, "License"))
    text = pdf_text(build(memo))
    assert "Withdrawn records" in text
    assert f"License #{license_.id}: {license_.number}" in text
    assert "Wrong matter." in text
