"""The docket's "Needs review" column: how many of a matter's coverage answers need review.

The counts are read after the docket (on the build worker, `gui.review.read_review`); until
they arrive, and for a matter with no letter, license, determination or activity, the cell is
blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.core.coverage_model import Answer
from desktop_app.core.models import MatterSummary
from desktop_app.gui.matter.coverage_style import icon_of
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from desktop_app.gui.review import MatterReview, ReviewCounts

REVIEW_HEADER = _("Needs review")
REVIEW_COLOUR = "#8a5a00"
"""The palette's warning ink (the colour of "Needs review" in the Parties tab)."""


@dataclass
class ShownReview:
    """The counts the docket shows; replaced when newer ones are read."""

    counts: ReviewCounts | None = None

    def of(self, summary: MatterSummary) -> MatterReview | None:
        """The count of a docket row's matter, if counted."""
        return None if self.counts is None else self.counts.of(summary.matter.id)


def review_column(shown: ShownReview) -> Column[MatterSummary]:
    """The column, reading the counts from ``shown`` (the model keeps it current)."""

    def text(s: MatterSummary) -> str:
        count = shown.of(s)
        return "" if count is None else str(count.needs_review)

    def tip(s: MatterSummary) -> str:
        count, counts = shown.of(s), shown.counts
        if count is None or counts is None:
            return _("No letter, license, determination or activity: coverage is not counted")
        return _("{n} of {total} coverage answers need review, as of {day}").format(
            n=count.needs_review, total=count.answers, day=counts.as_of.isoformat()
        )

    def pending(s: MatterSummary) -> bool:
        count = shown.of(s)
        return count is not None and count.needs_review > 0

    def icon(s: MatterSummary) -> QIcon | None:
        return icon_of(Answer.NEEDS_REVIEW) if pending(s) else None

    def rank(s: MatterSummary) -> int:
        count = shown.of(s)
        return -1 if count is None else count.needs_review

    return Column(
        REVIEW_HEADER,
        text,
        rank,
        align_right=True,
        tooltip=tip,
        foreground=lambda s: REVIEW_COLOUR if pending(s) else None,
        decoration=icon,
    )
