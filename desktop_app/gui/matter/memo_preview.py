"""The memo preview: the built PDF's pages, and a line saying what they show."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.core.chronology_limit import NO_LIMIT, ChronologyLimit
from desktop_app.core.drafts import Paper
from desktop_app.gui.matter.preview import load_pdf, pdf_view
from desktop_app.gui.widgets.zoom import Zoom
from desktop_app.i18n import _

KINDS = (("case", _("Memo")), ("conditions", _("Conditions report")))
"""What can be built: the value `matter_memo_pdf` takes and its label."""


@dataclass(frozen=True)
class BuildKey:
    """What a memo PDF is built from: the matter, the draft version, the kind and the paper."""

    matter_id: int
    number: str
    version: int | None
    kind: str
    paper: Paper
    limit: ChronologyLimit = NO_LIMIT

    def describe(self) -> str:
        """A short phrase: "Memo · draft version 3 · Letter" (and the chronology's limit)."""
        kind = dict(KINDS).get(self.kind, self.kind)
        draft = (
            _("draft version {n}").format(n=self.version) if self.version else _("no saved draft")
        )
        text = f"{kind} · {draft} · {self.paper.label}"
        if self.limit.limits:
            text += " · " + _("chronology: {what}").format(what=self.limit.describe())
        return text


@dataclass(frozen=True)
class Built:
    """A built memo: what it was built from, its file name, and its bytes."""

    key: BuildKey
    filename: str
    data: bytes
    head: tuple[int, str] = (0, "")
    """The audit-chain head the memo prints (published to the anchor when it is saved)."""


def memo_filename(key: BuildKey) -> str:
    """The file name a memo is saved and issued under: ``EC-2026-0001-memo.pdf``."""
    suffix = "memo" if key.kind == "case" else "conditions"
    return f"{key.number}-{suffix}.pdf"


class MemoPreview(QWidget):
    """The pages of the last memo built for this matter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.built: Built | None = None
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.document = QPdfDocument(self)
        self.view = pdf_view(self.document)
        self.empty = QLabel(
            _(
                "Press Preview to build the memo from the saved draft and the matter file. "
                "Print, Save as and Issue use exactly the pages shown here."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555555; padding: 24px;")
        self.body = QStackedWidget()
        self.body.addWidget(self.empty)
        self.body.addWidget(self.view)
        self._buffer: QBuffer | None = None
        self.zoom = Zoom(self.view, self)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.zoom.bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)

    def show_built(self, built: Built) -> bool:
        """Show a built memo's pages; False when Qt cannot read them."""
        self._buffer = load_pdf(self.document, built.data, self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.clear()
            return False
        self.built = built
        self.body.setCurrentWidget(self.view)
        return True

    def show_state(self, current: BuildKey | None, dirty: bool) -> None:
        """Say what the pages show, and whether they still match the form."""
        if self.built is None:
            self.caption.setText(_("No preview yet."))
            return
        pages = self.document.pageCount()
        text = _("Preview: {what} · {n} pages").format(what=self.built.key.describe(), n=pages)
        if dirty or current != self.built.key:
            text += "  —  " + _("out of date: press Preview to rebuild")
        self.caption.setText(text)

    def clear(self) -> None:
        """Show no pages."""
        self.built = None
        self.document.close()
        self.body.setCurrentWidget(self.empty)
        self.caption.setText(_("No preview yet."))
