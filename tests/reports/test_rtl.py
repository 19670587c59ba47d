"""Right-to-left text: reordered line by line into visual order, shaped, escaped, right-aligned."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from desktop_app.reports.fonts import SANS
from desktop_app.reports.model import Header, Memo, Section, Table
from desktop_app.reports.render import build
from desktop_app.reports.rtl import has_rtl, needs_shaping, starts_rtl, visual_lines
from desktop_app.reports.styles import BODY, para

HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
MIXED = "The licensee שלום עולם signed on 2026-01-05."
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</word>')


def _lines(text: str, width: float | None = None) -> list[str]:
    return visual_lines(
        text, SANS, 9.5, width, right_to_left=starts_rtl(text), shaped=needs_shaping(text)
    )


def test_detection() -> None:
    assert has_rtl(HEBREW)
    assert has_rtl(ARABIC)
    assert not has_rtl("Łódź 株式会社")
    assert starts_rtl(HEBREW)
    assert not starts_rtl(MIXED)
    assert needs_shaping(ARABIC)
    assert not needs_shaping(HEBREW)


def test_hebrew_is_put_in_visual_order_and_english_keeps_its_order() -> None:
    assert _lines(HEBREW) == ["םלוע םולש"]
    assert _lines(MIXED) == ["The licensee םלוע םולש signed on 2026-01-05."]
    assert _lines("אבג (דה) 12") == ["12 (הד) גבא"]  # brackets mirrored (rule L4)


def test_lines_are_broken_in_logical_order_before_reordering() -> None:
    text = " ".join(["אחת", "שתיים", "שלוש", "ארבע"] * 10)
    lines = _lines(text, 120)
    assert len(lines) > 1
    logical = [" ".join(word[::-1] for word in reversed(line.split(" "))) for line in lines]
    assert " ".join(logical) == text  # nothing lost, first line holds the first words


def test_arabic_words_go_to_harfbuzz_in_logical_letter_order() -> None:
    # reportlab's shaping reverses each right-to-left word itself, so the words are in visual
    # order while each word's letters stay in typed order (so the letters can join)
    assert _lines(ARABIC) == ["بالعالم مرحبا"]


def test_markup_typed_in_rtl_text_stays_literal() -> None:
    paragraph = para("<b>שלום</b> & <img src=x/>", BODY, 400)
    assert "&lt;b&gt;" in paragraph.text
    assert "<b>" not in paragraph.text
    assert "<img" not in paragraph.text


def _memo(*paragraphs: str, table: Table | None = None) -> Memo:
    tables = (("", table),) if table else ()
    return Memo(
        title="RTL",
        subject="RTL",
        author="Counsel",
        header=Header("File", "Counsel", "—", "2026-12-31", "Right to left", "EC-2026-0001"),
        legend="Legend",
        sections=(Section("Text", paragraphs, tables),),
    )


def _words(pdf: Path) -> list[tuple[float, float, float, str]]:
    done = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return [
        (float(y), float(x0), float(x1), unicodedata.normalize("NFKC", _unescape(w)))
        for x0, y, x1, w in _WORD.findall(done.stdout)
    ]


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _visual_line(words: list[tuple[float, float, float, str]], first: str) -> list[str]:
    """The words on the line holding ``first``, left to right as printed."""
    y = next(w[0] for w in words if w[3] == first)
    return [w[3] for w in sorted((w for w in words if abs(w[0] - y) < 1), key=lambda w: w[1])]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdf_prints_hebrew_and_arabic_in_visual_order(tmp_path: Path) -> None:
    out = tmp_path / "rtl.pdf"
    cjk = "株式会社 שלום"
    out.write_bytes(build(_memo(HEBREW, ARABIC, MIXED, "<b>שלום</b>", cjk), invariant=True))
    words = _words(out)
    # pdftotext -bbox lists each word's glyphs left to right, as printed
    assert _visual_line(words, "םלוע") == ["םלוע", "םולש"]
    assert _visual_line(words, "ملاعلاب") == ["ملاعلاب", "ابحرم"]
    assert _visual_line(words, "licensee") == [
        "The", "licensee", "םלוע", "םולש", "signed", "on", "2026-01-05.",
    ]  # fmt: skip
    assert _visual_line(words, "<b>םולש</b>") == ["<b>םולש</b>"]
    assert _visual_line(words, "株式会社") == ["株式会社", "םולש"]
    # the paragraphs that start right to left are set flush right
    right = max(w[2] for w in words)
    assert next(w[2] for w in words if w[3] == "םולש") == pytest.approx(right, abs=1)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_arabic_letters_are_joined(tmp_path: Path) -> None:
    out = tmp_path / "ar.pdf"
    out.write_bytes(build(_memo(ARABIC), invariant=True))
    raw = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    # initial, medial and final forms (Arabic Presentation Forms-B), not the isolated letters
    assert "\ufee3" in raw  # meem, initial form
    assert "\ufee2" in raw  # meem, final form


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_rtl_table_cells_wrap_at_the_column_width(tmp_path: Path) -> None:
    long = " ".join(["תנאי", "הרישיון", "מחייב", "דיווח"] * 12)
    table = Table(("No.", "Condition"), (("1", long),), (1, 4))
    out = tmp_path / "table.pdf"
    out.write_bytes(build(_memo(table=table), invariant=True))
    lines = {round(w[0]) for w in _words(out) if has_rtl(w[3])}
    assert len(lines) > 2
