"""Every form dialog: typing starts in its first field, Tab walks the fields in the order they
are shown before reaching the buttons, and the dialog can shrink to a 1366×768 laptop screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFormLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.widgets.form import FormDialog
from tests.gui.conftest import LOADED_WAIT as WAIT

LAPTOP = (1366, 768 - 40)  # a laptop screen, less its task bar
Open = Callable[[MainWindow], FormDialog[Any] | None]


def _matter(window: MainWindow) -> Any:
    window.open_case("EC-2026-0001")
    return window.workspace


def _opened(act: Callable[[Any], object], held: Callable[[Any], Any]) -> Open:
    def open_it(window: MainWindow) -> FormDialog[Any] | None:
        workspace = _matter(window)
        act(workspace)
        found = held(workspace)
        return found if isinstance(found, FormDialog) else None

    return open_it


def _workspace_dialog(workspace: Any) -> Any:
    return workspace.dialog


DIALOGS: dict[str, Open] = {
    "matter": _opened(lambda w: w.edit_matter(), _workspace_dialog),
    "note": _opened(lambda w: w.add_note(), _workspace_dialog),
    "party": _opened(lambda w: w.edit_party(None), _workspace_dialog),
    "item": _opened(lambda w: w.edit_item(None), _workspace_dialog),
    "activity": _opened(lambda w: w.edit_activity(None), _workspace_dialog),
    "determination": _opened(
        lambda w: w.determinations.edit_determination(None), _workspace_dialog
    ),
    "license": _opened(lambda w: w.determinations.edit_license(None), _workspace_dialog),
    "letter": _opened(lambda w: w.determinations.add_letter(), _workspace_dialog),
    "clock event": _opened(lambda w: w.determinations.add_clock_event(), _workspace_dialog),
    "condition": _opened(lambda w: w.conditions.edit_condition(None), _workspace_dialog),
    "chronology": _opened(lambda w: w.memos.choose_limit(), lambda w: w.memos.dialog),
}


def _preferences(window: MainWindow) -> FormDialog[Any] | None:
    window.edits.preferences()
    return window.edits.dialog


def _report(window: MainWindow) -> FormDialog[Any] | None:
    window.reports.docket()
    return window.reports.dialog


DIALOGS["preferences"] = _preferences
DIALOGS["docket report"] = _report


def _row_of(dialog: FormDialog[Any], widget: QWidget | None) -> int | None:
    """The form row whose field holds ``widget`` (None: not a field, e.g. a button)."""
    if widget is None:
        return None
    form: QFormLayout = dialog.form
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        field = item.widget() if item is not None else None
        if field is not None and (field is widget or field.isAncestorOf(widget)):
            return row
    return None


def _field_rows(dialog: FormDialog[Any]) -> list[int]:
    """The rows whose field takes the keyboard's focus, top to bottom."""
    form: QFormLayout = dialog.form
    rows = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        field = item.widget() if item is not None else None
        if field is None or not field.isVisibleTo(dialog):
            continue
        takers = [field, *field.findChildren(QWidget)]
        if any(w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(dialog) for w in takers):
            rows.append(row)
    return rows


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_focus_starts_in_the_first_field_and_tab_walks_the_fields_in_order(
    qtbot: QtBot, sample_window: MainWindow, name: str
) -> None:
    dialog = DIALOGS[name](sample_window)
    assert dialog is not None, f"the {name} dialog did not open"
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    expected = _field_rows(dialog)
    assert expected, f"the {name} dialog has no field"
    assert _row_of(dialog, QApplication.focusWidget()) == expected[0]
    seen: list[int] = []
    for _ in range(60):
        focus = QApplication.focusWidget()
        row = _row_of(dialog, focus)
        if focus is None or row is None:
            break  # on the buttons: every field came first
        if not seen or seen[-1] != row:
            seen.append(row)
        QTest.keyClick(focus, Qt.Key.Key_Tab)
    assert seen == expected, f"{name}: Tab visited rows {seen}, the form shows {expected}"
    hint = dialog.minimumSizeHint()
    assert hint.width() <= LAPTOP[0], f"{name} needs {hint.width()} px wide"
    assert hint.height() <= LAPTOP[1], f"{name} needs {hint.height()} px tall"
    dialog.reject()


def test_every_tab_of_a_matter_fits_a_laptop_screen(sample_window: MainWindow) -> None:
    from desktop_app.gui.matter import TABS

    client = LAPTOP[1] - 40  # less the window's title bar
    sample_window.open_case("EC-2026-0001")
    bars = sample_window.menuBar().sizeHint().height()
    bars += sample_window.statusBar().sizeHint().height()
    for tab in TABS:
        sample_window.show_tab(tab)
        hint = sample_window.workspace.minimumSizeHint()
        wide = hint.width() + sample_window.views.minimumSizeHint().width()  # beside the lists
        assert wide <= LAPTOP[0], f"the {tab} tab and the lists need {wide} px wide"
        assert hint.height() + bars <= client, f"the {tab} tab needs {hint.height()} px tall"
