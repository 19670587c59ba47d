"""Counsel's draft in the memo: header, legends, written sections, safe markup, paper, progress."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from desktop_app.core.markup import Block, Run, parse
from desktop_app.core.memos import MemoDraft, MemoService, Paper, new_draft
from desktop_app.core.models import MatterRecord
from desktop_app.reports.make import matter_memo_pdf
from desktop_app.reports.memo_data import NOT_WRITTEN, case_memo
from desktop_app.reports.model import Header, Memo
from desktop_app.reports.render import build
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from tests.reports.conftest import EDITIONS, GENERATED_AT, SAMPLE, pdf_text, squeezed

AS_OF = date(2026, 12, 31)
RICH = "Plain, **bold words** and *slanted words*; typed <b>tags</b> & S&P 500 stay text."


def _draft(record: MatterRecord, **changes: str) -> MemoDraft:
    return replace(new_draft(record.matter), **changes)  # type: ignore[arg-type]


def _memo(record: MatterRecord, draft: MemoDraft) -> Memo:
    return case_memo(
        record, AS_OF, (1, "ab" * 32), GENERATED_AT, None, editions=EDITIONS, draft=draft
    )


def _section(memo: Memo, title: str) -> tuple[tuple[str, tuple[Block, ...]], ...]:
    return next(s.writing for s in memo.sections if s.title == title)


def test_the_draft_sets_the_header_and_legends(sample_record: MatterRecord) -> None:
    draft = _draft(
        sample_record,
        to="General Counsel",
        sender="Export Counsel",
        cc="Compliance Committee",
        re="Deemed exports",
        legend="Attorney work product",
        marking="Contains EAR-controlled technical data: ECCN 4E091",
    )
    memo = _memo(sample_record, draft)
    assert memo.header == Header(
        to="General Counsel",
        sender="Export Counsel",
        cc="Compliance Committee",
        date="2026-12-31",
        re="Deemed exports",
        matter_number=SAMPLE,
    )
    assert (memo.legend, memo.marking) == ("Attorney work product", draft.marking)


def test_written_sections_carry_parsed_text_and_say_when_unwritten(
    sample_record: MatterRecord,
) -> None:
    memo = _memo(sample_record, _draft(sample_record, facts=RICH, recommendation="- file it"))
    unwritten = (Block((Run(NOT_WRITTEN, italic=True),)),)
    assert _section(memo, "Facts") == (("", parse(RICH)),)
    assert _section(memo, "Analysis and recommendation") == (
        ("Analysis", unwritten),
        ("Recommendation", (Block((Run("file it"),), bullet=True),)),
    )
    assert _section(memo, "Open questions") == (("", unwritten),)


def test_markup_prints_as_formatting_and_typed_tags_print_literally(
    sample_record: MatterRecord,
) -> None:
    draft = _draft(sample_record, facts=RICH, open_questions="- first\n- second")
    text = pdf_text(build(_memo(sample_record, draft), invariant=True))
    assert squeezed("Plain, bold words and slanted words; typed <b>tags</b> & S&P 500") in (
        squeezed(text)
    )
    assert "**" not in text
    assert squeezed("• first") in squeezed(text)


def test_a4_pages_and_progress(sample_record: MatterRecord) -> None:
    heard: list[tuple[int, int]] = []
    memo = _memo(sample_record, _draft(sample_record))
    pdf = build(memo, invariant=True, paper="a4", progress=lambda d, t: heard.append((d, t)))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert heard
    assert heard[-1][0] == heard[-1][1]
    assert [d for d, _ in heard] == sorted(d for d, _ in heard)


def test_a_megabyte_of_facts_paginates(sample_record: MatterRecord) -> None:
    words = " ".join(f"w{i:06d}" for i in range(125_000))
    pdf = build(_memo(sample_record, _draft(sample_record, facts=f"**{words}**")), True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 100
    text = "".join(page.extract_text() for page in reader.pages)
    assert "w000000" in text
    assert "w124999" in text


def test_the_library_memo_uses_the_chosen_version_and_paper(sample_library: Library) -> None:
    db = sample_library.db
    matter = queries.matter_by_number(db, SAMPLE)
    memos = MemoService(sample_library, "counsel")
    first = memos.save_draft(replace(new_draft(matter), facts="First version of the facts."))
    memos.save_draft(replace(new_draft(matter), facts="Second version of the facts."))
    memos.set_paper(Paper.A4)
    try:
        _, latest = matter_memo_pdf(sample_library.reads, SAMPLE, AS_OF, invariant=True)
        _, older = matter_memo_pdf(
            sample_library.reads, SAMPLE, AS_OF, invariant=True, version=first.version
        )
    finally:
        memos.set_paper(Paper.LETTER)
    assert "Second version of the facts." in pdf_text(latest)
    assert "First version of the facts." in pdf_text(older)
    assert round(float(PdfReader(io.BytesIO(latest)).pages[0].mediabox.width)) == 595


def test_a_condition_longer_than_a_page_continues_overleaf(sample_record: MatterRecord) -> None:
    first, *rest = sample_record.decisions.conditions
    # Three pages' worth: reportlab re-wraps a split cell at every page, so more costs minutes.
    words = " ".join(f"c{i:05d}" for i in range(4_000))
    decisions = replace(sample_record.decisions, conditions=(replace(first, text=words), *rest))
    record = replace(sample_record, decisions=decisions)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(build(
        _memo(record, _draft(record)), invariant=True))).pages]  # fmt: skip
    holding = [n for n, page in enumerate(pages) if re.search(r"\bc0\d{4}\b", page)]
    assert "c00000" in pages[holding[0]]
    assert "c03999" in pages[holding[-1]]
    assert len(holding) >= 3  # the one condition runs over more than two pages
