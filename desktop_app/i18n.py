"""Marking strings shown to people for translation; only English ships for now."""

from __future__ import annotations


def _(text: str) -> str:
    """The translation of ``text`` (identity until a catalogue ships)."""
    return text


def n_(one: str, many: str, n: int) -> str:
    """``one`` or ``many`` for the count ``n`` (English: one for 1 alone), to ``format(n=…)``."""
    return one if n == 1 else many
