"""The Memos tab: the draft editor with its saved versions beside the memo's preview.

Saving stores a new version through the gateway (an unchanged draft stores nothing). Edits are
never dropped silently: loading another version, opening another matter or closing the window
with unsaved edits asks first (`may_leave`). Preview, Print, Save as and Issue work from a saved
version: unsaved edits are saved first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.chronology_limit import NO_LIMIT, ChronologyLimit
from desktop_app.core.drafts import MemoDraft, Paper, new_draft, same_content
from desktop_app.core.models import Matter, MatterRecord
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.chronology_dialog import ChronologyDialog
from desktop_app.gui.matter.memo_actions import MemoOutputs
from desktop_app.gui.matter.memo_form import MemoForm
from desktop_app.gui.matter.memo_preview import KINDS, BuildKey, Built, MemoPreview
from desktop_app.gui.matter.memo_versions import VersionChooser
from desktop_app.gui.tasks import report_failure
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.i18n import _

READ_ONLY = _("This library is open read-only: drafts cannot be saved nor memos issued.")
ISSUE_QUESTION = _(
    "Issue this memo? It is filed on the matter as an outgoing document; issuing again makes "
    "a new version."
)


class MemosTab(QWidget):
    """Write the matter's memo draft, keep its versions, and preview, print, save or issue it."""

    message = Signal(str)
    """A one-sentence result for the window's status bar."""

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gateway = gateway
        self.matter: Matter | None = None
        self.drafts: list[MemoDraft] = []
        self.writable = gateway.writable
        self.form = MemoForm()
        self.versions = VersionChooser()
        self.save_button = QPushButton(_("&Save draft"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)  # a long result must not widen the window past the screen
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(label, value)
        self.paper: EnumCombo[Paper] = EnumCombo(Paper)
        self.limit = NO_LIMIT
        self.chronology_button = QPushButton(_("Chronology…"))
        self.chronology_button.setToolTip(_("Limit the chronology by dates and kinds"))
        self.dialog: ChronologyDialog | None = None
        self.preview_button = QPushButton(_("Previe&w"))
        self.print_button = QPushButton(_("Prin&t…"))
        self.save_as_button = QPushButton(_("Save as…"))
        self.issue_button = QPushButton(_("Iss&ue…"))
        self.preview = MemoPreview()
        self.outputs = MemoOutputs(gateway, self.preview, self)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(_label(_("Draft:"), self.versions))
        top.addWidget(self.versions, 1)
        top.addWidget(self.save_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        column.addLayout(top)
        column.addWidget(self.status)
        column.addWidget(self.form, 1)
        bar = QHBoxLayout()
        bar.addWidget(_label(_("&Kind:"), self.kind))
        bar.addWidget(self.kind)
        bar.addWidget(_label(_("Pape&r:"), self.paper))
        bar.addWidget(self.paper)
        bar.addWidget(self.chronology_button)
        bar.addStretch(1)
        bar.addWidget(self.preview_button)
        outputs = QHBoxLayout()
        outputs.addStretch(1)
        for button in (self.print_button, self.save_as_button, self.issue_button):
            outputs.addWidget(button)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(6, 0, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.preview, 1)
        box.addLayout(outputs)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 9)
        splitter.setStretchFactor(1, 10)
        splitter.setSizes([450, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.save_button.setToolTip(_("Save the draft as a new version (Ctrl+S)"))
        self.issue_button.setToolTip(_("File the memo on the matter as an outgoing document"))

    def _connect(self) -> None:
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save_draft)
        self.save_button.clicked.connect(lambda _checked=False: self.save_draft())
        self.versions.chosen.connect(self._version_chosen)
        self.form.edited.connect(self._update_state)
        self.kind.currentIndexChanged.connect(lambda _i: self._update_state())
        self.paper.currentIndexChanged.connect(lambda _i: self._paper_chosen())
        self.preview_button.clicked.connect(self.show_preview)
        self.chronology_button.clicked.connect(self.choose_limit)
        self.print_button.clicked.connect(lambda: self._with_built(self._print))
        self.save_as_button.clicked.connect(lambda: self._with_built(self.outputs.save_as))
        self.issue_button.clicked.connect(self.issue)
        self.outputs.message.connect(self._say)

    def show_record(self, record: MatterRecord, today: date) -> None:
        """Show a matter's memo draft (keeping unsaved edits when it is the same matter)."""
        matter = record.matter
        same = self.matter is not None and self.matter.id == matter.id
        dirty = same and self.form.is_dirty()
        self.matter, self.outputs.as_of = matter, today
        self.drafts = self._gateway.memo_drafts(matter.id)
        self.paper.blockSignals(True)
        self.paper.set_value(self._gateway.paper())
        self.paper.blockSignals(False)
        if not dirty:
            wanted = self._draft(self.form.loaded.version if same else None)
            if not (same and _same_version(wanted, self.form.loaded)):
                self.form.load(wanted)
        if not same:
            self.preview.clear()
            self.status.clear()
            self._limit_chosen(NO_LIMIT)  # a limit is chosen for one matter's memo
        self.versions.show_versions(self.drafts, self.form.loaded.version)
        self._update_state()

    def set_editable(self, editable: bool) -> None:
        """Allow saving, issuing and choosing the paper (a read-only library forbids them)."""
        self.writable = editable
        self.form.set_read_only(not editable)
        for widget in (self.save_button, self.issue_button, self.paper):
            widget.setEnabled(editable)
        tips = (_("Save the draft as a new version (Ctrl+S)"), _("File the memo on the matter"))
        self.save_button.setToolTip(tips[0] if editable else READ_ONLY)
        self.issue_button.setToolTip(tips[1] if editable else READ_ONLY)
        self.paper.setToolTip(_("The paper every memo is laid out on") if editable else READ_ONLY)

    def save_draft(self, then: Callable[[], object] | None = None) -> None:
        """Save the form as the next version ("No changes" when it says what the last one says)."""
        if self.matter is None or not self.writable:
            return
        draft = self.form.draft()
        shown = self.form.snapshot()
        latest = self.drafts[-1].version if self.drafts else 0
        self.save_button.setEnabled(False)

        def saved(stored: MemoDraft) -> None:
            self.save_button.setEnabled(self.writable)
            if self.matter is None or stored.matter_id != self.matter.id:
                return  # another matter is open now; its own drafts are shown
            self.form.rebase(stored, shown)
            self.drafts = [*(d for d in self.drafts if d.version != stored.version), stored]
            self.versions.show_versions(self.drafts, stored.version)
            if stored.version > latest:
                self._say(_("Saved as version {n}.").format(n=stored.version))
            else:
                self._say(_("No changes since version {n}.").format(n=stored.version))
            self._update_state()
            if then is not None:
                then()

        self._gateway.memo(lambda service: service.save_draft(draft), saved, self._not_saved)

    def may_leave(self, then: Callable[[], object]) -> bool:
        """True when nothing unsaved would be lost; else ask, and on Save call ``then`` after."""
        if not self.form.is_dirty():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            _("Unsaved memo draft"),
            _("The memo draft has changes that are not saved. Save them as a new version?"),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Discard:
            self.form.load(self.form.loaded)
            return True
        if answer == buttons.Save:
            self.save_draft(then)
        return False

    def show_preview(self) -> None:
        """Build the memo (saving unsaved edits first) and show its pages."""
        self._saved_then(self.outputs.preview)

    def issue(self) -> None:
        """Ask, then build the memo and file it on the matter as an outgoing document."""
        if self.matter is None or not self.writable:
            return
        question = ISSUE_QUESTION
        if self.limit.limits:
            question += "\n\n" + _(
                "Its chronology and index list only {what}; the memo says so."
            ).format(what=self.limit.describe())
        answer = QMessageBox.question(self, _("Issue memo"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self._saved_then(self.outputs.issue)

    def current_key(self) -> BuildKey | None:
        """What a build would be made from now: the loaded version, kind and paper."""
        if self.matter is None:
            return None
        paper = self.paper.value() or Paper.LETTER
        version = self.form.loaded.version or None
        return BuildKey(
            self.matter.id, self.matter.number, version, self._kind(), paper, self.limit
        )

    def choose_limit(self) -> None:
        """Ask which documents the chronology lists; the next build follows the answer."""
        dialog = ChronologyDialog(self.limit, self)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.saved.connect(self._limit_chosen)
        dialog.open()

    def _limit_chosen(self, limit: ChronologyLimit) -> None:
        self.limit = limit
        shown = limit.describe() if limit.limits else _("every document")
        self.chronology_button.setText(
            _("Chronology: limited…") if limit.limits else _("Chronology…")
        )
        self.chronology_button.setToolTip(_("The chronology lists {what}").format(what=shown))
        self._update_state()

    def _kind(self) -> str:
        return str(self.kind.currentData())

    def _draft(self, version: int | None) -> MemoDraft:
        """A saved version (the latest when ``version`` is None or gone), else the defaults."""
        assert self.matter is not None
        for draft in self.drafts:
            if draft.version == version:
                return draft
        return self.drafts[-1] if self.drafts else new_draft(self.matter)

    def _version_chosen(self, version: int) -> None:
        if version == self.form.loaded.version:
            return
        if self.may_leave(lambda: self._load_version(version)):
            self._load_version(version)
        else:
            self.versions.select(self.form.loaded.version)

    def _load_version(self, version: int) -> None:
        self.form.load(self._draft(version))
        self.versions.select(self.form.loaded.version)
        self._update_state()

    def _paper_chosen(self) -> None:
        paper = self.paper.value()
        if paper is None or not self.writable:
            return
        self._update_state()
        self._gateway.memo(lambda service: service.set_paper(paper), on_error=self._paper_refused)

    def _paper_refused(self, error: BaseException) -> None:
        self.paper.blockSignals(True)
        self.paper.set_value(self._gateway.paper())
        self.paper.blockSignals(False)
        self._update_state()
        self._not_saved(error)

    def _saved_then(self, then: Callable[[BuildKey], None]) -> None:
        """Call ``then`` with the build key once unsaved edits (if any) are saved."""
        if self.form.is_dirty() and self.writable:
            self.save_draft(lambda: self._with_key(then))
        else:
            self._with_key(then)

    def _with_key(self, then: Callable[[BuildKey], None]) -> None:
        key = self.current_key()
        if key is not None:
            then(key)

    def _with_built(self, then: Callable[[Built], None]) -> None:
        """Call ``then`` with the previewed memo, building it first when it is out of date."""
        built = self.preview.built
        if built is not None and built.key == self.current_key() and not self.form.is_dirty():
            then(built)
        else:
            self._saved_then(lambda key: self.outputs.preview(key, then))

    def _print(self, _built: Built) -> None:
        self.outputs.print_shown()

    def _update_state(self) -> None:
        dirty = self.form.is_dirty()
        self.versions.set_dirty(dirty)
        self.preview.show_state(self.current_key(), dirty)

    def _say(self, text: str) -> None:
        self._update_state()
        self.status.setText(text)
        self.message.emit(text)

    def _not_saved(self, error: BaseException) -> None:
        self.save_button.setEnabled(self.writable)
        report_failure(self, _("Not saved"), error, self._gateway.reader.paths)


def _same_version(a: MemoDraft, b: MemoDraft) -> bool:
    return a.version == b.version and same_content(a, b)


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
