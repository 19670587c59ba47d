"""The docket table: one row per matter, and the filter that narrows it as counsel type."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

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


class DocketModel(RecordTableModel[MatterSummary]):
    """The docket rows, kept in the order of the sorted column.

    Sorting happens here, once per reload or header click, with one Python ``sorted`` over
    keys computed once per row; the filter proxy in front then never sorts, so a keystroke
    that brings thousands of rows back costs no Python call per comparison. Ties keep the
    order the rows were given in, as the proxy's stable sort did.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(DOCKET_COLUMNS, key=lambda s: s.matter.id, parent=parent)
        self._natural: list[MatterSummary] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def sort_column(self) -> int:
        """The column the rows are sorted by (-1: the order they were given in)."""
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        """The order of the sorted column."""
        return self._sort_order

    def _ordered(self, rows: list[MatterSummary]) -> list[MatterSummary]:
        column = self._sort_column
        if not 0 <= column < len(self._columns):
            return list(rows)
        declared = self._columns[column]
        get = declared.sort_key or (lambda s: declared.text(s).casefold())
        keys = [get(s) for s in rows]
        order = sorted(
            range(len(rows)),
            key=keys.__getitem__,
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        return [rows[i] for i in order]

    def set_rows(self, rows: Sequence[MatterSummary]) -> bool:
        """Show ``rows`` in sorted order; True when the set of rows changed."""
        self._natural = list(rows)
        ordered = self._ordered(self._natural)
        key = self._key
        if len(ordered) == len(self._rows) and {key(r) for r in ordered} == {
            key(r) for r in self._rows
        }:
            self._rearrange(ordered)
            return False
        return super().set_rows(ordered)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column`` (-1: the order they were given in)."""
        self._sort_column, self._sort_order = column, order
        self._rearrange(self._ordered(self._natural))

    def _rearrange(self, ordered: list[MatterSummary]) -> None:
        """Show the same rows, with new values, in a new order: a layout change."""
        key = self._key
        if [key(r) for r in ordered] == [key(r) for r in self._rows]:
            self._update_in_place(ordered)
            return
        self.layoutAboutToBeChanged.emit()
        new_position = {key(r): i for i, r in enumerate(ordered)}
        old_rows = self._rows
        persistent = self.persistentIndexList()
        moved = [
            self.index(new_position[key(old_rows[i.row()])], i.column())
            if 0 <= i.row() < len(old_rows)
            else QModelIndex()
            for i in persistent
        ]
        self._rows = ordered
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        before = {key(r): r for r in old_rows}
        changed = [
            i for i, r in enumerate(ordered) if r is not before[key(r)] and r != before[key(r)]
        ]
        if changed:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))


def docket_model(parent: QObject | None = None) -> DocketModel:
    """A docket table model keyed by matter id."""
    return DocketModel(parent)


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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``: the docket model keeps its rows sorted, so this proxy never does."""
        source = self.sourceModel()
        if isinstance(source, DocketModel):
            self._accepted = None  # decided in source order, which is about to change
            source.sort(column, order)
        else:
            super().sort(column, order)

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
