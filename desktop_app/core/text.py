"""Showing stored text safely: control and direction-override characters made visible.

A title containing U+202E (right-to-left override) could make a list lie about what it shows; a
NUL or a line break would break a one-line cell or a terminal. Stored values never change: only
what is drawn or printed.
"""

from __future__ import annotations

import unicodedata

_KEPT = {"\u200d", "\u200c"}  # joiners inside emoji and Indic scripts are part of the text
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def visible(text: str) -> str:
    """``text`` with control, format and bidi-override characters written as escapes."""
    if text.isprintable():  # no character of a hidden category: nothing to write out
        return text
    return "".join(_escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch in _KEPT or unicodedata.category(ch) not in _HIDDEN:
        return ch
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def cut_at_word(text: str, limit: int) -> str:
    """``text`` on one line of at most ``limit`` characters, cut after a word, then "…".

    A single word longer than the limit is cut where the limit falls (nothing else fits).
    """
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    room = line[: limit - 1]
    at = room.rfind(" ")
    kept = room[:at] if at > 0 else room
    return kept.rstrip(" ,;:") + "…"
