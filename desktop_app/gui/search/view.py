"""The Search view: a box, its filters, a status line and the results, best match first.

Typing waits a moment (`DEBOUNCE_MS`) and then searches off the GUI thread; a newer query
makes an older reply stale. Enter or a double-click on a result opens it (`hit_opened`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.core.models import MatterSummary
from desktop_app.core.search_query import Query, SearchHit
from desktop_app.gui.errors import message_for
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.search.filters import SearchFilterBar
from desktop_app.gui.search.model import HitsModel
from desktop_app.gui.search.runner import LIMIT, SearchReply, SearchRequest, SearchRunner
from desktop_app.gui.search.table import ResultsTable
from desktop_app.gui.widgets.table_model import ROW_ROLE
from desktop_app.i18n import _

DEBOUNCE_MS = 200
PLACEHOLDER = _('Search: words, "a phrase", prefix*, a OR b, -word')
IDLE = _("Type to search every matter, document and condition")


class SearchView(QWidget):
    """Search every matter, document and condition; open a result on its record."""

    hit_opened = Signal(object)
    """The person asked to open a result: the SearchHit."""
    results_shown = Signal()
    """A reply was put on screen (tests wait on it)."""

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self.box = QLineEdit()
        self.box.setPlaceholderText(PLACEHOLDER)
        self.box.setClearButtonEnabled(True)
        self.box.setToolTip(
            _(
                'All words must match (accents and case ignored); "quotes" for a phrase; '
                "word* for a prefix; a OR b for either; -word to leave out"
            )
        )
        self.filters = SearchFilterBar()
        self.status = QLabel(IDLE)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.model = HitsModel(self)
        self.table = ResultsTable(self.model)
        self.runner = SearchRunner(gateway, self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.query = Query()
        """The query of the results shown (what an opened document highlights)."""
        self._last: SearchRequest | None = None
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.box)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.box.textChanged.connect(self.timer.start)
        self.box.returnPressed.connect(self._enter_results)
        self.filters.changed.connect(self.timer.start)
        self.timer.timeout.connect(self.search_now)
        self.runner.finished.connect(self._show)
        self.runner.failed.connect(self._failed)
        self.table.activated.connect(self._open)

    def focus_box(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def request(self) -> SearchRequest:
        """What the box and the filters ask for now."""
        return SearchRequest(
            self.box.text(), self.filters.filters(), self.filters.literal.isChecked()
        )

    def search_now(self) -> None:
        """Search for what the box and filters say, unless that is what is already shown."""
        self.timer.stop()
        request = self.request()
        if request != self._last:
            self._last = request
            self.runner.submit(request)

    def set_matters(self, matters: list[MatterSummary]) -> None:
        """Offer these matters in the matter filter."""
        self.filters.set_matters(matters)

    def library_changed(self) -> None:
        """Search again (the library changed under the results), when there is a query."""
        self._last = None
        if self.box.text().strip():
            self.timer.start()

    def hits(self) -> list[SearchHit]:
        """The results shown, best first."""
        return self.model.rows()

    def words(self) -> tuple[str, ...]:
        """The words and phrases the results shown were found for."""
        return tuple(term.text for term in self.query.terms())

    def _show(self, reply: SearchReply) -> None:
        self.query = reply.query
        self.model.set_rows(reply.hits)
        self.table.scrollToTop()
        self.status.setText(_status(reply))
        self.results_shown.emit()

    def _failed(self, error: BaseException) -> None:
        message = message_for(error, self._gateway.reader.paths)
        if message is None:
            raise error
        self.status.setText(_("The search failed: {message}").format(message=message))

    def _enter_results(self) -> None:
        self.search_now()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(ROW_ROLE)
        if isinstance(hit, SearchHit):
            self.hit_opened.emit(hit)


def _status(reply: SearchReply) -> str:
    count = len(reply.hits)
    if reply.query.empty:
        return IDLE if not reply.request.text.strip() else _("Nothing to search for: add a word")
    if count == 0:
        return _("Nothing found")
    text = _("1 result") if count == 1 else _("{n} results").format(n=count)
    if count >= LIMIT:
        text = _("The best {n} results — narrow the search to see others").format(n=count)
    return text + _(" · Enter or double-click a result to open it")
