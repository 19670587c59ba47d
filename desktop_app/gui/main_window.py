"""The main window: the docket on the left, the matter workspace in the centre, menus, status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from desktop_app import __version__
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService, Saved
from desktop_app.gui.docket.view import DocketView
from desktop_app.gui.errors import message_for
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter import TABS
from desktop_app.gui.matter.matter_dialog import MatterDialog
from desktop_app.gui.originals import OriginalCopies
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.gui.matter.workspace import MatterWorkspace


class MainWindow(QMainWindow):
    """Docket and workspace side by side."""

    def __init__(self, gateway: Gateway, settings: QSettings | None = None) -> None:
        super().__init__()
        self._gateway = gateway
        self._settings = settings
        self.matter_id: int | None = None
        self.setWindowTitle(_("Compliance Desk"))
        self.docket = DocketView()
        self.copies = OriginalCopies(gateway.reader.paths.root / "opened")
        self._workspace: MatterWorkspace | None = None
        self._centre = QStackedWidget()
        self._placeholder = QLabel(
            _("Select a matter in the docket, or press Ctrl+N for a new one.")
        )
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._centre.addWidget(self._placeholder)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.docket)
        self.splitter.addWidget(self._centre)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self._connect()
        self._show_library_state()
        self.refresh()
        self._restore_state()
        self.copies.clean()

    def _connect(self) -> None:
        self.docket.matter_chosen.connect(self.open_matter)
        self.docket.sample_requested.connect(self.add_sample_matters)
        self.docket.new_matter_requested.connect(self.new_matter)
        self._gateway.library_changed.connect(self._after_change)
        self._gateway.write_failed.connect(self._show_error)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self._write_actions = [
            self._action(
                file_menu, _("&New matter…"), self.new_matter, QKeySequence.StandardKey.New
            ),
            self._action(file_menu, _("Add the &sample matters"), self.add_sample_matters),
        ]
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        matter = self.menuBar().addMenu(_("&Matter"))
        self._write_actions += [
            self._action(
                matter,
                _("&Edit matter…"),
                lambda: self.workspace.edit_matter(),  # noqa: PLW0108 - built on first use
                "Ctrl+E",
            ),
            self._action(
                matter, _("Add &party…"), lambda: self.workspace.edit_party(None), "Ctrl+Shift+P"
            ),
            self._action(
                matter, _("Add &item…"), lambda: self.workspace.edit_item(None), "Ctrl+Shift+I"
            ),
            self._action(
                matter,
                _("Add &activity…"),
                lambda: self.workspace.edit_activity(None),
                "Ctrl+Shift+A",
            ),
            self._action(
                matter,
                _("Add &note…"),
                lambda: self.workspace.add_note(),  # noqa: PLW0108 - built on first use
                "Ctrl+Shift+N",
            ),
        ]
        view = self.menuBar().addMenu(_("&View"))
        self._action(
            view, _("&Filter the docket"), self.focus_filter, QKeySequence.StandardKey.Find
        )
        self._action(view, _("&Clear filters"), self.docket.clear_filters, "Ctrl+Shift+F")
        view.addSeparator()
        for number, tab in enumerate(TABS, start=1):
            self._action(view, tab.capitalize(), lambda t=tab: self.show_tab(t), f"Ctrl+{number}")
        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(help_menu, _("&About Compliance Desk"), self.about)

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    @property
    def workspace(self) -> MatterWorkspace:
        """The matter workspace, built when first needed (a window opens faster without it)."""
        if self._workspace is None:
            from desktop_app.gui.matter.workspace import MatterWorkspace  # noqa: PLC0415

            self._workspace = MatterWorkspace(self._gateway, self.copies)
            self._centre.addWidget(self._workspace)
        return self._workspace

    def refresh(self) -> None:
        """Reload the docket and the open matter from the library."""
        self.docket.set_matters(self._gateway.docket())
        if self.matter_id is not None:
            self.open_matter(self.matter_id)

    def open_matter(self, matter_id: int) -> None:
        """Show a matter in the workspace."""
        self.matter_id = matter_id
        self.workspace.show_matter(
            self._gateway.record(matter_id), self._gateway.history(matter_id)
        )
        self._centre.setCurrentWidget(self.workspace)

    def open_case(self, number: str) -> None:
        """Select and show the matter with this number; NotFoundError if there is none."""
        matter = self._gateway.find_matter(number)
        self.docket.select_matter(matter.id, quiet=True)
        self.open_matter(matter.id)

    def show_tab(self, name: str) -> None:
        """Bring a workspace tab to the front."""
        self.workspace.show_tab(name)

    def focus_filter(self) -> None:
        """Put the cursor in the docket's filter box."""
        self.docket.filter_box.setFocus()
        self.docket.filter_box.selectAll()

    def new_matter(self) -> None:
        """Open the dialog for a new matter."""
        self.workspace.open_dialog(
            MatterDialog(
                Matter(title="", kind=MatterKind.LICENSE_APPLICATION),
                self._gateway.submitter(MatterService.create_matter),
                self,
            )
        )

    def add_sample_matters(self) -> None:
        """Add the illustrative sample matters (those not yet present)."""
        from desktop_app.samples import add_sample_matters  # noqa: PLC0415 - readers on demand

        self._gateway.run(add_sample_matters, self._samples_added)

    def _samples_added(self, added: list[Matter]) -> None:
        text = (
            _("Added {n} sample matters.").format(n=len(added))
            if added
            else _("The sample matters are already in the library.")
        )
        self.statusBar().showMessage(text, 8000)

    def _after_change(self, result: object) -> None:
        saved = result.record if isinstance(result, Saved) else None
        if isinstance(saved, Matter):
            self.matter_id = saved.id
        self.refresh()
        if isinstance(result, Saved):
            if isinstance(saved, Matter):
                self.docket.select_matter(saved.id, quiet=True)
            if result.warnings:
                self.statusBar().showMessage(_("Saved. Note: ") + " ".join(result.warnings))
        if isinstance(result, list) and result and isinstance(result[0], Matter):
            self.docket.select_matter(result[0].id)

    def _show_error(self, error: BaseException) -> None:
        message = message_for(error, self._gateway.reader.paths)
        if message is None:
            raise error
        QMessageBox.warning(self, _("Not saved"), message)

    def about(self) -> None:
        """Version, library folder and reference-data edition."""
        QMessageBox.about(
            self,
            _("About Compliance Desk"),
            _(
                "Compliance Desk {version}\n\nLibrary: {path}\nCommerce Control List: eCFR of "
                "{edition}"
            ).format(
                version=__version__,
                path=self._gateway.reader.paths.root,
                edition=self._gateway.ccl.edition,
            ),
        )

    def _show_library_state(self) -> None:
        reader = self._gateway.reader
        state = str(reader.paths.root)
        if not self._gateway.writable:
            state += _("  —  read-only")
            self.setWindowTitle(_("Compliance Desk — read-only"))
            for action in self._write_actions:
                action.setEnabled(False)
            self.docket.sample_button.setEnabled(False)
            self.docket.new_button.setEnabled(False)
        self.statusBar().addPermanentWidget(QLabel(state))

    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry") if self._settings else None
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            splitter = self._settings.value("window/splitter") if self._settings else None
            if isinstance(splitter, QByteArray):
                self.splitter.restoreState(splitter)
            return
        self.resize(1440, 860)
        self.splitter.setSizes([470, 970])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Remember the window's geometry and splitter; remove private copies of originals."""
        self.copies.clean()
        if self._settings is not None:
            self._settings.setValue("window/geometry", self.saveGeometry())
            self._settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
