"""The main window's menus: every action has a menu entry, most a shortcut."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.gui.backups import Backups
from desktop_app.gui.edit_actions import EditActions
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.list_pane import ListPane
from desktop_app.gui.matter import TAB_LABELS, TABS
from desktop_app.gui.report_dialog import ReportActions
from desktop_app.gui.retention_actions import RetentionActions
from desktop_app.gui.shell import Shell
from desktop_app.gui.verify import LibraryCheck
from desktop_app.gui.views import SideViews
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.gui.matter.workspace import MatterWorkspace


class MenuActions(NamedTuple):
    """The actions the window turns on and off: those that write, those that need a matter."""

    writes: list[QAction]
    """Off while the library is read-only."""
    matter: list[QAction]
    """Off while no matter is open (the Matter menu and the View menu's matter tabs)."""


class Controllers(NamedTuple):
    """What the menus call besides the window itself."""

    backups: Backups
    edits: EditActions
    retention: RetentionActions
    check: LibraryCheck
    views: SideViews
    reports: ReportActions
    pane: ListPane


def add_action(
    window: QWidget, menu: QMenu, text: str, slot: Callable[[], Any], shortcut: Any = None
) -> QAction:
    """Add an entry to ``menu`` that calls ``slot``."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: Shell, controllers: Controllers) -> MenuActions:
    """Fill the menu bar; return the actions the window turns on and off."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_("&File"))
    writes = [
        add_action(
            window, file_menu, _("&New matter…"), window.new_matter, QKeySequence.StandardKey.New
        ),
        add_action(window, file_menu, _("Add the &sample matters"), window.add_sample_matters),
    ]
    file_menu.addSeparator()
    reports = controllers.reports
    add_action(window, file_menu, _("&Docket report…"), reports.docket, "Ctrl+Shift+R")
    add_action(window, file_menu, _("&Conditions report…"), reports.conditions)
    file_menu.addSeparator()
    add_action(window, file_menu, _("&Back up…"), controllers.backups.back_up, "Ctrl+Shift+B")
    add_action(window, file_menu, _("&Restore from a backup…"), controllers.backups.restore)
    file_menu.addSeparator()
    add_action(window, file_menu, _("&Quit"), window.close, QKeySequence.StandardKey.Quit)
    controllers.edits.add_to(bar.addMenu(_("&Edit")))
    matter = bar.addMenu(_("&Matter"))
    ws = window.workspace_action
    writes += [
        add_action(window, matter, _("&Edit matter…"), ws(lambda w: w.edit_matter()), "Ctrl+E"),
        add_action(
            window, matter, _("Add &party…"), ws(lambda w: w.edit_party(None)), "Ctrl+Shift+P"
        ),
        add_action(
            window, matter, _("Add &item…"), ws(lambda w: w.edit_item(None)), "Ctrl+Shift+I"
        ),
        add_action(
            window, matter, _("Add &activity…"), ws(lambda w: w.edit_activity(None)), "Ctrl+Shift+A"
        ),
        add_action(window, matter, _("Add &note…"), ws(lambda w: w.add_note()), "Ctrl+Shift+N"),
    ]
    matter.addSeparator()
    writes += _decision_actions(window, matter)
    matter.addSeparator()
    retention = controllers.retention
    add_action(
        window, matter, _("Legal &hold and retention…"), retention.open_dialog, "Ctrl+Shift+H"
    )
    writes.append(add_action(window, matter, _("Move to t&rash…"), retention.move_to_trash))
    writes.append(add_action(window, matter, _("&Void, opened in error…"), retention.void_matter))
    tabs = _view_menu(window, controllers.views, controllers.pane, bar.addMenu(_("&View")))
    tools = bar.addMenu(_("&Tools"))
    add_action(window, tools, _("&Verify library…"), controllers.check.verify, "Ctrl+Shift+V")
    help_menu = bar.addMenu(_("&Help"))
    add_action(window, help_menu, _("&Keyboard shortcuts"), lambda: _show_shortcuts(window), "F1")
    add_action(window, help_menu, _("&About Compliance Desk"), window.about)
    needs_matter = [a for a in matter.actions() if not a.isSeparator()] + tabs
    return MenuActions(writes, [*needs_matter, controllers.pane.action])


def _decision_actions(window: Shell, matter: QMenu) -> list[QAction]:
    """Entries for the Determinations and Conditions tabs."""
    ws = window.workspace_action
    entries: list[tuple[str, Callable[[MatterWorkspace], object], str | None]] = [
        (
            _("Add &determination…"),
            lambda w: w.determinations.edit_determination(None),
            "Ctrl+Shift+D",
        ),
        (_("Add &license…"), lambda w: w.determinations.edit_license(None), "Ctrl+Shift+E"),
        (_("Add le&tter with Annex A…"), lambda w: w.determinations.add_letter(), "Ctrl+Shift+W"),
        (_("Add BIS cloc&k event…"), lambda w: w.determinations.add_clock_event(), "Ctrl+Shift+K"),
        (_("Add &condition…"), lambda w: w.conditions.edit_condition(None), "Ctrl+Shift+C"),
        (_("Lo&g on the selected condition…"), lambda w: w.conditions.log_entry(), "Ctrl+L"),
    ]
    return [add_action(window, matter, text, ws(act), keys) for text, act, keys in entries]


def _view_menu(window: Shell, views: SideViews, pane: ListPane, view: QMenu) -> list[QAction]:
    """The side views (each shows the pane), the docket's filter, and the matter tabs (returned)."""

    def shown(show: Callable[[], object]) -> Callable[[], None]:
        def slot() -> None:
            pane.ask_lists()
            show()

        return slot

    add_action(window, view, _("A&genda"), shown(views.show_agenda), "Ctrl+G")
    add_action(window, view, _("Doc&ket"), shown(views.show_docket), "Ctrl+D")
    add_action(window, view, _("&Search…"), shown(views.show_search), "Ctrl+K")
    add_action(window, view, _("T&rash"), shown(views.show_trash), "Ctrl+Shift+T")
    view.addAction(pane.action)
    add_action(
        window,
        view,
        _("&Filter the docket"),
        shown(views.focus_filter),
        QKeySequence.StandardKey.Find,
    )
    add_action(window, view, _("&Clear filters"), views.docket.clear_filters, "Ctrl+Shift+F")
    view.addSeparator()
    tabs = []
    for number, tab in enumerate(TABS, start=1):
        label = TAB_LABELS[tab].replace("&", "")
        keys = f"Ctrl+{number % 10}" if number <= 10 else None  # the tenth tab is Ctrl+0
        tabs.append(add_action(window, view, label, _tab_slot(window, tab), keys))
    return tabs


def _tab_slot(window: Shell, tab: str) -> Callable[[], None]:
    return lambda: window.show_tab(tab)


def _show_shortcuts(window: Shell) -> None:
    """Help → Keyboard shortcuts (desktop_app.gui.shortcuts), read from these menus."""
    from desktop_app.gui.shortcuts import show_shortcuts  # noqa: PLC0415 - on demand

    show_shortcuts(window, window.menuBar())


def show_about(window: QWidget, gateway: Gateway) -> None:
    """Help → About (desktop_app.gui.about): version, library folder, editions, licences."""
    from desktop_app.gui.about import show_about as open_about  # noqa: PLC0415 - on demand

    open_about(window, gateway.reader.paths.root)
