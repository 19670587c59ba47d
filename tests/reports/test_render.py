"""The rendered PDF: it reopens, says everything, embeds its fonts and is reproducible."""

from __future__ import annotations

import io
import json
import re
import socket
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from desktop_app.core.models import MatterRecord, Note
from desktop_app.reports.memo_data import case_memo
from desktop_app.reports.model import DEFAULT_LEGEND
from desktop_app.reports.render import build
from tests.conftest import BLNS_PATH
from tests.reports.conftest import EDITIONS, GENERATED_AT, pdf_text, squeezed

AS_OF = date(2026, 12, 31)
BASE14 = {
    "Courier", "Helvetica", "Times-Roman", "Symbol", "ZapfDingbats", "Times-Bold",
    "Helvetica-Bold", "Courier-Bold", "Times-Italic", "Helvetica-Oblique",
}  # fmt: skip
PAYLOADS = (
    '<font color="[[[">x</font>',
    '<img src="file:///etc/passwd"/>',
    '<img src="http://127.0.0.1:9/"/>',
    '<a href="javascript:alert(1)">a</a>',
    "S&P 500",
    "a < b",
    "fish & chips",
    "<b>not bold</b>",
)


def _pdf(record: MatterRecord, head: tuple[int, str], kind: str = "case") -> bytes:
    memo = case_memo(record, AS_OF, head, GENERATED_AT, None, editions=EDITIONS, kind=kind)
    return build(memo, invariant=True)


def _with(
    record: MatterRecord, title: str, party: str, notes: tuple[str, ...] = ()
) -> MatterRecord:
    first, *rest = record.parties
    return replace(
        record,
        matter=replace(record.matter, title=title),
        parties=(replace(first, name=party), *rest),
        notes=tuple(Note(record.matter.id, text, "test", "2026-12-01") for text in notes),
    )


def test_sample_memo_says_everything(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    pdf = _pdf(sample_record, audit_head)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    text = pdf_text(pdf)
    flat = squeezed(text)
    assert squeezed(DEFAULT_LEGEND) in flat
    assert "Page 1 of" in text
    assert f"Page{pages}of{pages}" in flat  # pypdf puts the total (a form) on its own line
    assert text.count(DEFAULT_LEGEND) >= pages  # the legend is on every page
    for condition in sample_record.decisions.conditions:
        assert squeezed(condition.text) in flat
    for document in sample_record.documents:
        assert document.sha256 in text  # a whole hash on one line, never wrapped


def test_metadata_and_outline(sample_record: MatterRecord, audit_head: tuple[int, str]) -> None:
    reader = PdfReader(io.BytesIO(_pdf(sample_record, audit_head)))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "EC-2026-0001 — Memorandum to file"
    assert meta.subject == sample_record.matter.title
    assert meta.author == sample_record.matter.counsel
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles[0] == "1. Summary"
    assert titles[-1] == "17. Audit-chain head"
    assert len(titles) == 17


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    found: list[DictionaryObject] = []

    def walk(resources: DictionaryObject) -> None:
        for ref in resources.get("/Font", {}).values():
            found.append(cast(DictionaryObject, ref.get_object()))
        for ref in resources.get("/XObject", {}).values():
            xobject = cast(DictionaryObject, ref.get_object())
            if "/Resources" in xobject:
                walk(cast(DictionaryObject, xobject["/Resources"].get_object()))

    for page in reader.pages:
        walk(cast(DictionaryObject, page["/Resources"].get_object()))
    return found


def test_every_font_is_embedded(sample_record: MatterRecord, audit_head: tuple[int, str]) -> None:
    record = _with(sample_record, "Export of 模型 weights", "株式会社テスト Łódź Đakovo")
    pdf = _pdf(record, audit_head)
    fonts = _fonts(PdfReader(io.BytesIO(pdf)))
    names = {str(f["/BaseFont"]).split("+")[-1] for f in fonts}
    assert names == {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono",
        "WenQuanYiMicroHei-0",
    }  # fmt: skip
    assert not names & BASE14
    for font in fonts:
        assert "/FontFile2" in cast(DictionaryObject, font["/FontDescriptor"].get_object())
    flat = squeezed(pdf_text(pdf))
    assert squeezed("株式会社テスト") in flat
    assert "Łódź" in flat


def test_same_input_same_bytes(sample_record: MatterRecord, audit_head: tuple[int, str]) -> None:
    assert _pdf(sample_record, audit_head) == _pdf(sample_record, audit_head)
    conditions = _pdf(sample_record, audit_head, "conditions")
    assert conditions == _pdf(sample_record, audit_head, "conditions")
    assert "Page 1 of" in pdf_text(conditions)


def test_markup_is_printed_never_interpreted(
    sample_record: MatterRecord,
    audit_head: tuple[int, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the memo build tried to connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    title = " ".join(PAYLOADS)
    record = _with(sample_record, title, PAYLOADS[0], PAYLOADS)
    pdf = _pdf(record, audit_head)
    flat = squeezed(pdf_text(pdf))
    for payload in PAYLOADS:
        assert squeezed(payload) in flat
    assert PdfReader(io.BytesIO(pdf)).metadata.title.endswith("Memorandum to file")  # type: ignore[union-attr]


@pytest.mark.exhaustive
def test_every_naughty_string_prints(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    strings: list[str] = json.loads(Path(BLNS_PATH).read_text(encoding="utf-8"))
    extra = ["\x00NUL", "CR\rLF\nCRLF\r\n", "\ud800", "\u202eevil", "👨‍👩‍👧", "x" * 10_000]
    naughty = [*strings, *extra]
    record = _with(sample_record, naughty[5], naughty[6], tuple(naughty))
    record = replace(record, matter=replace(record.matter, summary="\n".join(strings)))
    pdf = _pdf(record, audit_head)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    flat = squeezed(pdf_text(pdf))
    literal = [s for s in strings if re.fullmatch(r"[ -~]+", s) and ("<" in s or "&" in s)]
    assert literal
    for s in literal:
        assert squeezed(s) in flat


def test_a_megabyte_summary_paginates(
    sample_record: MatterRecord, audit_head: tuple[int, str]
) -> None:
    words = " ".join(f"word{i % 1000:03d}" for i in range(130_000))
    summary = (words + " ")[: 1 << 20]
    record = replace(sample_record, matter=replace(sample_record.matter, summary=summary))
    memo = case_memo(record, AS_OF, audit_head, GENERATED_AT, None, editions=EDITIONS)
    reader = PdfReader(io.BytesIO(build(memo, invariant=True)))
    pages = len(reader.pages)
    assert pages > 100
    assert f"Page{pages}of{pages}" in squeezed(reader.pages[-1].extract_text())
