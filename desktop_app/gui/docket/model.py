"""The docket table: one row per matter, and the filter that narrows it as counsel type."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from desktop_app.core.enums import MatterKind, MatterStatus
from desktop_app.core.models import MatterSummary
from desktop_app.gui.widgets.table_model import ROW_ROLE, SORT_ROLE, Column, RecordTableModel

DOCKET_COLUMNS: list[Column[MatterSummary]] = [
    Column("Matter", lambda s: s.matter.number),
    Column("Status", lambda s: s.matter.status.label),
    Column("Title", lambda s: s.matter.title, tooltip=lambda s: s.matter.title),
    Column("Kind", lambda s: s.matter.kind.label),
    Column("Agency", lambda s: s.matter.agency.label),
    Column("Counsel", lambda s: s.matter.counsel),
    Column("Opened", lambda s: s.matter.opened.isoformat() if s.matter.opened else ""),
    Column("Parties", lambda s: str(s.party_count), lambda s: s.party_count, align_right=True),
    Column("Items", lambda s: str(s.item_count), lambda s: s.item_count, align_right=True),
]


def docket_model(parent: QObject | None = None) -> RecordTableModel[MatterSummary]:
    """A docket table model keyed by matter id."""
    return RecordTableModel(DOCKET_COLUMNS, key=lambda s: s.matter.id, parent=parent)


def haystack(summary: MatterSummary) -> str:
    """Everything the filter box searches in, case-folded."""
    m = summary.matter
    words = [m.number, m.title, m.counsel, m.acn, m.license_number, m.summary, *m.tags]
    return "\n".join(words).casefold()


class DocketFilter(QSortFilterProxyModel):
    """Keeps the matters whose text contains every typed word and that match status and kind.

    The decision for every row is worked out in one pass when a filter changes (over
    case-folded text cached per matter), so the per-row callback Qt makes is a list lookup:
    a keystroke stays well within a frame at 10,000 matters.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: MatterStatus | None = None
        self._kind: MatterKind | None = None
        self._haystacks: dict[int, str] = {}
        self._accepted: list[bool] | None = None
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        """Filter by words (all must appear, in any field, any case)."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: MatterStatus | None) -> None:
        """Show only matters with this status (None: all)."""
        self.beginFilterChange()
        self._status = status
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: MatterKind | None) -> None:
        """Show only matters of this kind (None: all)."""
        self.beginFilterChange()
        self._kind = kind
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """True when the matter at ``source_row`` passes every filter."""
        accepted = self._accepted
        if accepted is None or len(accepted) != self.sourceModel().rowCount():
            accepted = self._accepted = self._decide()
        return 0 <= source_row < len(accepted) and accepted[source_row]

    def _decide(self) -> list[bool]:
        """Whether each source row passes, in source order."""
        source = self.sourceModel()
        rows: list[MatterSummary] = (
            source.rows()
            if isinstance(source, RecordTableModel)
            else [source.index(r, 0).data(ROW_ROLE) for r in range(source.rowCount())]
        )
        status, kind, words = self._status, self._kind, self._words
        decided = []
        for summary in rows:
            matter = summary.matter
            if (status is not None and matter.status is not status) or (
                kind is not None and matter.kind is not kind
            ):
                decided.append(False)
                continue
            text = self._haystacks.get(matter.id)
            if text is None:
                text = self._haystacks[matter.id] = haystack(summary)
            decided.append(all(word in text for word in words))
        return decided

    def forget_text(self) -> None:
        """Drop cached search text and decisions after the rows changed."""
        self._haystacks.clear()
        self._accepted = None
