"""Word .docx text from ``word/document.xml``, with the standard library only, streamed.

Paragraphs (w:p) become lines; w:t is text, w:tab a tab, w:br and w:cr a line break. The part
is unpacked and parsed in chunks by expat (`_TextReader`), so memory stays at a chunk plus the
text kept, however large the part (issue 16 point 1: a whole-tree parse of a large part once
took 7 GB); reading stops once ``max_text_chars`` are kept. The zip is guarded against bombs:
the declared size of every member read counts against the decompressed budget, an absurd
compression ratio is refused, and reading stops past the declared size. A part that declares a
DOCTYPE is not read at all — expat reports the declaration, in whatever encoding, before any
entity in it could expand — and the file is kept with a note instead.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.parsers import expat

from desktop_app.core.documents import ParsedFile
from desktop_app.ingest.limits import Budget, LimitExceeded
from desktop_app.ingest.text import cut_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_PART = "word/document.xml"
MAX_RATIO = 200  # uncompressed / compressed; real Word XML stays well under 50
CHUNK = 1 << 20
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DOCTYPE_NOTE = "document.xml declares a DOCTYPE: text not extracted"


class _DoctypeError(Exception):
    """The part declares a DOCTYPE (or an entity): it is not read further."""


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
        text = _part_text(archive, DOCUMENT_PART, budget, notes)
    return ParsedFile(
        filename=filename,
        media_type=media_type,
        data=data,
        text=cut_text(text, budget, notes),
        notes=tuple(notes),
    )


def _part_text(archive: zipfile.ZipFile, name: str, budget: Budget, notes: list[str]) -> str:
    """The text of one member, streamed; a DOCTYPE or damage leaves a note and no text."""
    info = _member_info(archive, name, budget)
    reader = _TextReader(budget.limits.max_text_chars)
    try:
        for chunk in _chunks(archive, info):
            if not reader.feed(chunk):
                break
        else:
            reader.close()
    except _DoctypeError:
        notes.append(DOCTYPE_NOTE)
        return ""
    except expat.ExpatError as error:
        notes.append(f"document.xml is damaged: no text extracted ({error})")
        return ""
    return reader.text()


def _member_info(archive: zipfile.ZipFile, name: str, budget: Budget) -> zipfile.ZipInfo:
    """A member's entry, within the decompressed budget and a sane compression ratio."""
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
    return info


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member unpacked in chunks, refused once it passes its declared size."""
    unpacked = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                unpacked += len(chunk)
                if unpacked > info.file_size:
                    raise LimitExceeded(f"zip bomb: {info.filename} expands past its declared size")
                yield chunk
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, ValueError) as error:
        raise NotADocxError(f"{info.filename} cannot be unpacked ({error})") from None


def read_member(archive: zipfile.ZipFile, name: str, budget: Budget) -> bytes:
    """One member's bytes whole (for small parts), within the same guards."""
    return b"".join(_chunks(archive, _member_info(archive, name, budget)))


def document_text(xml: bytes) -> str:
    """The text of a WordprocessingML document part held in memory."""
    reader = _TextReader(limit=len(xml) + 1)
    reader.feed(xml)
    reader.close()
    return reader.text()


class _TextReader:
    """Collects a WordprocessingML part's text from expat events, fed in chunks."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._kept = 0
        self._out: list[str] = []
        self._in_text = 0
        self._skipping = 0
        parser = expat.ParserCreate(namespace_separator="}")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.buffer_text = True
        self._parser = parser

    def feed(self, chunk: bytes) -> bool:
        """Parse one more chunk; False once enough text is kept."""
        self._parser.Parse(chunk, False)
        return self._kept <= self._limit

    def close(self) -> None:
        """End the document (raises `expat.ExpatError` if it is incomplete)."""
        self._parser.Parse(b"", True)

    def text(self) -> str:
        """The text so far, lines right-trimmed."""
        lines = "".join(self._out).split("\n")
        return "\n".join(line.rstrip() for line in lines).strip("\n")

    def _refuse(self, *_: object) -> None:
        raise _DoctypeError

    def _start(self, tag: str, _attributes: object) -> None:
        if self._skipping or tag == _FALLBACK:
            self._skipping += 1  # the same content again, for old readers
        elif tag == f"{_W}t":
            self._in_text += 1
        elif tag == f"{_W}tab":
            self._keep("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            self._keep("\n")

    def _end(self, tag: str) -> None:
        if self._skipping:
            self._skipping -= 1
        elif tag == f"{_W}t":
            self._in_text -= 1
        elif tag == f"{_W}p":
            self._keep("\n")

    def _characters(self, data: str) -> None:
        if self._in_text and not self._skipping:
            self._keep(data)

    def _keep(self, text: str) -> None:
        self._out.append(text)
        self._kept += len(text)
