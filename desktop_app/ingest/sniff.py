"""Which reader a file needs: decided by its content first, its name's extension second.

Magic bytes win (a PDF named .txt is a PDF; an email saved as .txt is an email, as the MimeKit
corpus shows); a declared media type (from an email part) comes next; the extension after that;
and for anything unknown, "does it look like text". What no reader claims is kept as an original
without text.
"""

from __future__ import annotations

import mimetypes
import re
from enum import Enum
from pathlib import PurePath

from desktop_app.ingest.text import bom_encoding, looks_like_text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_MSG_STREAM = "__substg1.0_".encode("utf-16-le")
_DOCX_PART = b"word/document.xml"
_PDF_HEADER = re.compile(rb"%PDF-[0-9]")
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:[ \t]?[^\r\n]*\r?$")
_FOLDED_LINE = re.compile(rb"^[ \t]+\S")
_MBOX_LINE = re.compile(rb"^From [^\r\n]*\r?\n")
_KNOWN_HEADERS = frozenset(
    {
        b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"received", b"return-path",
        b"mime-version", b"content-type", b"delivered-to", b"reply-to", b"in-reply-to",
        b"references", b"sender", b"x-mailer", b"newsgroups", b"path", b"dkim-signature",
    }
)  # fmt: skip


class Kind(Enum):
    """The reader a file goes to."""

    EMAIL = "email"
    MSG = "Outlook message"
    PDF = "PDF"
    DOCX = "Word document"
    TEXT = "text"
    HTML = "HTML"
    OTHER = "other"


_BY_EXTENSION = {
    ".eml": Kind.EMAIL,
    ".msg": Kind.MSG,
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".txt": Kind.TEXT,
    ".csv": Kind.TEXT,
    ".md": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
}
MEDIA_TYPES = {
    Kind.EMAIL: "message/rfc822",
    Kind.MSG: "application/vnd.ms-outlook",
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.HTML: "text/html",
}


def sniff(filename: str, data: bytes, declared: str = "") -> Kind:
    """The reader for ``data``: content first, then a declared type, then the extension."""
    kind = by_magic(data) or by_declared_type(declared)
    if kind is not None:
        return kind
    if looks_like_email(data):
        return Kind.EMAIL
    kind = _BY_EXTENSION.get(extension(filename))
    if kind is not None:
        return kind
    return Kind.TEXT if looks_like_text(data) else Kind.OTHER


def by_magic(data: bytes) -> Kind | None:
    """The kind told by the first bytes: PDF, Outlook message (OLE with MAPI streams), DOCX."""
    if _PDF_HEADER.search(data[:1024]):
        return Kind.PDF
    if data.startswith(OLE_MAGIC):
        return Kind.MSG if _MSG_STREAM in data else Kind.OTHER
    if data.startswith(ZIP_MAGIC):
        return Kind.DOCX if _DOCX_PART in data else Kind.OTHER
    return None


def by_declared_type(declared: str) -> Kind | None:
    """The kind told by a media type an email part declares, if it tells one."""
    declared = declared.lower()
    if declared in {"message/rfc822", "message/global"}:
        return Kind.EMAIL
    if declared in {"application/vnd.ms-outlook", "application/x-msg"}:
        return Kind.MSG
    if declared == "text/html":
        return Kind.HTML
    if declared.startswith(("text/", "message/")):
        return Kind.TEXT
    return None


def looks_like_email(data: bytes) -> bool:
    """True when ``data`` opens with an RFC 822 header block naming a usual mail header."""
    found = bom_encoding(data)
    head = data[found[1] if found else 0 :][:16384]
    head = _MBOX_LINE.sub(b"", head, count=1)
    lines = head.splitlines(keepends=False)[:40]
    fields = known = 0
    for line in lines:
        if not line.strip():
            break
        if _FOLDED_LINE.match(line) and fields:
            continue
        if not _HEADER_LINE.match(line):
            return False
        fields += 1
        known += line.split(b":", 1)[0].strip().lower() in _KNOWN_HEADERS
    return fields >= 2 and known >= 1


def extension(filename: str) -> str:
    """The lower-case extension of a file name (".pdf"), or "" (never touches the disk)."""
    try:
        return PurePath(filename.replace("\\", "/")).suffix.lower()
    except ValueError:
        return ""


def guess_media_type(filename: str, declared: str = "") -> str:
    """A declared type if any, else one guessed from the extension, else octet-stream."""
    if declared and "/" in declared:
        return declared
    guessed, _ = mimetypes.guess_type("x" + extension(filename), strict=False)
    return guessed or "application/octet-stream"


def media_type(kind: Kind, filename: str, declared: str = "") -> str:
    """The media type to record for a file read as ``kind``.

    A specific declared type wins (the email part's own); a generic one
    (application/octet-stream) gives way to what the content showed.
    """
    if declared and declared != "application/octet-stream" and "/" in declared:
        return declared
    if kind in MEDIA_TYPES:
        return MEDIA_TYPES[kind]
    if kind is Kind.TEXT:
        guessed = guess_media_type(filename)
        return guessed if guessed.startswith("text/") else "text/plain"
    return guess_media_type(filename)
