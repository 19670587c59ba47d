"""The Edit menu: Undo and Redo of this window's saves, and Preferences.

Undo's entry names what it would reverse ("Undo Changed the license “D512847”"); it is off when
there is nothing to undo, when the library is read-only, and when the newest step cannot be
undone (its tooltip says why). What was undone is said in the status bar; a refusal (the record
changed since) in a dialog, with nothing changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop_app.core.text import cut_at_word
from desktop_app.core.undo import Step
from desktop_app.gui.preferences import PreferencesDialog
from desktop_app.gui.shell import Shell
from desktop_app.gui.tasks import report_failure
from desktop_app.i18n import _

LABEL_WIDTH = 60


class EditActions(QObject):
    """Undo, Redo and Preferences for the window ``shell``."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._shell = shell
        self.dialog: PreferencesDialog | None = None
        self.undo_action = QAction(_("&Undo"), shell)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(_("&Redo"), shell)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.preferences_action = QAction(_("&Preferences…"), shell)
        self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.preferences_action.triggered.connect(self.preferences)
        shell.gateway.steps.changed.connect(self.update)
        self.update()

    def add_to(self, menu: QMenu) -> None:
        """Put the entries in ``menu`` (a blocked Undo's reason shows as its tooltip)."""
        menu.setToolTipsVisible(True)
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        menu.addAction(self.preferences_action)

    def update(self) -> None:
        """Name and enable the entries for the steps as they now stand."""
        steps = self._shell.gateway.steps
        writable = self._shell.gateway.writable
        _show(self.undo_action, _("&Undo"), steps.next_undo, writable)
        _show(self.redo_action, _("&Redo"), steps.next_redo, writable)
        self.preferences_action.setEnabled(writable)

    def undo(self) -> None:
        """Reverse the newest step."""
        if self.undo_action.isEnabled():
            self._busy()
            self._shell.gateway.undo(lambda s: self._said(_("Undone"), s), self._refused)

    def redo(self) -> None:
        """Reverse the newest Undo."""
        if self.redo_action.isEnabled():
            self._busy()
            self._shell.gateway.redo(lambda s: self._said(_("Redone"), s), self._refused)

    def _busy(self) -> None:
        """Off until the reversal returns: a second press would reverse the same step again."""
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)

    def preferences(self) -> None:
        """Open the Preferences dialog (window-modal; `dialog` holds it while it is open)."""
        dialog = PreferencesDialog(self._shell.gateway, self._shell)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.saved.connect(lambda _p: self._shell.statusBar().showMessage(_("Saved."), 5000))
        dialog.open()

    def _said(self, what: str, step: Step) -> None:
        self._shell.statusBar().showMessage(f"{what}: {step.label}", 8000)

    def _refused(self, error: BaseException) -> None:
        self.update()
        paths = self._shell.gateway.reader.paths
        report_failure(self._shell, _("Not undone"), error, paths)


def _show(action: QAction, verb: str, step: Step | None, writable: bool) -> None:
    label = "" if step is None else cut_at_word(step.label, LABEL_WIDTH).replace("&", "&&")
    action.setText(f"{verb} {label}".strip())
    action.setEnabled(writable and step is not None and not step.blocked)
    action.setToolTip(step.blocked if step is not None and step.blocked else "")
