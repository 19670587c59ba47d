"""HTML to readable plain text, for email bodies and .html files.

A small `html.parser` walker: it keeps the words and the line structure (paragraphs, breaks,
list items, table rows), drops scripts, styles and the head, and never fetches anything: no
images, no links followed, no external entities (HTMLParser knows none). What comes out is
plain text that is shown as text, never rendered as HTML again.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "object"})
_PARAGRAPHS = frozenset(
    {
        "p", "table", "ul", "ol", "dl", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5",
        "h6", "section", "article", "header", "footer", "address", "center", "form", "fieldset",
    }
)  # fmt: skip
_LINES = frozenset({"div", "li", "tr", "dt", "dd", "body", "caption"})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_MAX_NESTING = 10_000


class _TextWalker(HTMLParser):
    """Collects text and line breaks while the HTML is fed to it."""

    def __init__(self) -> None:
        """An empty walker; feed it HTML."""
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._dropped: list[str] = []
        self._pre = 0
        self._newlines = 0  # line breaks at the end of the text so far

    def _ensure_breaks(self, count: int) -> None:
        """End the text with at least ``count`` line breaks (none at the very start)."""
        if self.chunks and self._newlines < count:
            self.chunks.append("\n" * (count - self._newlines))
            self._newlines = count

    def _block(self, tag: str) -> None:
        """Break the line (or leave a blank line) around a block element."""
        if tag in _PARAGRAPHS:
            self._ensure_breaks(2)
        elif tag in _LINES:
            self._ensure_breaks(1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element: start dropping, or break the line before a block."""
        if tag == "body":
            self._dropped.clear()  # an unclosed <head> or <title> ends where the body starts
        if tag in _DROPPED:
            if len(self._dropped) < _MAX_NESTING:
                self._dropped.append(tag)
            return
        if self._dropped:
            return
        if tag == "br":
            self.chunks.append("\n")
            self._newlines += 1
            return
        self._pre += tag == "pre"
        self._block(tag)
        if tag in _CELLS:
            self.chunks.append("\t")
        elif tag == "li":
            self.handle_data("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closing element (``<br/>``): only its line break matters."""
        if not self._dropped and tag in {"br", "hr", "p", "div"}:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        """Close an element: stop dropping, or break the line after a block."""
        if self._dropped:
            if tag == self._dropped[-1]:
                self._dropped.pop()
            return
        if tag == "pre" and self._pre:
            self._pre -= 1
        self._block(tag)

    def handle_data(self, data: str) -> None:
        """Keep text outside dropped elements; whitespace collapses except inside ``<pre>``."""
        if self._dropped:
            return
        text = data.replace("\r\n", "\n") if self._pre else re.sub(r"\s+", " ", data)
        if not text:
            return
        self.chunks.append(text)
        if text.strip():
            self._newlines = len(text) - len(text.rstrip("\n"))


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML document or fragment; never raises on bad markup."""
    walker = _TextWalker()
    try:
        walker.feed(html)
        walker.close()
    except (AssertionError, ValueError, IndexError, RecursionError):
        pass  # old CPython versions raised on some malformed declarations; keep what was read
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(walker.chunks).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
