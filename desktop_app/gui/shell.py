"""The window shell: what the controllers (backups, retention, menus) may ask of the main window.

The controllers are typed against `Shell`, not against `MainWindow`, so the window imports its
controllers and none of them imports the window: there is no circle of imports in ``gui``
(import-linter checks it, "No circle of imports in the window").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from desktop_app.gui.gateway import Gateway
from desktop_app.paths import LibraryPaths

if TYPE_CHECKING:
    from desktop_app.gui.matter.workspace import MatterWorkspace


class Shell(QMainWindow):
    """The main window as its controllers see it; `MainWindow` fills every member in."""

    today: Callable[[], date]
    matter_id: int | None

    @property
    def gateway(self) -> Gateway:
        """The window's way to the library."""
        raise NotImplementedError

    @property
    def library_paths(self) -> LibraryPaths:
        """Where the window's library lives."""
        raise NotImplementedError

    def workspace_action(self, act: Callable[[MatterWorkspace], object]) -> Callable[[], None]:
        """A menu slot that calls ``act`` on the matter workspace."""
        raise NotImplementedError

    def leave_matter(self) -> None:
        """Close the open matter's workspace (the lists take the whole width)."""
        raise NotImplementedError

    def show_tab(self, name: str) -> None:
        """Bring the open matter's tab ``name`` to the front."""
        raise NotImplementedError

    def new_matter(self) -> None:
        """Ask for a new matter and open it."""
        raise NotImplementedError

    def add_sample_matters(self) -> None:
        """Add the illustrative sample matters."""
        raise NotImplementedError

    def about(self) -> None:
        """Help → About."""
        raise NotImplementedError

    def may_close_library(self) -> bool:
        """True when closing the library loses nothing."""
        raise NotImplementedError

    def close_library(self) -> None:
        """Close the library (before a restore replaces it)."""
        raise NotImplementedError

    def reopen_library(self) -> bool:
        """Open the library again after a restore; False when it could not be opened."""
        raise NotImplementedError
