"""A last pass over every parsed record: text that SQLite can store, whatever the file held.

Python strings can hold lone surrogates (from surrogate-escaped bytes a reader did not decode);
SQLite cannot store them and the write would fail mid-import. This pass replaces any left in
text, notes and headers with U+FFFD, and decodes file names (a Linux ``Path.name`` carries
undecodable bytes as surrogates). Bytes are never touched.
"""

from __future__ import annotations

import dataclasses
import re

from desktop_app.core.documents import EmailHeaders, ParsedFile, Rejected
from desktop_app.ingest.text import decode_text

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (unchanged, and fast, when none)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def clean_name(name: str) -> str:
    """A file name made storable, its undecodable bytes decoded by guess.

    ``Path.name`` on Linux carries bytes the file system encoding could not decode as
    surrogate escapes; they are read as UTF-8, Windows-1252 or Latin-1 instead.
    """
    if not _SURROGATE.search(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return clean(name)
    return clean(decode_text(raw)[0])


def storable(result: ParsedFile | Rejected) -> ParsedFile | Rejected:
    """``result`` with every string field made storable, children included."""
    if isinstance(result, Rejected):
        return dataclasses.replace(
            result, filename=clean_name(result.filename), reason=clean(result.reason)
        )
    return storable_file(result)


def storable_file(parsed: ParsedFile) -> ParsedFile:
    """A `ParsedFile` and its children made storable."""
    return dataclasses.replace(
        parsed,
        filename=clean_name(parsed.filename),
        media_type=clean(parsed.media_type),
        text=clean(parsed.text),
        date=clean(parsed.date),
        email=_headers(parsed.email) if parsed.email else None,
        children=tuple(storable_file(child) for child in parsed.children),
        notes=tuple(clean(note) for note in parsed.notes),
    )


def _headers(headers: EmailHeaders) -> EmailHeaders:
    """Email headers made storable."""
    return EmailHeaders(
        sender=clean(headers.sender),
        to=tuple(clean(a) for a in headers.to),
        cc=tuple(clean(a) for a in headers.cc),
        date=clean(headers.date),
        subject=clean(headers.subject),
        message_id=clean(headers.message_id),
        in_reply_to=clean(headers.in_reply_to),
        references=tuple(clean(r) for r in headers.references),
    )
