"""The 113 real emails of tests/data/email: every one read or quarantined, never a crash.

docs/reliability.md T19. The list of expected rejections lives here so a regression (a file that
used to import and now is quarantined, or the reverse) shows up as a diff.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.ingest.parse import parse_bytes

CORPUS = Path(__file__).parents[1] / "data" / "email"
MANIFEST = CORPUS / "MANIFEST.tsv"

# name -> a phrase its reason must contain. None of the 113 is quarantined today.
EXPECTED_REJECTIONS: dict[str, str] = {}

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason="shared corpora not present")


def corpus_files() -> list[Path]:
    """Every email the manifest lists (113: .eml, .msg and MimeKit's .txt messages)."""
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [CORPUS / row["path"] for row in rows]


def walk(parsed: ParsedFile) -> Iterator[ParsedFile]:
    """A parsed file and all its descendants."""
    yield parsed
    for child in parsed.children:
        yield from walk(child)


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[bytes, ParsedFile | Rejected]]:
    """Each corpus file's bytes and what parse_bytes made of them, by relative path."""
    out: dict[str, tuple[bytes, ParsedFile | Rejected]] = {}
    for path in corpus_files():
        data = path.read_bytes()
        out[path.relative_to(CORPUS).as_posix()] = (data, parse_bytes(path.name, data))
    return out


def test_the_corpus_is_all_there() -> None:
    files = corpus_files()
    assert len(files) == 113
    assert all(path.is_file() for path in files)


def test_every_file_is_read_or_quarantined_with_a_reason(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    rejected = {name: r.reason for name, (_, r) in results.items() if isinstance(r, Rejected)}
    for name, reason in sorted(rejected.items()):
        print(f"quarantined: {name}: {reason}")
    assert all(reason.strip() for reason in rejected.values())
    assert set(rejected) == set(EXPECTED_REJECTIONS)
    for name, phrase in EXPECTED_REJECTIONS.items():
        assert phrase in rejected[name]
    assert len(results) - len(rejected) >= 100


def test_originals_are_kept_byte_for_byte(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    for name, (data, result) in results.items():
        assert result.data == data, name
        if isinstance(result, ParsedFile):
            for part in walk(result):
                assert isinstance(part.data, bytes)
                assert isinstance(part.text, str)
                assert "\udc80" not in part.text  # no lone surrogates: SQLite must store it


def test_emails_have_headers_and_every_file_a_media_type(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    for name, (_, result) in results.items():
        assert isinstance(result, ParsedFile)
        assert result.media_type in {"message/rfc822", "application/vnd.ms-outlook"}, name
        for part in walk(result):
            assert "/" in part.media_type


def test_mime_attachments_are_split_out(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    _, email = results["mikel-mail/attachment_pdf.eml"]
    assert isinstance(email, ParsedFile)
    assert email.email is not None
    assert email.email.subject == "Another PDF with 🎉 Unicode chars in it 🍿"
    assert email.email.date == "2005-05-10T11:26:39-06:00"
    (pdf,) = email.children
    assert pdf.filename == "broken.pdf"
    assert pdf.media_type == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert pdf.notes  # the sample PDF is cut short: kept, with a note


def test_attached_messages_are_read_recursively(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    _, email = results["mikel-mail/attachment_message_rfc822.eml"]
    assert isinstance(email, ParsedFile)
    forwarded = next(c for c in email.children if c.media_type == "message/rfc822")
    assert forwarded.filename == "ForwardedMessage.eml"
    assert forwarded.email is not None
    assert forwarded.email.subject == "Another PDF"
    assert forwarded.data.startswith(b"From") or b"Subject: Another PDF" in forwarded.data
    assert [c.filename for c in forwarded.children] == ["broken.pdf"]


def test_outlook_messages_nest_and_decode_their_code_page(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    _, outer = results["msgreader/msgInMsgInMsg.msg"]
    assert isinstance(outer, ParsedFile)
    inner = outer.children[0]
    assert inner.media_type == "application/vnd.ms-outlook"
    assert inner.data.startswith(b"\xd0\xcf\x11\xe0")
    assert inner.email is not None
    assert inner.email.subject == "I have attachments!"
    assert [c.filename for c in inner.children] == [
        "Microsoft Outlook テスト メッセージ.msg",
        "green.png",
    ]
    _, japanese = results["msgreader/nonUnicodeCP932.msg"]
    assert isinstance(japanese, ParsedFile)
    assert japanese.email is not None
    assert japanese.email.subject == "日本語 Non Unicode タイトル"


def test_outlook_items_that_are_not_emails_are_kept_with_their_text(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    for name in ("A memo.msg", "Appointment sample EST.msg", "contactUnicode.msg"):
        _, item = results[f"msgreader/{name}"]
        assert isinstance(item, ParsedFile)
        assert item.email is None
        assert item.text
        assert "not an email" in item.notes[0]


def test_headers_survive_what_breaks_the_standard_parser(
    results: dict[str, tuple[bytes, ParsedFile | Rejected]],
) -> None:
    # policy.default raises AttributeError reading this To: header.
    _, bounce = results["mimekit/delivery-status.txt"]
    assert isinstance(bounce, ParsedFile)
    assert bounce.email is not None
    assert bounce.email.to == ("(no To-header on input)",)
    # A UTF-8 byte-order mark before the first header.
    _, report = results["mimekit/feedback-report.txt"]
    assert isinstance(report, ParsedFile)
    assert report.email is not None
    assert report.email.subject == "FW: Earn money"
    # Raw Windows-1252 bytes in an unencoded Subject.
    _, subject = results["mikel-mail/invalid_subject_characters.eml"]
    assert isinstance(subject, ParsedFile)
    assert subject.email is not None
    assert subject.email.subject.startswith("Formação FrenetikPolis")
    # An unquoted boundary with "=" in it: re-parsed, the plain text is the body.
    _, outlook = results["mikel-mail/raw_email_with_illegal_boundary.eml"]
    assert isinstance(outlook, ParsedFile)
    assert outlook.text.startswith("Hello\nThis is an outlook test")


def test_mutated_and_truncated_emails_never_escape() -> None:
    """Seeded mutations of the corpus (docs/reliability.md T19): flipped bytes and cut files."""
    rng = random.Random(19)
    sources = [p for p in corpus_files() if p.suffix != ".msg" and p.stat().st_size < 40_000]
    for round_ in range(300):
        data = bytearray(rng.choice(sources).read_bytes())
        if round_ % 3 == 0:
            data = data[: rng.randrange(1, len(data) + 1)]
        else:
            for _ in range(rng.randrange(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        result = parse_bytes("mutant.eml", bytes(data))
        assert result.data == bytes(data)
        if isinstance(result, Rejected):
            assert result.reason


def test_damaged_outlook_files_never_escape() -> None:
    rng = random.Random(20)
    sources = [p for p in corpus_files() if p.suffix == ".msg" and p.stat().st_size < 40_000]
    for round_ in range(40):
        data = bytearray(rng.choice(sources).read_bytes())
        if round_ % 2 == 0:
            data = data[: rng.randrange(512, len(data))]
        else:
            for _ in range(rng.randrange(1, 40)):
                data[rng.randrange(512, len(data))] = rng.randrange(256)
        result = parse_bytes("mutant.msg", bytes(data))
        assert result.data == bytes(data)
        if isinstance(result, Rejected):
            assert result.reason
