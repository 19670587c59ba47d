"""The "Why" pane: one coverage answer laid out — answer and date, basis, factors, facts, caveats.

The factors are a table (failures first, then unknowns, then passes, each marked by shape and
word as well as colour); the basis, the facts still needed and the caveats are selectable text.
Ctrl+C in the factor table copies the selected factors; "Copy explanation" copies it all.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.coverage_model import Coverage, Factor, Outcome
from desktop_app.core.text import visible
from desktop_app.gui.matter.coverage_style import (
    OUTCOME_ANSWER,
    answer_plain,
    colour_of,
    icon_of,
    outcome_plain,
    outcome_text,
)
from desktop_app.gui.widgets.table_model import ROW_ROLE, Column, RecordTableModel
from desktop_app.i18n import _

_RANK = {Outcome.FAIL: 0, Outcome.UNKNOWN: 1, Outcome.PASS: 2}

FACTOR_COLUMNS: list[Column[Factor]] = [
    Column(
        _("Outcome"),
        lambda f: outcome_text(f.outcome),
        lambda f: _RANK[f.outcome],
        foreground=lambda f: colour_of(OUTCOME_ANSWER[f.outcome]),
        decoration=lambda f: icon_of(OUTCOME_ANSWER[f.outcome]),
    ),
    Column(_("Dimension"), lambda f: f.dimension, tooltip=lambda f: f.dimension),
    Column(_("Detail"), lambda f: f.detail, tooltip=lambda f: f.detail, max_width=520),
    Column(_("Source"), lambda f: f.source, tooltip=lambda f: f.source),
]
"""The factor table's columns."""


@dataclass(frozen=True)
class Why:
    """What the pane explains: whose answer (``subject``), the answer, and what date it is as of.

    ``when`` says where the date comes from ("today", "the activity's date").
    """

    subject: str
    coverage: Coverage
    when: str


def ordered(factors: tuple[Factor, ...]) -> list[Factor]:
    """Failures first, then unknowns, then passes; the engine's order within each."""
    return sorted(factors, key=lambda f: _RANK[f.outcome])


def explanation(why: Why) -> str:
    """The whole answer as plain text, the way the pane shows it (for copying)."""
    c = why.coverage
    lines = [
        why.subject,
        f"{answer_plain(c)} as of {c.as_of.isoformat()} ({why.when})",
        *_summary(c),
        "",
        _("Factors:"),
        *(_factor_line(f) for f in ordered(c.factors)),
    ]
    return "\n".join([*lines, "", _notes(c)]).strip()


def _dated(why: Why) -> str:
    c = why.coverage
    return f"{c.answer.label} as of {c.as_of.isoformat()} ({why.when})"


def _summary(c: Coverage) -> list[str]:
    return [c.summary, *([_("Basis: ") + c.basis] if c.basis else [])]


def _lines(text: str) -> str:
    """Each line made safe to show (controls and bidi overrides escaped), breaks kept."""
    return "\n".join(visible(line) for line in text.split("\n"))


def _factor_line(f: Factor) -> str:
    return f"{outcome_plain(f.outcome)} · {f.dimension}: {f.detail} [{f.source}]"


def _notes(c: Coverage) -> str:
    needed = [_("Facts needed:"), *(f"• {m}" for m in c.missing)] if c.missing else []
    caveats = [_("Caveats:"), *(f"• {x}" for x in c.caveats)] if c.caveats else []
    return "\n".join([*needed, *([""] if needed and caveats else []), *caveats])


class WhyPane(QWidget):
    """The explanation of the answer of the row that is current in the table beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.why: Why | None = None
        self.icon = QLabel()
        self.heading = _label()
        self.basis = _label()
        self.model: RecordTableModel[Factor] = RecordTableModel(FACTOR_COLUMNS, id, self)
        self.factors = _factor_view(self.model)
        self.notes = QPlainTextEdit(readOnly=True)
        self.notes.setMaximumHeight(110)
        self.copy_button = QPushButton(_("Cop&y explanation"))
        self._lay_out()
        self.copy_button.clicked.connect(self.copy)
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.factors)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_factors)
        self.show_why(None)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.heading, 1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.basis)
        layout.addWidget(self.factors, 1)
        layout.addWidget(self.notes)

    def show_why(self, why: Why | None) -> None:
        """Explain ``why``; None shows how to pick a row."""
        self.why = why
        self.copy_button.setEnabled(why is not None)
        if why is None:
            self.icon.clear()
            self.heading.setStyleSheet("font-weight: 600;")
            self.heading.setText(_("Why — select a row to see what its answer rests on (F6)"))
            self.basis.setText("")
            self.model.set_rows([])
            self.notes.setPlainText("")
            return
        c = why.coverage
        self.icon.setPixmap(icon_of(c.answer).pixmap(20, 20))
        self.heading.setText(_lines(f"{_dated(why)} — {why.subject}"))
        self.heading.setStyleSheet(f"font-weight: 600; color: {colour_of(c.answer)};")
        self.basis.setText(_lines("\n".join(_summary(c))))
        self.model.set_rows(ordered(c.factors))
        self.notes.setPlainText(_lines(_notes(c)) or _("No facts needed and no caveats."))

    def copy(self) -> None:
        """Put the whole explanation on the clipboard."""
        if self.why is not None:
            QGuiApplication.clipboard().setText(explanation(self.why))

    def copy_factors(self) -> None:
        """Put the selected factors (every factor when none is selected) on the clipboard."""
        rows = sorted(i.row() for i in self.factors.selectionModel().selectedRows())
        chosen = [self.model.index(r, 0).data(ROW_ROLE) for r in rows] or self.model.rows()
        QGuiApplication.clipboard().setText("\n".join(_factor_line(f) for f in chosen))


def _label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def _factor_view(model: RecordTableModel[Factor]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the notes below
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate((110, 200, 420)):
        view.setColumnWidth(column, width)
    view.setAccessibleName(_("Coverage factors"))
    return view
