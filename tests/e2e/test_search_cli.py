"""`compliance-desk search`, run for real on words that live only inside imported files."""

from __future__ import annotations

import io
import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop_app.assets import read_bytes
from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e


_run = run_in


def _letter_pdf(path: Path) -> None:
    pdfmetrics.registerFont(TTFont("CJKTest", io.BytesIO(read_bytes("fonts/wqy-microhei.ttc"))))
    canvas = Canvas(str(path), invariant=1)
    canvas.setFont("CJKTest", 12)
    canvas.drawString(72, 720, "Illustrative letter: the quillwort cluster stays in Osaka.")
    canvas.drawString(72, 700, "宛先 株式会社テスト研究所")
    canvas.save()


def _email(path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Outside Counsel <counsel@example.com>"
    message["To"] = "legal@example.com"
    message["Subject"] = "Annex A follow-up"
    message["Date"] = "Tue, 07 Jul 2026 09:30:00 +0000"
    message.set_content("Illustrative test email. The zephyrine mirror is not in Annex A.")
    path.write_bytes(bytes(message))


def _search(tmp_path: Path, *args: str) -> list[dict[str, object]]:
    done = _run(tmp_path, "search", *args, "--json")
    assert done.returncode == 0, done.stderr
    hits: list[dict[str, object]] = json.loads(done.stdout)
    return hits


def test_words_inside_imported_files_are_found_with_matter_and_document(tmp_path: Path) -> None:
    _letter_pdf(tmp_path / "letter.pdf")
    _email(tmp_path / "follow-up.eml")
    given_sample(tmp_path / "data")
    imported = _run(tmp_path, "import", "EC-2026-0003", "letter.pdf", "follow-up.eml", "--json")
    assert imported.returncode == 0, imported.stderr
    ids = {Path(o["path"]).name: o["document_id"] for o in json.loads(imported.stdout)}

    for word, label in (("quillwort", "letter.pdf"), ("zephyrine", "follow-up.eml"),
                        ("会社テスト", "letter.pdf"), ("研究", "letter.pdf")):  # fmt: skip
        hits = _search(tmp_path, word)
        assert [(h["matter_number"], h["kind"], h["entity_id"]) for h in hits] == [
            ("EC-2026-0003", "document", ids[label])
        ], word
        snippet, spans = str(hits[0]["snippet"]), hits[0]["spans"]
        assert isinstance(spans, list)
        assert [snippet[a:b] for a, b in spans] == [word]

    for odd in ('"unbalanced', "NEAR(", "AND OR NOT"):
        assert _run(tmp_path, "search", odd).returncode == 0, odd
    for nothing in ("", "-", "*", "(", "'"):  # nothing to look for: said, not "Nothing found."
        done = _run(tmp_path, "search", nothing)
        assert done.returncode == 2, nothing
        assert "Give a word to search for" in done.stderr, nothing
    text = _run(tmp_path, "search", "zephyrine")
    assert "[zephyrine]" in text.stdout
    assert _run(tmp_path, "search", "x", "--case", "EC-2099-0001").returncode == 2


def test_an_excluded_word_is_a_query_word_and_an_exclusion_alone_is_explained(
    tmp_path: Path,
) -> None:
    given_sample(tmp_path / "data")
    both = {h["title"] for h in _search(tmp_path, "Halcyon", "--case", "EC-2026-0001")}
    without = _search(tmp_path, "Halcyon", "-Harel", "--case", "EC-2026-0001")
    assert without, "the exclusion removed everything"
    assert "Dmitri Harel" in both
    assert "Dmitri Harel" not in {h["title"] for h in without}
    alone = _run(tmp_path, "search", "-Harel", "--json")
    assert alone.returncode == 2
    assert json.loads(alone.stdout)["error"] == (
        "'-Harel' only leaves words out; a search needs a word to find as well, "
        "e.g. license -draft."
    )
    typo = _run(tmp_path, "search", "Halcyon", "--limt", "5")
    assert typo.returncode == 2
    assert "unrecognized arguments: --limt" in typo.stderr


def test_literal_finds_each_argument_as_typed_quotes_and_spaces_included(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    note = tmp_path / "note.txt"
    note.write_text('Illustrative note: the letter quotes "Annex A" once.', encoding="utf-8")
    assert _run(tmp_path, "import", "EC-2026-0003", "note.txt").returncode == 0
    quoted = _search(tmp_path, "--literal", '"Annex A"', "--case", "EC-2026-0003")
    assert [h["title"] for h in quoted] == ["note.txt"]
    snippet, spans = str(quoted[0]["snippet"]), quoted[0]["spans"]
    assert isinstance(spans, list)
    assert [snippet[a:b] for a, b in spans] == ['"Annex A"']
    assert _search(tmp_path, "--literal", '"Annex B"', "--case", "EC-2026-0003") == []
    assert _search(tmp_path, "--literal", "-A", "--case", "EC-2026-0003") == []  # not an exclusion
