"""The Overview tab: the matter's fields at a glance, its summary, and its notes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.models import Matter, Note
from desktop_app.core.text import visible
from desktop_app.gui.matter.columns import NOTE_COLUMNS
from desktop_app.gui.matter.decision_columns import LicenseRow
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _

FIELDS: list[tuple[str, str]] = [
    ("kind", _("Kind")),
    ("status", _("Status")),
    ("agency", _("Agency")),
    ("acn", _("Application control no.")),
    ("license_number", _("License number")),
    ("counsel", _("Responsible counsel")),
    ("opened", _("Opened")),
    ("closed", _("Closed")),
    ("tags", _("Tags")),
    ("privilege", _("Privilege marking")),
]


def field_text(matter: Matter, name: str) -> str:
    """One field of a matter as shown on the Overview tab."""
    value = getattr(matter, name)
    if value is None or value in ("", ()):
        return "—"
    if isinstance(value, tuple):
        return ", ".join(visible(v) for v in value)
    if hasattr(value, "label"):
        return str(value.label)
    return visible(value.isoformat() if hasattr(value, "isoformat") else str(value))


def license_line(row: LicenseRow) -> str:
    """One recorded license: its number, state and expiry ("D123456 — active, expires …")."""
    number = visible(row.license.number)
    if row.expires is None:
        return f"{number} — {row.state}"
    return _("{number} — {state}, expires {day}").format(
        number=number, state=row.state, day=row.expires.isoformat()
    )


class OverviewTab(QWidget):
    """Read the matter; edit it, or add and correct its notes, from here."""

    edit_requested = Signal()
    """The person asked to edit the matter's fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label in FIELDS:
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[name] = value
            form.addRow(f"{label}:", value)
        self.recordkeeping = QLabel()
        self.recordkeeping.setTextFormat(Qt.TextFormat.PlainText)
        self.recordkeeping.setWordWrap(True)
        self.recordkeeping.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licenses = QLabel()
        self.licenses.setTextFormat(Qt.TextFormat.PlainText)
        self.licenses.setWordWrap(True)
        self.licenses.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.insertRow(
            FIELDS.index(("license_number", _("License number"))) + 1,
            _("Licenses recorded:"),
            self.licenses,
        )
        self.letters = _value_label()
        self.deadlines = _value_label()
        for lines in (self.letters, self.deadlines):
            lines.setWordWrap(False)  # one entry a line, each cut at a word already
        at = FIELDS.index(("license_number", _("License number"))) + 2
        form.insertRow(at, _("Letters recorded:"), self.letters)
        form.insertRow(at + 1, _("Next deadlines:"), self.deadlines)
        form.addRow(_("Recordkeeping:"), self.recordkeeping)
        self.summary = QPlainTextEdit(readOnly=True)
        self.edit_button = QPushButton(_("Edit matter…"))
        self.edit_button.clicked.connect(self.edit_requested)
        self.notes: RecordTable[Note] = RecordTable(_("Notes"), NOTE_COLUMNS, key=lambda n: n.id)
        self._lay_out(form)

    def _lay_out(self, form: QFormLayout) -> None:
        facts = QWidget()
        top = QHBoxLayout(facts)
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(form, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()  # on a small screen the facts scroll rather than overlap
        scroll.setWidget(facts)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 2)
        layout.addWidget(QLabel(_("<b>Summary</b>")))
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.notes, 1)

    def show_matter(
        self,
        matter: Matter,
        notes: list[Note],
        *,
        recordkeeping: str = "",
        licenses: Sequence[LicenseRow] = (),
        letters: Sequence[str] = (),
        deadlines: Sequence[str] = (),
    ) -> None:
        """Fill the tab with this matter; ``recordkeeping`` is its retention, hold and trash.

        ``licenses`` are the licenses recorded on the Determinations tab, shown beside the
        matter's own license-number field (which the person may have left empty); ``letters``
        and ``deadlines`` are one line each (`core.matter_deadlines`).
        """
        _set_lines(self.letters, letters, "—")
        _set_lines(self.deadlines, deadlines, _("Nothing overdue or due in 90 days"))
        self.recordkeeping.setText(recordkeeping or "—")
        for name, label in self.values.items():
            label.setText(field_text(matter, name))
        self.licenses.setText("\n".join(license_line(row) for row in licenses) or "—")
        if self.summary.toPlainText() != matter.summary:
            self.summary.setPlainText(matter.summary)
        self.notes.set_rows(notes)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _set_lines(label: QLabel, lines: Sequence[str], empty: str) -> None:
    """Show ``lines``, one a line (not wrapped: a wrapped label's height is misjudged)."""
    label.setText("\n".join(lines) or empty)
