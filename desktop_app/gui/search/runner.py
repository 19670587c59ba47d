"""Running searches off the GUI thread, newest first: an older reply that arrives late is dropped.

Each request gets a sequence number; only the reply to the latest request is delivered. The
search runs on the gateway's build worker, which owns its own read-only connection, so typing
never waits on the database. ``synchronous`` runs the search on the GUI thread's reader instead
(tests that type hundreds of queries use it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from desktop_app.core.search_query import (
    Query,
    SearchFilters,
    SearchHit,
    parse_literal,
    parse_query,
)
from desktop_app.gui.gateway import Gateway
from desktop_app.storage.library import Library

LIMIT = 50
"""The most results one search shows (best first)."""


@dataclass(frozen=True)
class SearchRequest:
    """What to search for: the box's text, the filters, and whether to match substrings."""

    text: str
    filters: SearchFilters = field(default_factory=SearchFilters)
    literal: bool = False


@dataclass(frozen=True)
class SearchReply:
    """The results of one request, with the query they were found for (to highlight it)."""

    request: SearchRequest
    query: Query
    hits: tuple[SearchHit, ...]


class SearchRunner(QObject):
    """Submits searches and delivers only the newest one's reply."""

    finished = Signal(object)
    """The latest request's `SearchReply`, on the GUI thread."""
    failed = Signal(object)
    """The latest request failed: the exception."""

    def __init__(self, gateway: Gateway, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self.synchronous = False
        self._sequence = 0
        self.dropped = 0
        """How many replies arrived after a newer request was made (and were not shown)."""

    def submit(self, request: SearchRequest) -> None:
        """Search for ``request``; any reply still due for an older one will be dropped."""
        self._sequence += 1
        number = self._sequence
        query = (  # literal: each word as typed, quotes and a leading - included
            parse_literal(request.text.split()) if request.literal else parse_query(request.text)
        )
        if query.empty:
            self.finished.emit(SearchReply(request, query, ()))
            return

        def op(library: Library) -> tuple[SearchHit, ...]:
            return _search(library, query, request)

        def done(hits: tuple[SearchHit, ...]) -> None:
            if self._current(number):
                self.finished.emit(SearchReply(request, query, hits))

        def failed(error: BaseException) -> None:
            if self._current(number):
                self.failed.emit(error)

        if self.synchronous:
            done(op(self._gateway.reader))
        else:
            self._gateway.build(op, done, failed)

    def _current(self, number: int) -> bool:
        if number == self._sequence:
            return True
        self.dropped += 1
        return False


def _search(library: Library, query: Query, request: SearchRequest) -> tuple[SearchHit, ...]:
    """Run on the thread that owns ``library``."""
    found = library.reads.search(query, request.filters, LIMIT, literal=request.literal)
    return tuple(found)
