"""The left pane of lists (agenda, docket, search, trash): hidden and shown again from the keys.

View → Lists pane (Ctrl+Shift+L, on while a matter is open) hides the pane so the matter takes
the whole width, and shows it again at the width it had; closing the matter shows it, and so
does dragging it back. Choosing a list (Ctrl+G, Ctrl+D, Ctrl+K…) shows the pane first. Whether
it is hidden is kept with the window's splitter, so the window opens as it was left.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter

from desktop_app.i18n import _

HIDDEN = "window/lists_hidden"
MIN_WIDTH = 280
"""The width the pane comes back at when it had none to return to."""


class ListPane(QObject):
    """Hide and show the splitter's first pane; its action is checked while it shows."""

    def __init__(self, splitter: QSplitter, settings: QSettings | None = None) -> None:
        super().__init__(splitter)
        self._splitter = splitter
        self._settings = settings
        self._width = 0
        self.wanted_hidden = bool(settings is not None and settings.value(HIDDEN) in (True, "true"))
        """Whether the person last hid the pane (kept across runs; applied beside a matter)."""
        splitter.setCollapsible(0, True)
        splitter.setCollapsible(1, False)
        self.action = QAction(_("&Lists pane"), splitter)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action.setToolTip(_("Hide or show the agenda, docket, search and trash"))
        self.action.triggered.connect(self.choose)
        splitter.splitterMoved.connect(lambda _pos, _index: self.sync())
        self.sync()

    def choose(self, shown: bool) -> None:
        """The person hides or shows the pane: done, and remembered for the next run."""
        self.wanted_hidden = not shown
        if self._settings is not None:
            self._settings.setValue(HIDDEN, self.wanted_hidden)
        self.set_shown(shown)

    def matter_shown(self) -> None:
        """A matter opened beside the lists: hide them if the person last did."""
        if self.wanted_hidden:
            self.set_shown(False)

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
        """Show the pane if it is hidden (the matter closed), the person's choice unchanged."""
        if not self.shown():
            self.set_shown(True)

    def ask_lists(self) -> None:
        """A list was asked for (Ctrl+G, Ctrl+D…): show the pane, and keep it shown."""
        if not self.shown() or self.wanted_hidden:
            self.choose(True)

    def sync(self) -> None:
        """Check the action when the pane shows (after a drag or a restored state)."""
        self.action.setChecked(self.shown())
