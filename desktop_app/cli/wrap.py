"""Text wrapped for the terminal at words: a word is never cut, however long."""

from __future__ import annotations

import textwrap

WIDTH = 100


def wrap_words(text: str, first: str, rest: str | None = None) -> list[str]:
    """``text`` in lines of WIDTH: the first after ``first``, the others after ``rest``."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]
