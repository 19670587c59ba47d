"""Right-to-left text (Hebrew, Arabic, …) for reportlab, which sets every line left to right.

reportlab's own bidi support needs ``rlbidi``; we use python-bidi instead and hand reportlab lines
that are already in visual order. A paragraph holding strong right-to-left characters is
1. split into lines in logical (typed) order at the width it will be set, measuring each word as
   HarfBuzz will shape it;
2. each line reordered with the Unicode bidi algorithm (python-bidi, paragraph direction taken
   from the whole text);
3. each visual word prepared for reportlab's HarfBuzz shaping (``ParagraphStyle(shaping=1)``),
   which shapes word by word and reverses every word it guesses to be right-to-left: such a word
   is handed over reversed back to logical order (so Arabic letters join correctly), and brackets
   are mirrored so that HarfBuzz's own mirroring leaves each the way rule L4 wants it.
The caller escapes the lines afterwards and joins them with ``<br/>``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import uharfbuzz as hb  # type: ignore[import-untyped]
from bidi import algorithm, get_display  # type: ignore[import-untyped]
from bidi.mirror import MIRRORED  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics

# Scripts written right to left: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, their
# presentation forms, and the right-to-left blocks of the supplementary planes.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Right-to-left text that needs HarfBuzz: joining scripts (Arabic, Syriac, NKo, Mandaic, …) and
# combining marks (Hebrew points); plain Hebrew letters are set as they are.
_SHAPED = re.compile(
    "[\u0590-\u05cf\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_LEVEL = re.compile(r"Level\(\s*(\d+)")
_ALM = "\u061c"  # ARABIC LETTER MARK: invisible, and makes HarfBuzz guess right to left
SLACK = 0.98  # lines are filled to this share of the width, so shaping can never overflow one


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds characters of a right-to-left script."""
    return _RTL.search(text) is not None


def prepare_shaping(fonts: tuple[str, ...]) -> None:
    """Ready every font a shaped paragraph may switch to (once per process).

    reportlab gives a font the hook that maps glyphs without a character (``hbAddPrivate``)
    only when HarfBuzz first shapes with it, but may need it for another font of the same word.
    """
    for name in fonts:
        ttf: Any = pdfmetrics.getFont(name)
        if not hasattr(ttf, "hbAddPrivate"):
            ttf.hbFont()


def needs_shaping(text: str) -> bool:
    """Whether ``text`` must be shaped by HarfBuzz (joining letters or combining marks)."""
    return _SHAPED.search(text) is not None


def starts_rtl(text: str) -> bool:
    """Whether the paragraph direction of ``text`` is right to left (its first strong letter)."""
    return bool(algorithm.get_base_level(text) == 1)


def visual_lines(
    text: str, font: str, size: float, width: float | None, *, right_to_left: bool, shaped: bool
) -> list[str]:
    """``text`` (no line breaks) as lines of at most ``width`` points in visual order.

    ``right_to_left`` is the paragraph direction; ``shaped`` says the paragraph will be set with
    HarfBuzz shaping, so words are prepared for it. With ``width`` None the text is reordered as
    one line (reportlab may still wrap it).
    """
    base = 1 if right_to_left else 0
    logical = [text] if width is None else _wrap(text, font, size, width * SLACK)
    return [_arrange(line, base, shaped) for line in logical]


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line filling in logical order; a word longer than a line is cut between letters."""
    space = pdfmetrics.stringWidth(" ", font, size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split(" "):
        for piece in _pieces(word, font, size, width):
            wide = _width(piece, font, size)
            if line and used + space + wide > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + wide
            line.append(piece)
    lines.append(" ".join(line))
    return lines


def _pieces(word: str, font: str, size: float, width: float) -> list[str]:
    if _width(word, font, size) <= width:
        return [word]
    pieces, start = [], 0
    for end in range(1, len(word) + 1):
        if end - start > 1 and _width(word[start:end], font, size) > width:
            pieces.append(word[start : end - 1])
            start = end - 1
    pieces.append(word[start:])
    return pieces


def _width(word: str, font: str, size: float) -> float:
    """The advance of ``word`` as HarfBuzz shapes it in ``font`` at ``size`` points."""
    if not word:
        return 0.0
    buf = _buffer(word)
    hb.shape(_hb_font(font), buf, {"kern": True, "liga": True})
    advance: int = sum(p.x_advance for p in buf.glyph_positions)
    return advance * size / _units(font)


def _arrange(line: str, base: int, shaped: bool) -> str:
    """One logical line in visual order, each word prepared for reportlab's per-word shaping."""
    chars = _visual(line, base)
    words: list[list[tuple[str, int]]] = [[]]
    for ch, level in chars:
        if ch == " ":
            words.append([])
        else:
            words[-1].append((ch, level))
    return " ".join(_word(word) if shaped else _mirrored(word) for word in words)


def _visual(line: str, base: int) -> list[tuple[str, int]]:
    """The characters of ``line`` in visual order with their resolved embedding levels (L2)."""
    chars = list(zip(line, _levels(line, base), strict=True))
    odd = [level for _, level in chars if level % 2]
    if not odd:
        return chars
    for floor in range(max(level for _, level in chars), min(odd) - 1, -1):
        start = None
        for index in range(len(chars) + 1):
            inside = index < len(chars) and chars[index][1] >= floor
            if inside and start is None:
                start = index
            elif not inside and start is not None:
                chars[start:index] = chars[start:index][::-1]
                start = None
    return chars


def _levels(line: str, base: int) -> list[int]:
    """The resolved level of each character, from python-bidi's Unicode 15 implementation.

    Its Rust core reports levels only in its debug dump (one per UTF-8 byte, after the text);
    should that ever not parse, the library's older pure-Python algorithm (no bracket pairs)
    answers instead.
    """
    dump = str(get_display(line, base_dir="R" if base else "L", debug=True))
    start = dump.rfind("levels: [")
    per_byte = [int(n) for n in _LEVEL.findall(dump, start, dump.find("]", start))]
    if start < 0 or len(per_byte) != len(line.encode()):
        return _python_levels(line, base)
    levels, at = [], 0
    for ch in line:
        levels.append(per_byte[at])
        at += len(ch.encode())
    return levels


def _python_levels(line: str, base: int) -> list[int]:
    storage: dict[str, Any] = algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    algorithm.get_embedding_levels(line, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    return [int(c["level"]) for c in storage["chars"]]


def _word(word: list[tuple[str, int]]) -> str:
    """A visual word as reportlab must be given it so that HarfBuzz draws it in this order.

    HarfBuzz reverses (and mirrors the brackets of) a word it guesses to be right to left, from
    the first letter of a script: a word with right-to-left letters goes in reversed (their
    logical order, so Arabic letters join), its brackets pre-mirrored where rule L4 wants none;
    if its first letter is then a left-to-right one (``ACME-אקמה``), an invisible Arabic letter
    mark in front makes the guess come out right.
    """
    if not has_rtl("".join(ch for ch, _ in word)):
        return _mirrored(word)
    backwards = "".join(_mirror(ch) if level % 2 == 0 else ch for ch, level in reversed(word))
    return backwards if _guessed_rtl(backwards) else _ALM + backwards


def _mirrored(word: list[tuple[str, int]]) -> str:
    """A visual word with rule L4 applied: brackets at right-to-left levels mirrored."""
    return "".join(_mirror(ch) if level % 2 else ch for ch, level in word)


def _mirror(ch: str) -> str:
    return str(MIRRORED.get(ch, ch)) if unicodedata.mirrored(ch) else ch


def _guessed_rtl(text: str) -> bool:
    """Whether HarfBuzz, guessing from the script as reportlab lets it, sets ``text`` RTL."""
    return str(_buffer(text).direction) == "rtl"


def _buffer(text: str) -> Any:
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    return buf


@lru_cache(maxsize=16)
def _hb_font(font: str) -> Any:
    ttf: Any = pdfmetrics.getFont(font)  # a registered TTFont
    return hb.Font(hb.Face(hb.Blob(ttf.face._ttf_data)))


@lru_cache(maxsize=16)
def _units(font: str) -> int:
    return int(_hb_font(font).face.upem)
