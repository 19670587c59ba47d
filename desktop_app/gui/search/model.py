"""The results table's model: the declared columns, plus each snippet's matched stretches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from desktop_app.core.search_query import SearchHit
from desktop_app.gui.search.columns import SEARCH_COLUMNS, SNIPPET_COLUMN, hit_key, shown_snippet
from desktop_app.gui.widgets.table_model import ROW_ROLE, Index, RecordTableModel

SPANS_ROLE = Qt.ItemDataRole.UserRole + 10
"""The snippet cell's matched stretches: a tuple of (start, end) offsets into its text."""


class HitsModel(RecordTableModel[SearchHit]):
    """Search results in ranked order; the snippet cell also answers `SPANS_ROLE`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SEARCH_COLUMNS, hit_key, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As the declared columns say; the snippet's spans under `SPANS_ROLE`."""
        if role != SPANS_ROLE:
            return super().data(index, role)
        if not index.isValid() or index.column() != SNIPPET_COLUMN:
            return None
        hit = super().data(index, ROW_ROLE)
        return shown_snippet(hit)[1] if isinstance(hit, SearchHit) else None
