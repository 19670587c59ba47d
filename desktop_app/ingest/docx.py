"""Word .docx text from ``word/document.xml``, with the standard library only.

Paragraphs (w:p) become lines; w:t is text, w:tab a tab, w:br and w:cr a line break. The zip is
guarded against bombs: the declared size of every member read counts against the decompressed
budget, an absurd compression ratio is refused, and reading stops at the declared size. An XML
part that declares a DOCTYPE is not parsed at all (no entity expansion can happen); the file is
kept with a note instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import Element, ParseError, XMLParser

from desktop_app.core.documents import ParsedFile
from desktop_app.ingest.limits import Budget, LimitExceeded
from desktop_app.ingest.text import cut_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_PART = "word/document.xml"
MAX_RATIO = 200  # uncompressed / compressed; real Word XML stays well under 50
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE|<!\s*ENTITY", re.IGNORECASE)


class NotADocxError(ValueError):
    """The bytes are not a zip with a ``word/document.xml``."""


def parse_docx(
    filename: str, data: bytes, budget: Budget, media_type: str = DOCX_TYPE
) -> ParsedFile:
    """Read a .docx's text; raises `NotADocxError` or `LimitExceeded`, else keeps the file."""
    budget.check_size(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise NotADocxError(f"not a readable zip file ({error})") from None
    notes: list[str] = []
    with archive:
        xml = read_member(archive, DOCUMENT_PART, budget)
    text = ""
    if any(_DOCTYPE.search(probe) for probe in _probes(xml)):
        notes.append("document.xml declares a DOCTYPE: text not extracted")
    else:
        try:
            text = document_text(xml)
        except ParseError as error:
            notes.append(f"document.xml is damaged: no text extracted ({error})")
    return ParsedFile(
        filename=filename,
        media_type=media_type,
        data=data,
        text=cut_text(text, budget, notes),
        notes=tuple(notes),
    )


def _probes(xml: bytes) -> tuple[bytes, ...]:
    """The part as bytes, and, when it may be UTF-16 (a NUL early on), both byte orders decoded.

    Without a byte-order mark Python's "utf-16" assumes little-endian, so a big-endian part
    would hide its DOCTYPE; trying both orders leaves it nowhere to hide.
    """
    if b"\x00" not in xml[:512]:
        return (xml,)
    decoded = (xml.decode(order, errors="replace") for order in ("utf-16-le", "utf-16-be"))
    return (xml, *(text.encode("utf-8", errors="replace") for text in decoded))


def read_member(archive: zipfile.ZipFile, name: str, budget: Budget) -> bytes:
    """One member's bytes, within the decompressed budget and a sane compression ratio."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise NotADocxError(f"the zip has no {name}") from None
    if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise LimitExceeded(
            f"zip bomb: {name} claims to expand {info.file_size // max(info.compress_size, 1):,}"
            " times"
        )
    budget.add_bytes(info.file_size)
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, ValueError) as error:
        raise NotADocxError(f"{name} cannot be unpacked ({error})") from None
    if len(data) > info.file_size:
        raise LimitExceeded(f"zip bomb: {name} expands past its declared size")
    return data


def document_text(xml: bytes) -> str:
    """The text of a WordprocessingML document part, paragraph by paragraph."""
    parser = XMLParser()  # noqa: S314 - no DOCTYPE (checked first): no entity can expand
    parser.feed(xml)
    root = parser.close()
    out: list[str] = []
    stack: list[tuple[Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag
        if closing:
            out.append("\n")
            continue
        if tag == _FALLBACK:
            continue  # the same content again, for old readers
        if tag == f"{_W}t":
            out.append(element.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}p":
            stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    lines = "".join(out).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")
