"""Column widths that keep words whole: a column widens to its longest word when the page allows.

reportlab breaks a word that is wider than its cell anywhere ("Adeb ayo-Stone", "Countr y"). The
table's relative widths are the starting point; each column whose longest word (or heading word)
would not fit is given the width that word needs, and the columns that have room to spare give
it up in proportion to their share. When the longest words of all columns do not fit together,
the longest are cut to one common length, so the short words stay whole and only a token no
page could hold (an e-mail address, a long file name) breaks; hashes and text in a script
without spaces break as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.reports.escape import has_cjk
from desktop_app.reports.model import Table
from desktop_app.reports.styles import CELL, HEAD_CELL

MOST = 0.45  # no column is widened past this share of the table for one long word
SLACK = 1.5  # points: reportlab's line fitting needs a hair more than the word's own width


def fitted_widths(table: Table, width: float, pad: float) -> list[float]:
    """The widths, in points, of ``table``'s columns set ``width`` points wide.

    ``pad`` is each cell's left and right padding.
    """
    scale = width / sum(table.widths)
    shares = [w * scale for w in table.widths]
    needs = [
        0.0 if i in table.mono else min(_need(table, i) + 2 * pad + SLACK, width * MOST)
        for i in range(len(shares))
    ]
    return _spread(shares, _capped(needs, width), width)


def _capped(needs: list[float], width: float) -> list[float]:
    """Needs that fit ``width`` together: the largest are cut down to one common cap.

    The columns under the cap keep their words whole; those over it hold a token too long for
    any width the page gives (an e-mail address, a file name) and break as they must.
    """
    if sum(needs) <= width:
        return needs
    low, high = 0.0, max(needs)
    for _step in range(40):
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(n, cap) for n in needs) <= width else (low, cap)
    return [min(n, low) for n in needs]


def _need(table: Table, column: int) -> float:
    """The width of the longest word in a column: its heading in bold, its cells as set."""
    heading = _widest((table.columns[column],), HEAD_CELL.fontName, HEAD_CELL.fontSize)
    cells = _widest((row[column] for row in table.rows), CELL.fontName, CELL.fontSize)
    bold_rows = [r for r, c in table.bold if c == column]
    bold = _widest(
        (table.rows[r][column] for r in bold_rows), HEAD_CELL.fontName, HEAD_CELL.fontSize
    )
    return max(heading, cells, bold)


def _widest(texts: Iterable[str], font: str, size: float) -> float:
    widest = 0.0
    for text in texts:
        if has_cjk(text):
            continue  # CJK text breaks between any two characters
        for word in set(text.split()):
            widest = max(widest, stringWidth(word, font, size))
    return widest


def _spread(shares: Sequence[float], needs: Sequence[float], width: float) -> list[float]:
    """Give each column at least its need, taking the room from the others by their share."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(shares)) if i not in fixed]
        room = width - sum(fixed.values())
        total = sum(shares[i] for i in free)
        if not free or total <= 0:
            break
        widths = {i: room * shares[i] / total for i in free}
        short = {i: needs[i] for i in free if widths[i] < needs[i]}
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(shares))]
        fixed.update(short)
    return list(shares)
