"""Data tables: escaped cells, a shaded header row repeated on every page, optional hash lines."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Table as RlTable

from desktop_app.reports.fonts import SANS
from desktop_app.reports.model import Table
from desktop_app.reports.styles import BODY, CELL, HASH, HEAD_CELL, MONO_CELL, RULE, SHADE, para
from desktop_app.reports.widths import fitted_widths

PAD = 3  # left and right cell padding, points


def data_table(table: Table, width: float) -> Flowable:
    """``table`` as a reportlab table ``width`` points wide, or its "none" line when empty."""
    if not table.rows:
        return para(table.empty, BODY, width)
    widths = fitted_widths(table, width, PAD)
    inner = [w - 2 * PAD for w in widths]  # what a cell's paragraph is set in
    style: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    data: list[list[object]] = [[para(c, HEAD_CELL, inner[i]) for i, c in enumerate(table.columns)]]
    for index, row in enumerate(table.rows):
        data.append(
            [para(cell, _cell_style(table, index, i), inner[i]) for i, cell in enumerate(row)]
        )
        if table.details:
            detail_style = CELL if table.details_are_text else HASH
            detail = para(table.details[index], detail_style, width - 2 * PAD)
            data.append([detail] + [""] * (len(row) - 1))
            line = len(data) - 1
            style += [
                ("SPAN", (0, line), (-1, line)),
                ("TOPPADDING", (0, line), (-1, line), 0),
                ("LINEBELOW", (0, line), (-1, line), 0.25, SHADE),
            ]
        else:
            style.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.25, SHADE))
    return RlTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,  # a row taller than a page (a very long condition) continues overleaf
        style=style,
        hAlign="LEFT",
    )


def _cell_style(table: Table, row: int, column: int) -> ParagraphStyle:
    """The style of one body cell: monospaced for hash columns, bold where the table says."""
    if column in table.mono:
        return MONO_CELL
    return HEAD_CELL if (row, column) in table.bold else CELL
