"""Marking searched-for words in a document preview: every occurrence in text, one in a PDF."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

HIGHLIGHT = "#fff0a0"
"""The background behind a found word (the same soft yellow as the search results)."""
MAX_MARKS = 2000
"""Enough marks for any page a person reads; a huge text stops marking there."""
_SPACES = re.compile(r"\s+")


def mark_words(edit: QPlainTextEdit, words: tuple[str, ...]) -> int:
    """Highlight every occurrence of each of ``words`` in ``edit`` (case ignored); the count.

    The first occurrence is scrolled into view. Empty ``words`` removes the highlights.
    """
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(HIGHLIGHT))
    fmt.setFontWeight(QFont.Weight.Bold)
    document = edit.document()
    marks: list[QTextEdit.ExtraSelection] = []
    for word in dict.fromkeys(w for w in words if w.strip()):
        found = document.find(word, 0, QTextDocument.FindFlag(0))
        while not found.isNull() and len(marks) < MAX_MARKS:
            mark = QTextEdit.ExtraSelection()
            mark.cursor, mark.format = found, fmt
            marks.append(mark)
            found = document.find(word, found, QTextDocument.FindFlag(0))
    edit.setExtraSelections(marks)
    if marks:
        first = min(marks, key=lambda m: m.cursor.selectionStart())
        cursor = QTextCursor(document)
        cursor.setPosition(first.cursor.selectionStart())
        edit.setTextCursor(cursor)
        edit.centerCursor()
    return len(marks)


def pdf_search_string(text: str, words: tuple[str, ...]) -> str:
    """What a PDF view searches for (it takes one string).

    The words together when they stand so in ``text``, else the longest of them.
    """
    wanted = [w for w in words if w.strip()]
    if not wanted:
        return ""
    together = " ".join(wanted)
    if len(wanted) > 1 and together.casefold() in _SPACES.sub(" ", text).casefold():
        return together
    return max(wanted, key=len)
