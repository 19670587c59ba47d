"""Reading the "needs review" counts on the build worker, after the lists they annotate.

The window asks for them each time its agenda arrives (at start, and after every change): the
docket and agenda show first, the counts follow. Each read hands the worker the counts shown
so far, and only matters changed since are answered again (`gui.review.read_review`); a read
overtaken by a newer one is dropped, and a read that fails off the GUI thread is done again on
it, where an error is reported as any other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from desktop_app.gui.gateway import Gateway
from desktop_app.gui.review import ReviewCounts, read_review

log = logging.getLogger(__name__)


class ReviewReads:
    """Reads the counts off the GUI thread and hands the newest to ``show``."""

    def __init__(self, gateway: Gateway, show: Callable[[ReviewCounts], None]) -> None:
        self._gateway = gateway
        self._show = show
        self._asked = 0
        self.shown: ReviewCounts | None = None
        """The counts shown last (None until the first read arrives)."""

    def read(self, as_of: date) -> None:
        """Count again as of ``as_of``; the counts show when read."""
        self._asked += 1
        asked, previous = self._asked, self.shown
        self._gateway.build(
            lambda library: read_review(library, as_of, previous),
            lambda counts: self._read(counts, asked),
            lambda error: self._failed(error, asked, as_of),
        )

    def _read(self, counts: ReviewCounts, asked: int) -> None:
        if asked == self._asked and not self._gateway.reader.closed:
            self.shown = counts
            self._show(counts)

    def _failed(self, error: BaseException, asked: int, as_of: date) -> None:
        if asked != self._asked or self._gateway.reader.closed:
            return
        log.warning("counting coverage off the GUI thread failed: %s", type(error).__name__)
        # Here, then: what fails again is reported as any bug is.
        self._read(read_review(self._gateway.reader, as_of), asked)
