"""Make user text safe for a reportlab ``Paragraph``, which parses its text as markup.

Every stored string passes through :func:`paragraph_text`: XML-escaped (so ``<img src=…>`` or
``<font color=…>`` print as typed and are never interpreted), control, format and bidi-override
characters written as visible escapes, line breaks kept as ``<br/>``. Unbroken tokens longer than a
line are split by reportlab itself (``splitLongWords``); long texts are cut by :func:`chunks`.
Right-to-left text is reordered line by line *before* it is escaped (:func:`markup_lines`), so the
escaping is the last step whatever the direction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from desktop_app.core.text import visible

CHUNK = 3000  # characters per paragraph when a long text is split for pagination
_LINES = re.compile(r"\r\n|\r|\n")
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)


_CJK_RUN = re.compile(_CJK.pattern + "+")


def has_cjk(text: str) -> bool:
    """Whether ``text`` needs the CJK font."""
    return _CJK.search(text) is not None


def paragraph_text(text: str, cjk_face: str = "") -> str:
    """``text`` as paragraph markup that shows exactly the characters typed.

    With ``cjk_face``, runs of CJK characters are set in that font (our own tag, added after
    escaping, so nothing the user typed can open or close one).
    """
    return markup_lines(text, lambda line: [line], cjk_face)


def markup_lines(text: str, lay_out: Callable[[str], list[str]], cjk_face: str = "") -> str:
    """``text`` as paragraph markup, each of its lines first laid out by ``lay_out``.

    ``lay_out`` receives one line of the text (tabs expanded, controls made visible) and returns
    the lines to print for it (e.g. wrapped and put in visual order); those are escaped, then
    joined with ``<br/>``.
    """
    lines = [
        escape(shown)
        for line in _LINES.split(text)
        for shown in lay_out(visible(line.replace("\t", "    ")))
    ]
    markup = "<br/>".join(lines)
    if cjk_face:
        markup = _CJK_RUN.sub(lambda m: f'<font face="{cjk_face}">{m.group(0)}</font>', markup)
    return markup


def chunks(text: str) -> list[str]:
    """Split a long text into paragraph-sized pieces, at line breaks or spaces where possible."""
    pieces: list[str] = []
    for line in _LINES.split(text):
        rest = line
        while len(rest) > CHUNK:
            cut = rest.rfind(" ", CHUNK // 2, CHUNK)
            cut = cut + 1 if cut > 0 else CHUNK
            pieces.append(rest[:cut])
            rest = rest[cut:]
        pieces.append(rest)
    return pieces
