"""PDF text with pypdf, within page, time and size limits.

A PDF is kept as a document even when no text can be had: an encrypted file (the empty password
is tried), a damaged or truncated one, a scan without a text layer. Only bytes that are not a
PDF at all raise, so the dispatcher quarantines them. pypdf's logged warnings about repaired
files are silenced (its logger is set to ERROR); its errors still show.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from desktop_app.core.documents import ParsedFile
from desktop_app.ingest.limits import Budget
from desktop_app.ingest.text import cut_text

PDF_TYPE = "application/pdf"
_HEADER = re.compile(rb"%PDF-\d")
_READ_ERRORS = (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                AssertionError, UnicodeError, LookupError, ZeroDivisionError, OverflowError,
                RecursionError, NotImplementedError, EOFError, OSError)  # fmt: skip

logging.getLogger("pypdf").setLevel(logging.ERROR)


class NotAPdfError(ValueError):
    """The bytes carry no PDF header: the file is not a PDF at all."""


def parse_pdf(filename: str, data: bytes, budget: Budget, media_type: str = PDF_TYPE) -> ParsedFile:
    """Read a PDF's text; raises `NotAPdfError` only when the bytes are not a PDF."""
    if not _HEADER.search(data[:1024]):
        raise NotAPdfError("no %PDF header in the first 1024 bytes")
    budget.check_size(len(data))
    notes: list[str] = []
    if b"%%EOF" not in data[-2048:]:
        notes.append("the file looks truncated (no %%EOF at its end)")
    text, date = _read(data, budget, notes)
    return ParsedFile(
        filename=filename,
        media_type=media_type,
        data=data,
        text=cut_text(text, budget, notes),
        date=date,
        notes=tuple(notes),
    )


def _read(data: bytes, budget: Budget, notes: list[str]) -> tuple[str, str]:
    """The text and creation date of a PDF, adding notes for what could not be read."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypted(reader):
            notes.append("encrypted: no text extracted")
            return "", ""
        pages = reader.pages
        count = len(pages)
    except _READ_ERRORS as error:
        notes.append(f"damaged PDF: no text extracted ({_short(error)})")
        return "", ""
    date = _creation_date(reader)
    chunks: list[str] = []
    size = 0
    last = min(count, budget.limits.max_pdf_pages)
    if count > last:
        notes.append(f"text read from the first {last:,} of {count:,} pages")
    for number in range(last):
        if budget.past_soft_deadline():
            notes.append(f"text read from {number:,} of {count:,} pages (time limit)")
            break
        try:
            page_text = pages[number].extract_text()
        except _READ_ERRORS as error:
            notes.append(f"page {number + 1}: no text extracted ({_short(error)})")
            continue
        chunks.append(page_text)
        size += len(page_text)
        if size > budget.limits.max_text_chars:
            break
    return "\n\n".join(chunks), date


def _decrypted(reader: PdfReader) -> bool:
    """True when the empty password opens the PDF."""
    try:
        return bool(reader.decrypt(""))
    except _READ_ERRORS:
        return False


def _creation_date(reader: PdfReader) -> str:
    """The document's creation date as ISO 8601 with offset, "" if absent or without zone."""
    try:
        meta: Any = reader.metadata
        when = meta.creation_date if meta is not None else None
    except _READ_ERRORS:
        return ""
    if isinstance(when, datetime) and when.tzinfo is not None:
        return when.isoformat()
    return ""


def _short(error: BaseException) -> str:
    """An exception as one short line."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message[:120]}" if message else type(error).__name__
