"""Escaping user text for reportlab paragraphs (no reportlab needed)."""

from __future__ import annotations

from desktop_app.reports.escape import CHUNK, chunks, has_cjk, paragraph_text


def test_markup_is_escaped_and_controls_made_visible() -> None:
    assert paragraph_text('<img src="x"/> S&P') == '&lt;img src="x"/&gt; S&amp;P'
    assert paragraph_text("a\x00b\u202ec") == "a\\u0000b\\u202ec"
    assert paragraph_text("one\r\ntwo\rthree\nfour") == "one<br/>two<br/>three<br/>four"


def test_only_cjk_runs_get_the_cjk_face() -> None:
    assert has_cjk("株式会社")
    assert not has_cjk("Łódź")
    assert paragraph_text("<b>株式会社</b> x", "CJK") == (
        '&lt;b&gt;<font face="CJK">株式会社</font>&lt;/b&gt; x'
    )


def test_long_text_is_cut_into_paragraphs_without_losing_a_character() -> None:
    text = ("word " * 2000) + "y" * (CHUNK * 2 + 5)
    pieces = chunks(text)
    assert "".join(pieces) == text
    assert all(len(p) <= CHUNK for p in pieces)
