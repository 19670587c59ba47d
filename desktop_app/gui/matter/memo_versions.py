"""The chooser of a memo draft's saved versions: "Version 3 — saved 2026-07-01 14:05"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.core.drafts import MemoDraft
from desktop_app.i18n import _

EDITED = _(" — edited, not saved")


def saved_time(iso: str) -> str:
    """A save time for people: local date and time to the minute (as stored if unreadable)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def version_label(draft: MemoDraft) -> str:
    """How a saved version is listed."""
    if not draft.version:
        return _("Not saved yet")
    return _("Version {n} — saved {when}").format(n=draft.version, when=saved_time(draft.saved_at))


class VersionChooser(QComboBox):
    """Lists the saved versions, newest first; choosing one emits `chosen`."""

    chosen = Signal(int)
    """The person chose a version: its number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._dirty = False
        # Sized to a short label, not the longest one: the Memos tab must fit a laptop's width
        # (the list still opens wide enough for every label).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.activated.connect(lambda index: self.chosen.emit(int(self.itemData(index))))

    def show_versions(self, drafts: list[MemoDraft], selected: int) -> None:
        """List ``drafts`` (oldest first as read) newest first, with ``selected`` chosen."""
        self.blockSignals(True)
        try:
            self.clear()
            self._labels = []
            shown = sorted(drafts, key=lambda d: d.version, reverse=True)
            if not shown or selected == 0:
                self._add(_("Not saved yet"), 0)
            for draft in shown:
                self._add(version_label(draft), draft.version)
        finally:
            self.blockSignals(False)
        self.select(selected)

    def select(self, version: int) -> None:
        """Show ``version`` as the chosen one (without emitting `chosen`)."""
        index = self.findData(version)
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self.set_dirty(self._dirty)

    def set_dirty(self, dirty: bool) -> None:
        """Mark the chosen entry as edited and not saved (or not)."""
        self._dirty = dirty
        for index, label in enumerate(self._labels):
            edited = dirty and index == self.currentIndex()
            self.setItemText(index, label + (EDITED if edited else ""))
        self.setToolTip(self.currentText())  # the box may be narrower than its label

    def _add(self, label: str, version: int) -> None:
        self._labels.append(label)
        self.addItem(label, version)
