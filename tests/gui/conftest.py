"""Fixtures for window tests: offscreen Qt, a session on a temporary library, the main window.

Every test under tests/gui is marked ``gui``. Qt runs offscreen with QStandardPaths in test
mode, so settings never reach the real home.
"""

from __future__ import annotations

import functools
import gc
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

SCREEN = Path(__file__).parents[1] / "data" / "offscreen-screen.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    # A laptop-sized offscreen screen (the plugin's default is 800x600).
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

from PySide6.QtCore import QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from desktop_app.gui import refguard  # noqa: E402
from desktop_app.gui.app import Session, open_session  # noqa: E402
from desktop_app.gui.main_window import MainWindow  # noqa: E402
from desktop_app.paths import LibraryPaths  # noqa: E402
from desktop_app.samples import add_sample_matters  # noqa: E402
from desktop_app.storage.library import Library  # noqa: E402

LOADED_WAIT = 30_000
"""What a wait defaults to: work that takes a second here can take many on a loaded CI machine."""


def _patient(name: str) -> None:
    """Make ``QtBot.<name>`` wait ``LOADED_WAIT`` ms by default instead of pytest-qt's 5 s."""
    plain = getattr(QtBot, name)

    @functools.wraps(plain)
    def patient(self: QtBot, *args: Any, timeout: int = LOADED_WAIT, **kwargs: Any) -> Any:
        return plain(self, *args, timeout=timeout, **kwargs)

    setattr(QtBot, name, patient)


for _name in (
    "waitUntil",
    "waitSignal",
    "waitSignals",
    "waitCallback",
    "waitExposed",
    "waitActive",
):
    _patient(_name)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a GUI test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _qt_test_mode() -> None:
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(scope="session", autouse=True)
def _refcount_guard(qapp: QApplication) -> None:
    """The app's guard against PySide6 taking references from None (see gui.refguard)."""
    refguard.install(qapp)


@pytest.fixture
def sample_paths(paths: LibraryPaths, sample_template: LibraryPaths) -> LibraryPaths:
    """A library holding the three sample matters (a copy of the session's, 100 times faster)."""
    shutil.copytree(sample_template.root, paths.root, symlinks=True)
    return paths


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> LibraryPaths:
    """The sample library, built once; its key and anchor reach each test's key store."""
    template = LibraryPaths(tmp_path_factory.mktemp("sample-template") / "library")
    library = Library.open(template, write=True)
    try:
        add_sample_matters(library, "test")
    finally:
        library.close()
    return template


@pytest.fixture
def session(paths: LibraryPaths) -> Iterator[Session]:
    """The window's session (writer worker and reader) on an empty library."""
    opened = open_session(paths, "tester")
    yield opened
    _close(opened)


@pytest.fixture
def sample_session(sample_paths: LibraryPaths) -> Iterator[Session]:
    """The window's session on the sample library."""
    opened = open_session(sample_paths, "tester")
    yield opened
    _close(opened)


def _close(session: Session) -> None:
    """Close the session, then collect its Qt objects here, on the GUI thread.

    Left to chance, a garbage collection can run on the next test's library worker thread and
    destroy a QObject there.
    """
    session.close()
    gc.collect()


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session.gateway, settings=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.agenda_loaded, timeout=30_000)
    return window


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> MainWindow:
    """A shown main window on an empty library."""
    return _window(qtbot, session)


@pytest.fixture
def sample_window(qtbot: QtBot, sample_session: Session) -> MainWindow:
    """A shown main window on the sample library."""
    return _window(qtbot, sample_session)


YEAR_END = date(2026, 12, 31)
"""The day the sample's obligations are read on: some are overdue by then."""


@pytest.fixture
def year_end_window(qtbot: QtBot, sample_window: MainWindow) -> MainWindow:
    """The sample window with "today" fixed at 2026-12-31 and the agenda read for that day."""
    sample_window.today = lambda: YEAR_END
    sample_window.agenda.set_as_of(YEAR_END)
    sample_window.refresh()
    qtbot.waitUntil(lambda: sample_window.gateway.builds_pending == 0, timeout=30_000)
    return sample_window


class WriteWaiter:
    """Waits until every queued write, and the reads it set off, delivered to the GUI thread."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot

    def __call__(self, window: MainWindow) -> None:
        gateway = window.gateway
        worker = gateway.worker
        assert worker is not None
        # A write's result refreshes the window, whose agenda is then read on the build worker.
        self._qtbot.waitUntil(
            lambda: worker.pending == 0 and gateway.builds_pending == 0, timeout=30_000
        )


@pytest.fixture
def wait_writes(qtbot: QtBot) -> WriteWaiter:
    """Call with a window to wait for its pending writes."""
    return WriteWaiter(qtbot)
