"""Memos → Chronology…: which documents the memo's chronology and index list.

From and To bound the documents' dates (either may be left empty); ticking kinds keeps only
those (none ticked: every kind). The memo says what the limit left out. The limit belongs to the
build, like the kind and the paper: it is not part of the draft, and the preview says it is on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from desktop_app.core.chronology_limit import ChronologyLimit, limit_errors
from desktop_app.core.documents import DocumentKind
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.checklist import CheckList
from desktop_app.gui.widgets.fields import DateField, read_date
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.i18n import _

KINDS = tuple(DocumentKind)


class ChronologyDialog(FormDialog[ChronologyLimit]):
    """The dates and kinds of document the memo's chronology lists."""

    def __init__(self, limit: ChronologyLimit, parent: QWidget | None = None) -> None:
        super().__init__(_("Limit the chronology"), _accept, parent, check=limit_errors)
        self.dated_from = DateField(limit.dated_from)
        self.dated_to = DateField(limit.dated_to)
        choices = [(index, kind.label) for index, kind in enumerate(KINDS)]
        self.kinds = CheckList(choices, [KINDS.index(k) for k in limit.kinds])
        self.add_row("dated_from", _("Dated &from"), self.dated_from, _("Empty: from the first."))
        self.add_row("dated_to", _("Dated &to"), self.dated_to, _("Empty: to the last."))
        self.add_row(
            "kinds", _("&Kinds"), self.kinds, _("Space ticks a kind; none ticked: every kind.")
        )
        use = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        use.setText(_("&Use"))  # nothing is stored: the next build follows the limit
        use.setToolTip(_("Use this limit for the next preview (Ctrl+Enter)"))
        self.resize(460, 420)

    def build(self) -> ChronologyLimit:
        """The limit the fields describe."""
        errors: dict[str, str] = {}
        start = read_date(self.dated_from, "dated_from", errors)
        end = read_date(self.dated_to, "dated_to", errors)
        if errors:
            raise ValidationError(errors)
        return ChronologyLimit(start, end, tuple(KINDS[i] for i in self.kinds.value()))


def _accept(
    limit: ChronologyLimit,
    on_done: Callable[[ChronologyLimit], None],
    _on_error: Callable[[BaseException], None],
) -> None:
    on_done(limit)  # nothing to store: the limit goes with the next build
