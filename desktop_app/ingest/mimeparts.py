"""One MIME part at a time: its type, file name, decoded bytes, text, and serialized form.

Every function here is guarded like the header wrappers: a malformed part yields a default
("" or b"") and never an exception, so one bad part cannot lose the rest of a message.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from email.message import Message

from desktop_app.ingest.headers import GUARDED, decode_words, raw_values
from desktop_app.ingest.mimefix import body_bytes
from desktop_app.ingest.text import decode_declared, decode_text

_PARAM = r"(?:^|;)\s*{name}\s*=\s*(\"(?:[^\"\\]|\\.)*\"|[^;]*)"
_FILENAME = re.compile(_PARAM.format(name="filename"), re.IGNORECASE)
_NAME = re.compile(_PARAM.format(name="name"), re.IGNORECASE)
_SURROGATE = re.compile("[\udc80-\udcff]")


def content_type(part: Message) -> str:
    """The part's media type in lower case; ``text/plain`` when missing or unreadable."""
    try:
        return part.get_content_type().lower()
    except GUARDED:
        return "text/plain"


def charset(part: Message) -> str | None:
    """The declared charset of a part, or None."""
    try:
        return part.get_content_charset() or None
    except GUARDED:
        return None


def is_attachment(part: Message) -> bool:
    """True for a part marked as an attachment or carrying a file name."""
    try:
        if (part.get_content_disposition() or "").lower() == "attachment":
            return True
    except GUARDED:
        pass
    return bool(filename(part))


def filename(part: Message) -> str:
    """The file name exactly as given (RFC 2231 and RFC 2047 decoded), or "" if none.

    The structured parameters come first: ``get_filename()`` strips spaces, and a name that
    ends in a space is not the same name.
    """
    name = _param(part, "content-disposition", "filename")
    if name is None:
        name = _param(part, "content-type", "name")
    if name is None:
        name = _raw_param(part, "content-disposition", _FILENAME)
    if name is None:
        name = _raw_param(part, "content-type", _NAME)
    if name is None:
        return ""
    return decode_words(unescape_surrogates(name))


def _param(part: Message, header: str, key: str) -> str | None:
    """A parameter from the structured header, or None."""
    try:
        params = getattr(part.get(header), "params", None)
        value = params.get(key) if params is not None else None
    except GUARDED:
        return None
    return value if isinstance(value, str) else None


def _raw_param(part: Message, header: str, pattern: re.Pattern[str]) -> str | None:
    """A parameter found in the raw header text, unquoted, or None."""
    for raw in raw_values(part, header):
        match = pattern.search(" ".join(raw.split()))
        if match:
            value = match.group(1).strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            return value
    return None


def unescape_surrogates(text: str) -> str:
    """Turn surrogate-escaped raw bytes (from 8-bit headers) back into readable text."""
    if not _SURROGATE.search(text):
        return text
    try:
        return decode_text(text.encode("utf-8", "surrogateescape"))[0]
    except UnicodeError:
        return _SURROGATE.sub("\ufffd", text)


def payload_bytes(part: Message) -> bytes:
    """The decoded bytes of a leaf part, tolerating misspelled transfer encodings."""
    try:
        raw = part.get_payload(decode=False)
    except GUARDED:
        return b""
    if isinstance(raw, list):
        return body_bytes(part)  # message/delivery-status: header blocks, re-serialized
    if isinstance(raw, str):
        cte = " ".join(raw_values(part, "content-transfer-encoding")).strip().lower()
        if "quoted" in cte and cte != "quoted-printable":  # "quoted printable", "...;"
            return quopri.decodestring(raw_bytes(raw))
        if "base64" in cte and cte != "base64":
            return _lenient_base64(raw_bytes(raw))
    try:
        data = part.get_payload(decode=True)
    except GUARDED:
        data = None
    if isinstance(data, bytes):
        return data
    return raw_bytes(raw) if isinstance(raw, str) else b""


def raw_bytes(raw: str) -> bytes:
    """The bytes behind a payload string: surrogate-escaped bytes back, other text as UTF-8."""
    for encoding in ("ascii", "utf-8"):
        try:
            return raw.encode(encoding, "surrogateescape")
        except UnicodeEncodeError:
            continue
    return raw.encode("utf-8", "replace")


def _lenient_base64(data: bytes) -> bytes:
    """Base64 decoded ignoring stray characters and a cut-off tail."""
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", data)
    cleaned = cleaned[: len(cleaned) - len(cleaned) % 4]
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        return data


def part_text(part: Message, data: bytes) -> tuple[str, str | None]:
    """The text of a text part from its decoded bytes; returns ``(text, note)``."""
    return decode_declared(data, charset(part))


def preferred_alternative(alternatives: list[object]) -> int:
    """Index of the alternative to read: text/plain first, then HTML, then the rest in order."""
    ranks = {"text/plain": 0, "text/html": 1}
    best, best_rank = 0, 99
    for index, sub in enumerate(alternatives):
        if not isinstance(sub, Message):
            continue
        kind = content_type(sub)
        rank = ranks.get(kind, 2 if kind.startswith("multipart/") else 3)
        if rank < best_rank:
            best, best_rank = index, rank
    return best
