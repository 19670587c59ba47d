"""PDF, DOCX, text, other files, paths, and the references found in text."""

from __future__ import annotations

import importlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import parse_bytes, parse_path, read_path
from desktop_app.ingest.references import find_references
from desktop_app.ingest.sniff import Kind, sniff
from desktop_app.ingest.text import decode_text, looks_like_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DEFAULT = Limits()
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_pdf(*pages: str) -> bytes:
    # Imported by name: reportlab ships no type stubs, and this keeps mypy strict here.
    canvas = importlib.import_module("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for text in pages:
        pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(body: str) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    document = f"{head}<w:document {W}><w:body>{body}</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def read(name: str, data: bytes, limits: Limits = DEFAULT) -> ParsedFile:
    result = parse_bytes(name, data, limits)
    assert isinstance(result, ParsedFile), getattr(result, "reason", "")
    assert result.data == data
    return result


def test_pdf_text_is_extracted() -> None:
    result = read("letter.pdf", make_pdf("Zebracorn license D123456", "second page"))
    assert result.media_type == "application/pdf"
    assert "Zebracorn" in result.text
    assert "second page" in result.text
    assert result.notes == ()


def test_pdf_pages_past_the_limit_are_not_read() -> None:
    result = read("long.pdf", make_pdf("first", "second", "third"), Limits(max_pdf_pages=2))
    assert "second" in result.text
    assert "third" not in result.text
    assert result.notes == ("text read from the first 2 of 3 pages",)


def test_an_encrypted_pdf_is_kept_with_a_note() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Zebracorn secret"))))
    writer.encrypt(user_password="hunter2", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    result = read("locked.pdf", buffer.getvalue())
    assert result.text == ""
    assert "encrypted: no text extracted" in result.notes


def test_an_encrypted_pdf_with_an_empty_password_is_read() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Zebracorn open"))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "Zebracorn open" in read("open.pdf", buffer.getvalue()).text


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_pdf_is_kept_with_a_note(cut: float) -> None:
    whole = make_pdf("Zebracorn truncated")
    result = read("cut.pdf", whole[: int(len(whole) * cut)])
    assert result.media_type == "application/pdf"
    assert result.notes


def test_bytes_that_are_not_a_pdf_at_all_are_quarantined() -> None:
    result = parse_bytes("fake.pdf", b"this is not a pdf\x00\x01\x02" * 10)
    assert isinstance(result, Rejected)
    assert result.reason.startswith("could not be read as PDF: ")


def test_docx_paragraphs_tabs_and_breaks() -> None:
    body = (
        "<w:p><w:r><w:t>First</w:t><w:tab/><w:t>tabbed</w:t></w:r></w:p>"
        "<w:p><w:r><w:t xml:space='preserve'>Line </w:t><w:br/><w:t>broken</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell ECCN 4E091</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    result = read("memo.docx", make_docx(body))
    assert result.media_type == DOCX_TYPE
    assert result.text == "First\ttabbed\nLine\nbroken\ncell ECCN 4E091"


def test_a_docx_declaring_a_doctype_is_kept_without_text() -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", lol)
    result = read("laughs.docx", buffer.getvalue())
    assert result.text == ""
    assert result.notes == ("document.xml declares a DOCTYPE: text not extracted",)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_utf16_docx_declaring_a_doctype_is_kept_without_text(encoding: str) -> None:
    declared = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY a "x">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", declared.encode(encoding))
    result = read("wide.docx", buffer.getvalue())
    assert result.text == ""
    assert result.notes == ("document.xml declares a DOCTYPE: text not extracted",)


def test_a_docx_zip_bomb_is_quarantined() -> None:
    filler = "<w:p><w:r><w:t>" + "a" * 3_000_000 + "</w:t></w:r></w:p>"
    result = parse_bytes("bomb.docx", make_docx(filler))
    assert isinstance(result, Rejected)
    assert "zip bomb" in result.reason
    small = parse_bytes("big.docx", make_docx("<w:p/>" * 10), Limits(max_decompressed=100))
    assert isinstance(small, Rejected)
    assert "too large" in small.reason


def test_a_zip_that_is_not_a_docx_is_kept_as_an_original() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    result = read("bundle.zip", buffer.getvalue())
    assert (result.media_type, result.text) == ("application/zip", "")


@pytest.mark.parametrize(
    ("data", "text", "note"),
    [
        ("Zoë ünïcode".encode("utf-16"), "Zoë ünïcode", ()),
        ("\ufeffZoë".encode(), "Zoë", ()),
        ("Zoë – “quoted”".encode("cp1252"), "Zoë – “quoted”", ("read as cp1252",)),
        (b"caf\xe9 \x81", "café \x81", ("read as latin-1",)),
        ("plain ascii and ünï".encode(), "plain ascii and ünï", ()),
    ],
)
def test_plain_text_charsets(data: bytes, text: str, note: tuple[str, ...]) -> None:
    result = read("note.txt", data)
    assert (result.text, result.notes, result.media_type) == (text, note, "text/plain")


def test_text_detection_for_unknown_types() -> None:
    assert looks_like_text(b"hello\r\nworld\t!")
    assert looks_like_text("Zoë".encode("utf-16"))
    assert not looks_like_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert not looks_like_text(bytes(range(1, 32)) * 10)
    assert decode_text("x".encode("utf-32")) == ("x", "utf-32-le")
    assert read("notes.log", b"just some words").text == "just some words"


def test_content_decides_before_the_name() -> None:
    email = b"From: a@b.c\r\nTo: d@e.f\r\nSubject: hi\r\n\r\nbody"
    assert sniff("message.txt", email) is Kind.EMAIL
    assert sniff("letter.txt", make_pdf("x")) is Kind.PDF
    assert sniff("notes.eml", b"To do: buy milk") is Kind.EMAIL
    assert sniff("Subject: not.txt", b"Note: one header only\n") is Kind.TEXT
    assert read("message.txt", email).media_type == "message/rfc822"


def test_images_and_binaries_are_kept_without_text() -> None:
    png = read("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    assert (png.media_type, png.text) == ("image/png", "")
    exe = read("setup", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(100))
    assert exe.media_type == "application/octet-stream"


def test_html_files_become_text() -> None:
    result = read("page.html", b"<p>License <b>D123456</b></p><script>x()</script>")
    assert (result.media_type, result.text) == ("text/html", "License D123456")


def test_an_empty_file_is_quarantined() -> None:
    assert parse_bytes("empty.pdf", b"") == Rejected("empty.pdf", "empty file: 0 bytes", b"")


def test_undecodable_names_and_text_become_storable(tmp_path: Path) -> None:
    odd = tmp_path / os.fsdecode(b"Zo\xeb \xff.txt")  # Latin-1 bytes in a Linux file name
    odd.write_bytes(b"text")
    result = parse_path(odd)
    assert isinstance(result, ParsedFile)
    assert result.filename == "Zoë ÿ.txt"
    lone = parse_bytes("a\udc80\ud800.eml", b"From: a@b.c\r\nSubject: x\r\n\r\nbody")
    assert lone.filename.encode("utf-8")  # no lone surrogate left


def test_paths_folders_and_vanished_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    letter = tmp_path / "..weird name\u202e.txt"
    letter.write_bytes(b"ECCN 3A090.a")
    result = parse_path(letter)
    assert isinstance(result, ParsedFile)
    assert result.filename == "..weird name\u202e.txt"
    assert parse_path(tmp_path) == Rejected(tmp_path.name, "is a folder", not_read=True)
    gone = parse_path(tmp_path / "gone.pdf")
    assert gone == Rejected(
        "gone.pdf",
        "could not be read: there is no such file (it may have been moved or deleted)",
        not_read=True,
    )

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    assert read_path(letter) == b"ECCN 3A090.a"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert read_path(fifo) == Rejected(
        "pipe", "is not a regular file (a device, pipe or socket)", not_read=True
    )
    monkeypatch.setattr(Path, "read_bytes", refuse)
    denied = parse_path(letter)
    assert isinstance(denied, Rejected)
    assert denied.reason == "could not be read: permission denied"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACN Z123456 then Z123456 again", ("ACN Z123456",)),
        ("License D123456 (ACN form too)", ("License D123456",)),
        (
            "Items 4E091, 3A090.a and EAR99; license D000001 for Z999999.",
            ("ECCN 4E091", "ECCN 3A090.a", "ECCN EAR99", "License D000001", "ACN Z999999"),
        ),
        ("5A002.a.1. and 0A521", ("ECCN 5A002.a.1", "ECCN 0A521")),
        ("XZ123456 Z1234567 4E0911 x4E091 4F091 ear99", ()),
        ("", ()),
    ],
)
def test_references_found_in_text(text: str, expected: tuple[str, ...]) -> None:
    assert find_references(text) == expected
