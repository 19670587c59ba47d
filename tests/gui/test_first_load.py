"""The lists fill just after the first paint, read off the GUI thread; newer reads win."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.gui import list_loads as list_loads_module
from desktop_app.gui.app import Session
from desktop_app.gui.lists import Lists, read_lists
from desktop_app.gui.main_window import MainWindow
from desktop_app.storage.library import Library


def test_the_lists_arrive_after_the_first_paint(qtbot: QtBot, sample_session: Session) -> None:
    window = MainWindow(sample_session.gateway, settings=None)
    qtbot.addWidget(window)
    window.show()
    assert not window.agenda_loaded
    assert window.docket.model.rowCount() == 0  # nothing read before the window painted
    qtbot.waitUntil(lambda: window.agenda_loaded)
    assert window.docket.model.rowCount() == 3
    assert window.agenda.rows()  # the sample's obligations
    assert window.statusBar().currentMessage() == ""


def test_a_refresh_before_the_lists_arrive_wins(
    qtbot: QtBot, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed = threading.Event()

    def stale(library: Library, *args: object) -> Lists:
        lists = read_lists(library, *args)  # type: ignore[arg-type]
        refreshed.wait(10)  # the read finishes only after the refresh below
        return Lists([], [], lists.agenda)

    monkeypatch.setattr(list_loads_module, "read_lists", stale)
    window = MainWindow(sample_session.gateway, settings=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: sample_session.gateway.builds_pending == 1)  # the read is on its way
    window.refresh()  # what a write's completion does
    refreshed.set()
    qtbot.waitUntil(lambda: sample_session.gateway.builds_pending == 0)
    assert window.docket.model.rowCount() == 3  # the older, emptier read was dropped


def test_after_a_change_the_agenda_is_read_off_the_gui_thread(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    gateway = sample_window.gateway
    qtbot.waitUntil(lambda: gateway.builds_pending == 0, timeout=30_000)  # start-up reads done
    shown = sample_window.agenda.rows()
    sample_window.refresh()  # what a write's completion does
    assert gateway.builds_pending == 1  # the agenda is being read on the build worker
    assert sample_window.agenda.rows() == shown  # the old rows stay until the new ones come
    qtbot.waitUntil(lambda: gateway.builds_pending == 0)
    assert sample_window.agenda.rows() == shown  # the same library: the same agenda
