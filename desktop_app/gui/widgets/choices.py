"""Small choice widgets: a record by id (or none), yes/no/unknown, a set of transaction types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QWidget

from desktop_app.core.enums import TransactionType
from desktop_app.gui.widgets.text import display_text
from desktop_app.i18n import _


class IdCombo(QComboBox):
    """Choose one record by id, or "(none)"."""

    def __init__(
        self,
        choices: Sequence[tuple[int, str]],
        current: int | None,
        none_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Long titles (documents, letters) must not widen the dialog; the list shows them whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.addItem(none_label or _("(none)"), None)
        for key, label in choices:
            self.addItem(display_text(label, 120), key)
        self.set_value(current)

    def value(self) -> int | None:
        """The chosen id, or None."""
        data = self.currentData()
        return data if isinstance(data, int) else None

    def set_value(self, key: int | None) -> None:
        """Choose the record with id ``key`` ("(none)" when it is not offered)."""
        self.setCurrentIndex(max(self.findData(key), 0))


class YesNoCombo(QComboBox):
    """Yes, no, or unknown (None): a fact counsel may not know yet."""

    def __init__(self, value: bool | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for label, data in ((_("Unknown"), None), (_("Yes"), True), (_("No"), False)):
            self.addItem(label, data)
        self.set_value(value)

    def value(self) -> bool | None:
        """True, False, or None for unknown."""
        data = self.currentData()
        return data if isinstance(data, bool) else None

    def set_value(self, value: bool | None) -> None:
        """Show ``value``."""
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])


class TypeChecks(QWidget):
    """A checkbox for each transaction type (export, reexport, deemed export …)."""

    COLUMNS = 3

    def __init__(
        self, ticked: Iterable[TransactionType] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        wanted = set(ticked)
        self.boxes: dict[TransactionType, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for position, kind in enumerate(TransactionType):
            box = QCheckBox(kind.label)
            box.setChecked(kind in wanted)
            self.boxes[kind] = box
            grid.addWidget(box, position // self.COLUMNS, position % self.COLUMNS)

    def value(self) -> tuple[TransactionType, ...]:
        """The types ticked, in the order of ``TransactionType``."""
        return tuple(kind for kind, box in self.boxes.items() if box.isChecked())
