"""The left pane of lists (agenda, docket, search, trash): hidden and shown again from the keys.

View → Lists pane (Ctrl+Shift+L, on while a matter is open) hides the pane so the matter takes
the whole width, and shows it again at the width it had; closing the matter shows it, and so
does dragging it back. Choosing a list (Ctrl+G, Ctrl+D, Ctrl+K…) shows the pane first. Whether
it is hidden is kept with the window's splitter, so the window opens as it was left.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter

from desktop_app.i18n import _

MIN_WIDTH = 280
"""The width the pane comes back at when it had none to return to."""


class ListPane(QObject):
    """Hide and show the splitter's first pane; its action is checked while it shows."""

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self._splitter = splitter
        self._width = 0
        splitter.setCollapsible(0, True)
        splitter.setCollapsible(1, False)
        self.action = QAction(_("&Lists pane"), splitter)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action.setToolTip(_("Hide or show the agenda, docket, search and trash"))
        self.action.triggered.connect(self.set_shown)
        splitter.splitterMoved.connect(lambda _pos, _index: self.sync())
        self.sync()

    def shown(self) -> bool:
        """Whether the pane has any width."""
        return self._splitter.sizes()[0] > 0

    def set_shown(self, shown: bool) -> None:
        """Hide the pane (only beside an open matter), or show it at the width it had."""
        other = self._splitter.widget(1)
        if not shown and (other is None or other.isHidden()):
            shown = True  # nothing would be left on screen
        sizes = self._splitter.sizes()
        total = sum(sizes)
        if shown and sizes[0] == 0:
            width = max(self._width, MIN_WIDTH)
            width = min(width, total - MIN_WIDTH) if total > 2 * MIN_WIDTH else width
            self._splitter.setSizes([width, max(total - width, 1)])
        elif not shown and sizes[0] > 0:
            self._width = sizes[0]
            self._splitter.setSizes([0, total])
        self.sync()

    def reveal(self) -> None:
        """Show the pane if it is hidden (a list was asked for)."""
        if not self.shown():
            self.set_shown(True)

    def sync(self) -> None:
        """Check the action when the pane shows (after a drag or a restored state)."""
        self.action.setChecked(self.shown())
