"""Every key does one thing, Help lists them, and the Matter menu waits for a matter.

Walks every action of the window: no two share a shortcut (Ctrl+9 once opened both the Docket
and the History tab, so neither did anything), no two menus or tabs shown together share an
Alt letter (Alt+H opened History instead of Help), and no two entries of one menu do. Help →
Keyboard shortcuts lists each entry with its keys, read from the menus themselves.
"""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.shortcuts import ShortcutsDialog, plain, shortcut_rows
from tests.gui.conftest import LOADED_WAIT

MNEMONIC = re.compile(r"&([^&])")


def _letter(text: str) -> str | None:
    found = MNEMONIC.search(text)
    return found.group(1).lower() if found else None


def _menus(window: MainWindow) -> list[QMenu]:
    return [m for a in window.menuBar().actions() if isinstance(m := a.menu(), QMenu)]


def _repeated(values: list[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1]


def test_no_two_actions_share_a_shortcut(sample_window: MainWindow) -> None:
    keys = [
        k.toString()
        for action in sample_window.findChildren(QAction)
        for k in action.shortcuts()
        if not k.isEmpty()
    ]
    assert len(keys) > 20
    assert _repeated(keys) == []


def test_no_two_menus_or_tabs_on_screen_share_an_alt_letter(sample_window: MainWindow) -> None:
    sample_window.docket.table.selectRow(0)  # a matter open: its tabs are on screen too
    titles = [a.text() for a in sample_window.menuBar().actions()]
    tabs = [
        tabs.tabText(i)
        for tabs in sample_window.findChildren(QTabWidget)
        if tabs.isVisibleTo(sample_window)
        for i in range(tabs.count())
    ]
    letters = [letter for text in titles + tabs if (letter := _letter(text))]
    assert len(letters) >= 16
    assert _repeated(letters) == [], (titles, tabs)


def test_no_two_entries_of_a_menu_share_an_alt_letter(sample_window: MainWindow) -> None:
    for menu in _menus(sample_window):
        letters = [
            letter for a in menu.actions() if not a.isSeparator() if (letter := _letter(a.text()))
        ]
        assert _repeated(letters) == [], plain(menu.title())


def test_the_tabs_and_views_have_the_keys_help_lists(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    sample_window.docket.table.selectRow(0)
    workspace = sample_window.workspace
    qtbot.keyClick(sample_window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert workspace.tabs.currentWidget() is workspace.screening
    qtbot.keyClick(sample_window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert plain(workspace.tabs.tabText(workspace.tabs.currentIndex())) == "History"
    qtbot.keyClick(sample_window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert sample_window.views.currentWidget() is sample_window.docket
    qtbot.keyClick(sample_window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert sample_window.views.currentWidget() is sample_window.agenda

    rows = shortcut_rows(sample_window.menuBar())
    assert ("View", "Screening", "Ctrl+0") in rows
    assert ("View", "Docket", "Ctrl+D") in rows
    assert ("Help", "Keyboard shortcuts", "F1") in rows
    assert ("Every form", "Save", "Ctrl+Enter") in rows
    with_keys = {
        plain(a.text()) for m in _menus(sample_window) for a in m.actions() if a.shortcuts()
    }
    assert {entry for _menu, entry, _keys in rows} >= with_keys


def test_help_opens_the_list_of_shortcuts(sample_window: MainWindow, qtbot: QtBot) -> None:
    [entry] = [
        a for m in _menus(sample_window) for a in m.actions() if a.text() == "&Keyboard shortcuts"
    ]
    entry.trigger()
    dialog = sample_window.findChild(ShortcutsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=30_000)
    cells = {
        item.text() for r in range(dialog.table.rowCount()) if (item := dialog.table.item(r, 1))
    }
    assert {"Docket", "Screening", "Add party", "Verify library"} <= cells
    dialog.reject()


def test_the_matter_menu_waits_for_a_matter(sample_window: MainWindow) -> None:
    [matter_menu] = [m for m in _menus(sample_window) if plain(m.title()) == "Matter"]
    entries = [a for a in matter_menu.actions() if not a.isSeparator()]
    assert sample_window.matter_id is None
    assert not any(a.isEnabled() for a in entries)
    sample_window.docket.table.selectRow(0)
    assert _open_matter(sample_window) is not None
    assert all(a.isEnabled() for a in entries)
    sample_window.leave_matter()
    assert not any(a.isEnabled() for a in entries)


def _open_matter(window: MainWindow) -> int | None:
    return window.matter_id


def test_the_window_opens_with_the_keys_in_the_agenda_so_ctrl_d_reaches_the_docket(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    # In the As-of date's text field Ctrl+D deletes a character, so it never got to the Docket.
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow, timeout=LOADED_WAIT)
    assert QApplication.focusWidget() is sample_window.agenda.table.table
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert sample_window.views.currentWidget() is sample_window.docket


def test_each_decision_shortcut_opens_its_form(sample_window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtTest import QTest

    from desktop_app.gui.matter.clock_dialog import ClockEventDialog
    from desktop_app.gui.matter.determination_dialog import DeterminationDialog
    from desktop_app.gui.matter.letter_dialog import LetterDialog
    from desktop_app.gui.matter.license_dialog import LicenseDialog

    sample_window.open_case("EC-2026-0001")
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow, timeout=LOADED_WAIT)
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for key, form in (
        (Qt.Key.Key_D, DeterminationDialog),
        (Qt.Key.Key_E, LicenseDialog),
        (Qt.Key.Key_W, LetterDialog),
        (Qt.Key.Key_K, ClockEventDialog),
    ):
        QTest.keyClick(sample_window, key, shift)
        dialog = sample_window.workspace.dialog
        assert isinstance(dialog, form), key
        dialog.done(0)  # closed unsaved, without the question Esc asks on a changed form
        qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=LOADED_WAIT)
        sample_window.activateWindow()
        qtbot.waitUntil(sample_window.isActiveWindow, timeout=LOADED_WAIT)


def test_a_tab_key_takes_the_focus_into_the_tab_it_shows(
    sample_window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtTest import QTest

    sample_window.open_case("EC-2026-0001")
    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow, timeout=LOADED_WAIT)
    sample_window.docket.table.setFocus()
    qtbot.waitUntil(sample_window.docket.table.hasFocus, timeout=LOADED_WAIT)
    ctrl = Qt.KeyboardModifier.ControlModifier
    workspace = sample_window.workspace
    QTest.keyClick(sample_window, Qt.Key.Key_7, ctrl)
    assert QApplication.focusWidget() is workspace.conditions.register.table
    assert workspace.conditions.register.selected() is not None  # Return and Delete act at once
    QTest.keyClick(sample_window, Qt.Key.Key_6, ctrl)
    assert QApplication.focusWidget() is workspace.determinations.determinations.table
    QTest.keyClick(sample_window, Qt.Key.Key_5, ctrl)
    assert QApplication.focusWidget() is workspace.correspondence.chronology.table
