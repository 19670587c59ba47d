"""The docket table: one row per matter, and the filter that narrows it as counsel type."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from desktop_app.core.enums import MatterKind, MatterStatus
from desktop_app.core.models import MatterSummary
from desktop_app.gui.docket.deadline_column import ShownDeadlines, deadline_column
from desktop_app.gui.docket.review_column import ShownReview, review_column
from desktop_app.gui.widgets.table_model import Column, Index, RecordTableModel

if TYPE_CHECKING:
    from datetime import date

    from desktop_app.core.agenda import AgendaRow
    from desktop_app.gui.review import ReviewCounts

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


REVIEW_AT = 2
"""Where the "Needs review" column stands: after Matter and Status."""
DEADLINE_AT = 3
"""Where the "Next deadline" column stands: after "Needs review"."""


class DocketModel(RecordTableModel[MatterSummary]):
    """The docket rows, kept in the order of the sorted column.

    Sorting happens here, once per reload or header click, with one Python ``sorted`` over
    keys computed once per row; the filter proxy in front then never sorts, so a keystroke
    that brings thousands of rows back costs no Python call per comparison. Ties keep the
    order the rows were given in, as the proxy's stable sort did.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        self._review = ShownReview()
        self._deadlines = ShownDeadlines()
        review, deadline = review_column(self._review), deadline_column(self._deadlines)
        columns = [*DOCKET_COLUMNS[:REVIEW_AT], review, deadline, *DOCKET_COLUMNS[REVIEW_AT:]]
        super().__init__(columns, key=lambda s: s.matter.id, parent=parent)
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

    def set_review(self, review: ReviewCounts) -> None:
        """Show these counts of answers that need review (re-sorting if sorted by them)."""
        self._review.counts = review
        self._column_changed(REVIEW_AT)

    def set_deadlines(self, rows: Iterable[AgendaRow], as_of: date, days: int) -> None:
        """Show each matter's first agenda entry (re-sorting if sorted by them)."""
        self._deadlines.update(rows, as_of, days)
        self._column_changed(DEADLINE_AT)

    def _column_changed(self, column: int) -> None:
        if self._sort_column == column:
            self._rearrange(self._ordered(self._natural))
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, column), self.index(last, column))

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


class DocketFilter(QAbstractTableModel):
    """The docket rows that contain every typed word and match the status and kind filters.

    A table model over the sorted `DocketModel` holding only the positions of the rows that
    pass, decided in one Python pass over case-folded text cached per matter. Qt never asks
    about a hidden row: a keystroke costs that pass (or, when a word only grew, a pass over the
    rows still shown) and one layout change, instead of a Python call per row from a
    `QSortFilterProxyModel`. Selections and other persistent indexes follow their matter.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: DocketModel | None = None
        self._words: list[str] = []
        self._status: MatterStatus | None = None
        self._kind: MatterKind | None = None
        self._haystacks: list[str] | None = None
        self._shown: list[int] = []
        self._positions: dict[int, int] | None = None
        self._held: dict[tuple[int, int], int] = {}

    def setSourceModel(self, source: DocketModel) -> None:  # noqa: N802
        """Filter ``source`` (once; the docket keeps one model for its life)."""
        self.beginResetModel()
        self._source = source
        for about in (
            source.layoutAboutToBeChanged,
            source.rowsAboutToBeInserted,
            source.rowsAboutToBeRemoved,
            source.modelAboutToBeReset,
        ):
            about.connect(self._hold)
        for done in (source.layoutChanged, source.rowsInserted, source.rowsRemoved):
            done.connect(self._release)
        source.modelReset.connect(self._release)
        source.dataChanged.connect(self._on_data_changed)
        source.headerDataChanged.connect(self.headerDataChanged)
        self._shown = self._decide(range(source.rowCount()))
        self._positions = None
        self.endResetModel()

    def sourceModel(self) -> DocketModel:  # noqa: N802
        """The model filtered."""
        assert self._source is not None, "setSourceModel first"
        return self._source

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of matters that pass."""
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """The docket's columns."""
        return 0 if parent.isValid() or self._source is None else self._source.columnCount()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What the docket model says of the matter shown at ``index``."""
        row = index.row()
        if not index.isValid() or self._source is None or not 0 <= row < len(self._shown):
            return None
        return self._source.cell(self._shown[row], index.column(), role)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The docket's headers; row numbers count the rows shown."""
        if orientation == Qt.Orientation.Vertical or self._source is None:
            return super().headerData(section, orientation, role)
        return self._source.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``: the docket model sorts itself and this filter follows."""
        if self._source is not None:
            self._source.sort(column, order)

    def mapToSource(self, index: Index) -> QModelIndex:  # noqa: N802
        """The docket model's index of a row shown."""
        row = index.row()
        if not index.isValid() or self._source is None or not 0 <= row < len(self._shown):
            return QModelIndex()
        return self._source.index(self._shown[row], index.column())

    def mapFromSource(self, index: Index) -> QModelIndex:  # noqa: N802
        """The index shown for a docket model index (invalid when the filter hides it)."""
        if not index.isValid():
            return QModelIndex()
        if self._positions is None:
            self._positions = {source_row: i for i, source_row in enumerate(self._shown)}
        row = self._positions.get(index.row())
        return QModelIndex() if row is None else self.index(row, index.column())

    def set_text(self, text: str) -> None:
        """Filter by words (all must appear, in any field, any case)."""
        words = text.casefold().split()
        if words == self._words:
            return
        narrower = bool(self._words) and _narrows(self._words, words)
        self._words = words
        self._refilter(self._shown if narrower else None)

    def set_status(self, status: MatterStatus | None) -> None:
        """Show only matters with this status (None: all)."""
        if status is not self._status:
            self._status = status
            self._refilter()

    def set_kind(self, kind: MatterKind | None) -> None:
        """Show only matters of this kind (None: all)."""
        if kind is not self._kind:
            self._kind = kind
            self._refilter()

    def _refilter(self, among: list[int] | None = None) -> None:
        """Decide again (only ``among`` these source rows, when the filter only narrowed)."""
        if self._source is None:
            return
        shown = self._decide(among if among is not None else range(self._source.rowCount()))
        if shown == self._shown:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        was = [self._shown[p.row()] if 0 <= p.row() < len(self._shown) else -1 for p in persistent]
        self._shown, self._positions = shown, None
        moved = [
            self.mapFromSource(self._source.index(r, p.column()))
            for p, r in zip(persistent, was, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _decide(self, source_rows: Iterable[int]) -> list[int]:
        """The source rows among ``source_rows`` that pass, in source order."""
        assert self._source is not None
        rows = self._source.rows_view()
        status, kind = self._status, self._kind
        shown = list(source_rows)
        if status is not None:
            shown = [p for p in shown if rows[p].matter.status is status]
        if kind is not None:
            shown = [p for p in shown if rows[p].matter.kind is kind]
        if self._words and self._haystacks is None:
            self._haystacks = [haystack(summary) for summary in rows]
        texts = self._haystacks
        for word in self._words:
            assert texts is not None
            shown = [p for p in shown if word in texts[p]]
        return shown

    def _hold(self) -> None:
        """The docket model is about to change: note which matter each persistent index shows."""
        self.layoutAboutToBeChanged.emit()
        assert self._source is not None
        rows, shown = self._source.rows_view(), self._shown
        self._held = {
            (p.row(), p.column()): rows[shown[p.row()]].matter.id
            for p in self.persistentIndexList()
            if 0 <= p.row() < len(shown) and shown[p.row()] < len(rows)
        }

    def _release(self) -> None:
        """The docket model changed: decide again and move persistent indexes to their matter."""
        assert self._source is not None
        self._haystacks = None
        self._shown, self._positions = self._decide(range(self._source.rowCount())), None
        rows = self._source.rows_view()
        at = {rows[r].matter.id: i for i, r in enumerate(self._shown)} if self._held else {}
        persistent = self.persistentIndexList()
        moved = []
        for p in persistent:
            row = at.get(self._held.get((p.row(), p.column()), -1))
            moved.append(QModelIndex() if row is None else self.index(row, p.column()))
        self._held = {}
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _on_data_changed(self) -> None:
        """Values changed in place: the matters that pass may have changed too."""
        self._haystacks = None
        before = self._shown
        self._refilter()
        if self._shown is before and self._shown:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, last))


def _narrows(old: list[str], new: list[str]) -> bool:
    """True when every row matching ``new`` also matches ``old`` (each old word grew or stayed)."""
    return len(new) >= len(old) and all(o in n for o, n in zip(old, new, strict=False))
