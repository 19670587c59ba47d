r"""The small markup counsel write memo text in: paragraphs, bullet lists, bold and italic.

A blank line starts a new paragraph; a line that begins with ``- `` or ``* `` (or ``•``) is a
bullet; other lines continue the block above them, their line breaks kept. ``**text**`` is bold
and ``*text*`` italic. A marker without its partner, or one that touches a space on the inside
(``5 * 3``), is ordinary text; ``\*`` is a literal asterisk. Nothing else is markup: the result
is plain data, and each renderer escapes the text of every run itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^[ \t]*(?:[-*•])[ \t]+")
_BOLD = re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.DOTALL)
_LINES = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Run:
    """A stretch of text set one way."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph, or one bullet of a list."""

    runs: tuple[Run, ...]
    bullet: bool = False

    @property
    def text(self) -> str:
        """The block's characters without the markup."""
        return "".join(run.text for run in self.runs)


def parse(text: str) -> tuple[Block, ...]:
    """The blocks of ``text``, in order."""
    blocks: list[Block] = []
    for lines, bullet in _block_lines(text):
        blocks.append(Block(inline("\n".join(lines)), bullet))
    return tuple(blocks)


def _block_lines(text: str) -> list[tuple[list[str], bool]]:
    found: list[tuple[list[str], bool]] = []
    current: list[str] | None = None
    for line in _LINES.split(text):
        if not line.strip():
            current = None
            continue
        marker = _BULLET.match(line)
        if marker:
            current = [line[marker.end() :]]
            found.append((current, True))
        elif current is None:
            current = [line]
            found.append((current, False))
        else:
            current.append(line)
    return found


def inline(text: str) -> tuple[Run, ...]:
    """The runs of one block: bold and italic stretches between plain ones."""
    star = _stand_in(text)
    hidden = text.replace("\\*", star)
    runs: list[Run] = []
    for part, bold in _split(hidden, _BOLD):
        runs += [Run(piece, bold, italic) for piece, italic in _split(part, _ITALIC)]
    return tuple(Run(r.text.replace(star, "*"), r.bold, r.italic) for r in runs if r.text)


def _stand_in(text: str) -> str:
    """A private-use character absent from ``text``, to hide escaped asterisks while matching."""
    return next(c for c in map(chr, range(0xE000, 0xF900)) if c not in text)


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    start = 0
    for match in pattern.finditer(text):
        parts += [(text[start : match.start()], False), (match.group(1), True)]
        start = match.end()
    parts.append((text[start:], False))
    return parts
