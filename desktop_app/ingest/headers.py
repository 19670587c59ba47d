"""Guarded header access for `email.message.Message` (docs/reliability.md T19, T22).

The standard library's header parser raises on real-world mail: IndexError, AttributeError,
ValueError, UnicodeError, TypeError, HeaderParseError, LookupError. Every access here catches
them and falls back to the raw header text, decoded with replacement characters, so no header
can stop a message from being read. Address lists never go through the structured parser, whose
cost grows with the square of the header's length; see `address_header`.
"""

from __future__ import annotations

import email.header
import email.utils
import re
from datetime import UTC
from email.errors import HeaderParseError
from email.message import Message

from desktop_app.ingest.text import decode_text

GUARDED: tuple[type[Exception], ...] = (
    IndexError,
    AttributeError,
    ValueError,
    UnicodeError,
    TypeError,
    HeaderParseError,
    LookupError,
    AssertionError,
)
DATE_ERRORS: tuple[type[Exception], ...] = (*GUARDED, OverflowError)
STRUCTURED_LIMIT = 16_384  # longer unstructured values skip the stdlib parser
MAX_TEXT_HEADER = 65_536  # a Subject is read up to this many characters
_FOLD = re.compile(r"\r?\n(?=[ \t])|\r?\n")
_MSG_ID = re.compile(r"<[^<>\s]*>")
_ADDRESS_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"?'  # a quoted string (to the end if unterminated)
    r"|\((?:[^()\\]|\\.)*\)?"  # a comment
    r"|<[^<>]*>?"  # an angle address
    r"|=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?="  # an encoded word, which may hold a colon
    r'|[,;:]|[^",;:(<=]+|.',
    re.DOTALL,
)
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")


def raw_values(msg: Message, name: str) -> list[str]:
    """Every raw value of header ``name`` as stored by the parser (surrogate-escaped bytes)."""
    wanted = name.lower()
    try:
        return [str(value) for key, value in msg.raw_items() if str(key).lower() == wanted]
    except GUARDED:
        return []


def raw_to_text(raw: str, hint: str | None = None) -> str:
    """Unfold a raw header value and make it text.

    Encoded words are decoded; raw 8-bit bytes are read as UTF-8, else in the message's
    charset (``hint``), else as Windows-1252 or Latin-1.
    """
    value = _FOLD.sub("", raw).strip()
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeError:
        return value  # already text (a str header set by code, not parsed from bytes)
    if all(byte < 0x80 for byte in data):
        return decode_words(value)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if hint:
        try:
            return data.decode(hint)
        except (UnicodeError, LookupError, ValueError, TypeError):
            pass
    return decode_text(data)[0]


def charset_hint(msg: Message) -> str | None:
    """The charset the message's own Content-Type declares, for raw 8-bit headers."""
    try:
        return msg.get_content_charset() or None
    except GUARDED:
        return None


def decode_words(value: str) -> str:
    """``value`` with RFC 2047 encoded words decoded; unchanged if they cannot be."""
    if "=?" not in value:
        return value
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except GUARDED:
        return _ENCODED_WORD.sub(lambda m: _one_word(m.group(0)), value)


def _one_word(word: str) -> str:
    """One encoded word decoded, or left as written."""
    try:
        return str(email.header.make_header(email.header.decode_header(word)))
    except GUARDED:
        return word


def text_header(msg: Message, name: str) -> str:
    """An unstructured header (Subject) as text, "" when absent."""
    raws = raw_values(msg, name)
    if not raws:
        return ""
    raw = raws[0]
    if len(raw) > STRUCTURED_LIMIT or _has_8bit(raw):
        return raw_to_text(raw[:MAX_TEXT_HEADER], charset_hint(msg))
    try:
        value = msg.get(name)
        return _FOLD.sub("", str(value)).strip() if value is not None else ""
    except GUARDED:
        return raw_to_text(raw)


def address_header(msg: Message, name: str) -> tuple[str, ...]:
    """Addresses of every ``name`` header as written ("Name <a@b.c>"), in order.

    The raw value is split by `split_addresses` (linear time, never raises) and each address's
    encoded words are decoded; the structured parser is not used, as it is quadratic in the
    header's length (a To: with 100,000 addresses) and loses text it cannot parse.
    """
    hint = charset_hint(msg)
    found: list[str] = []
    for raw in raw_values(msg, name):
        found.extend(_addresses(raw, hint))
    return tuple(found)


def _addresses(raw: str, hint: str | None) -> list[str]:
    """The addresses in one raw header value, each decoded."""
    value = _FOLD.sub("", raw).strip()
    return [raw_to_text(item, hint) for item in split_addresses(value)]


def split_addresses(text: str) -> list[str]:
    """Split an address list on commas outside quotes, comments and angle brackets (linear).

    Group names ("undisclosed-recipients:") are dropped and their members kept; a colon inside
    an encoded word is not a group name.
    """
    items: list[str] = []
    current: list[str] = []
    for piece in _ADDRESS_TOKEN.findall(text):
        if piece in {",", ";"}:
            items.append("".join(current))
            current = []
        elif piece == ":":
            current = []
        else:
            current.append(piece)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def date_header(msg: Message, name: str = "Date") -> str:
    """The date as ISO 8601 with its offset ("-0000" counts as UTC), or "" if unparseable."""
    raws = raw_values(msg, name)
    return iso_date(raw_to_text(raws[0])) if raws else ""


def iso_date(value: str) -> str:
    """An RFC 5322 date string as ISO 8601 with its offset, or "" if it cannot be read."""
    if not value.strip():
        return ""
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.isoformat()
    except DATE_ERRORS:
        return ""


def id_header(msg: Message, name: str) -> str:
    """A Message-ID or In-Reply-To: the first ``<id>``, else the value as written."""
    raws = raw_values(msg, name)
    if not raws:
        return ""
    text = raw_to_text(raws[0])
    match = _MSG_ID.search(text)
    return match.group(0) if match else text


def ids_header(msg: Message, name: str) -> tuple[str, ...]:
    """References: every ``<id>`` in order, de-duplicated; bare words if there are none."""
    text = " ".join(raw_to_text(raw) for raw in raw_values(msg, name))
    ids = _MSG_ID.findall(text) or text.split()
    return tuple(dict.fromkeys(ids))


def _has_8bit(raw: str) -> bool:
    """True when a raw header value carries bytes or characters beyond ASCII."""
    return any("\udc80" <= ch <= "\udcff" or ord(ch) > 0x7F for ch in raw)
