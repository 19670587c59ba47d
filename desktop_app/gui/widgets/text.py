"""One-line text for table cells: escaped (see core.text) and cut to a readable length."""

from __future__ import annotations

from desktop_app.core.text import visible

MAX_CELL = 500


def display_text(text: str, limit: int = MAX_CELL) -> str:
    """Cell text: controls and bidi overrides escaped, text past ``limit`` cut with an ellipsis."""
    shown = visible(text[: limit + 1])
    return shown if len(text) <= limit else shown[:limit] + "…"
