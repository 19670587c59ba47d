"""Plain text: charset detection without extra dependencies, and "is this text at all".

Detection order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else
Windows-1252 when every byte is defined there; else Latin-1, which decodes anything. The result
is never a guess that raises: some text always comes out.
"""

from __future__ import annotations

import codecs

from desktop_app.ingest.limits import Budget

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SNIFF_BYTES = 8192
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\b\x1b")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding named by a leading byte-order mark and the mark's length, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown charset; returns ``(text, encoding used)``."""
    found = bom_encoding(data)
    if found:
        name, skip = found
        return data[skip:].decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def decode_declared(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode with a declared charset, falling back sensibly; returns ``(text, note)``.

    A charset Python does not know, or ASCII that is really 8-bit, goes through `decode_text`;
    a known charset that does not fit the bytes decodes with replacement characters.
    """
    name = (charset or "").strip().strip('"').lower()
    if not name:
        return decode_text(data)[0], None
    try:
        codec = codecs.lookup(name).name
    except (LookupError, ValueError):
        return decode_text(data)[0], f"unknown charset {name[:40]!r}: decoded by guess"
    try:
        return data.decode(codec), None
    except (UnicodeError, ValueError, TypeError):
        pass
    if codec in {"ascii", "us-ascii", "utf-8", "latin-1", "iso8859-1"}:
        return decode_text(data)[0], None
    try:
        return data.decode(codec, errors="replace"), None
    except (UnicodeError, ValueError, TypeError, LookupError):
        return decode_text(data)[0], None


def looks_like_text(data: bytes) -> bool:
    """True when the first 8 KiB look like text: a BOM, or no NUL and almost all printable."""
    if bom_encoding(data):
        return True
    sample = data[:SNIFF_BYTES]
    if not sample or b"\x00" in sample:
        return False
    text = decode_text(sample)[0]
    if not text:
        return False
    odd = sum(1 for ch in text if (ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f")
    return odd <= len(text) // 50


def cut_text(text: str, budget: Budget, notes: list[str]) -> str:
    """``text`` cut at ``max_text_chars`` (with a note), its size counted against the budget."""
    limit = budget.limits.max_text_chars
    if len(text) > limit:
        notes.append(f"text cut at {limit:,} characters of {len(text):,}")
        text = text[:limit]
    budget.add_bytes(len(text))
    return text


def read_text(data: bytes, budget: Budget) -> tuple[str, tuple[str, ...]]:
    """Text of a plain-text file and its notes (the encoding when it had to be guessed)."""
    budget.check_size(len(data))
    text, encoding = decode_text(data)
    notes: list[str] = []
    if encoding in {"cp1252", "latin-1"}:  # a guess, not a mark: say so
        notes.append(f"read as {encoding}")
    return cut_text(text, budget, notes), tuple(notes)
