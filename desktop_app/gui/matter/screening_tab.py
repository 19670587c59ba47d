"""The Screening tab: each party's latest screening, its potential matches, counsel's decisions.

"Screen all parties" screens the matter against the edition of the lists in force, on the
record (off the GUI thread: reading and indexing the edition takes a few seconds). A potential
match, selected, shows the features the matcher found beside the party, and counsel decide it —
false positive, confirmed match or escalated — with a rationale (docs/rules.md, "Screening").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.models import MatterRecord
from desktop_app.core.screening_records import (
    Disposition,
    Screening,
    ScreeningHit,
    latest_by_party,
)
from desktop_app.core.text import visible
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.tasks import LongTask
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _
from desktop_app.storage.library import Library


@dataclass(frozen=True)
class PartyLine:
    """One party and its latest screening, if it has one."""

    party_id: int
    name: str
    screening: Screening | None


@dataclass(frozen=True)
class Decision:
    """What counsel decide about one hit."""

    hit_id: int
    disposition: Disposition
    rationale: str


def _result(line: PartyLine) -> str:
    if line.screening is None:
        return _("not screened in the app")
    found = line.screening.potential_matches
    return _("no match") if found == 0 else _("{n} potential matches").format(n=found)


def _state(hit: ScreeningHit) -> str:
    return hit.disposition.label if hit.disposition.value else _("Needs a decision")


PARTY_COLUMNS: tuple[Column[PartyLine], ...] = (
    Column(_("Party"), lambda p: visible(p.name)),
    Column(_("Screened"), lambda p: p.screening.screened_at[:10] if p.screening else "—"),
    Column(_("Result"), _result),
)
HIT_COLUMNS: tuple[Column[ScreeningHit], ...] = (
    Column(_("Score"), lambda h: f"{h.score:.0f}", sort_key=lambda h: h.score, align_right=True),
    Column(_("List"), lambda h: h.list_code),
    Column(_("Listed entry"), lambda h: visible(h.entry_name)),
    Column(_("Matched alias"), lambda h: visible(h.alias)),
    Column(_("Decision"), _state),
)


class DecisionDialog(FormDialog[Decision]):
    """Counsel's decision on one potential match, with the rationale the record keeps."""

    def __init__(
        self,
        hit: ScreeningHit,
        disposition: Disposition,
        submit: Submit[Decision],
        parent: QWidget | None = None,
    ) -> None:
        title = _("{decision}: {entry}").format(
            decision=disposition.label, entry=visible(hit.entry_name)[:60]
        )
        super().__init__(title, submit, parent)
        self._decision = Decision(hit.id, disposition, hit.rationale)
        self.rationale = TextBinding(QPlainTextEdit(), hit.rationale)
        self.add_row(
            "rationale",
            _("Rationale"),
            self.rationale.widget,
            _("Why: kept on the record with your name and the time."),
        )
        self.resize(560, 300)

    def build(self) -> Decision:
        """The decision as typed."""
        return replace(self._decision, rationale=self.rationale.value())


class ScreeningTab(QWidget):
    """The matter's screening record, and the buttons that screen and decide."""

    def __init__(self, gateway: Gateway, open_dialog: Callable[[FormDialog[Any]], None]) -> None:
        super().__init__()
        self._gateway, self._open_dialog = gateway, open_dialog
        self.record: MatterRecord | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.screen_button = QPushButton(_("Screen all parties"))
        self.parties: RecordTable[PartyLine] = RecordTable(
            _("Latest screening of each party"), PARTY_COLUMNS, lambda p: p.party_id, False
        )
        self.hits: RecordTable[ScreeningHit] = RecordTable(
            _("Potential matches — select one to see why it matched"),
            HIT_COLUMNS,
            lambda h: h.id,
            False,
        )
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.buttons = {
            d: QPushButton(label)
            for d, label in (
                (Disposition.FALSE_POSITIVE, _("False positive…")),
                (Disposition.CONFIRMED, _("Confirmed match…")),
                (Disposition.ESCALATED, _("Escalate…")),
            )
        }
        self._lay_out()
        self.screen_button.clicked.connect(self.screen_parties)
        self.hits.table.selectionModel().selectionChanged.connect(self._selected)
        for disposition, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, d=disposition: self.decide(d))
        self._selected()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.screen_button)
        decide = QHBoxLayout()
        decide.addStretch(1)
        for button in self.buttons.values():
            decide.addWidget(button)
        below = QWidget()
        lower = QVBoxLayout(below)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(QLabel(_("<b>Why it matched, and the decision</b>")))
        lower.addWidget(self.detail, 1)
        lower.addLayout(decide)
        split = QSplitter()
        split.addWidget(self.parties)
        split.addWidget(self.hits)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 2)
        layout.addWidget(below, 1)

    def show_matter(self, record: MatterRecord) -> None:
        """Show the matter's latest screening of each party and its potential matches."""
        self.record = record
        latest = latest_by_party(record.decisions.screenings)
        self.parties.set_rows([PartyLine(p.id, p.name, latest.get(p.id)) for p in record.parties])
        shown = {s.id for s in latest.values()}
        self.hits.set_rows([h for h in record.decisions.screening_hits if h.screening_id in shown])
        screened = [s.screened_at[:10] for s in latest.values()]
        self.status.setText(
            _("Last screened {when}. Each potential match is counsel's to decide.").format(
                when=max(screened)
            )
            if screened
            else _("No party of this matter has been screened in the app yet.")
        )
        self.screen_button.setEnabled(self._gateway.writable and bool(record.parties))
        if self.hits.model.rowCount() and self.hits.selected() is None:
            self.hits.table.selectRow(0)  # the first match explained, without a click
        self._selected()

    def screen_parties(self) -> None:
        """Screen every party against the edition in force, off the GUI thread."""
        if self.record is None:
            return
        number, actor = self.record.matter.number, self._gateway.actor
        paths = self._gateway.reader.paths
        title, failure = _("Screening the parties…"), _("Not screened")
        task = LongTask(self, title, failure, paths, cancellable=False)

        def op(library: Library) -> int:
            from desktop_app.screening import screen_case  # noqa: PLC0415 - the lists on demand

            return len(screen_case(library, number, actor).parties)

        task.start(lambda done, failed: self._gateway.run(op, done, failed), self._screened)

    def _screened(self, parties: int) -> None:
        self.status.setText(_("Screened {n} parties.").format(n=parties))

    def decide(self, disposition: Disposition) -> None:
        """Ask for the rationale of a decision on the selected potential match."""
        hit = self.hits.selected()
        if hit is None:
            return
        self._open_dialog(DecisionDialog(hit, disposition, self._submit, self))

    def _submit(
        self,
        decision: Decision,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        from desktop_app.core.screening_service import ScreeningService  # noqa: PLC0415

        actor = self._gateway.actor
        self._gateway.run(
            lambda library: ScreeningService(library, actor).decide(
                decision.hit_id, decision.disposition, decision.rationale
            ),
            on_done,
            on_error,
        )

    def _selected(self, *_args: object) -> None:
        hit = self.hits.selected()
        for button in self.buttons.values():
            button.setEnabled(hit is not None and self._gateway.writable)
        if hit is None:
            self.detail.setPlainText(_("Select a potential match to see why it matched."))
            return
        party = next(
            (p.name for p in (self.record.parties if self.record else ()) if p.id == hit.party_id),
            "",
        )
        lines = [
            _("{party} ~ {entry} ({code}, entry {key}), score {score:.0f}").format(
                party=visible(party),
                entry=visible(hit.entry_name),
                code=hit.list_code,
                key=hit.entry_key,
                score=hit.score,
            ),
            _("Matched alias: {alias}").format(alias=visible(hit.alias)),
            *(f"• {visible(f)}" for f in hit.features),
            "",
            _("Decision: {state}").format(state=_state(hit)),
        ]
        if hit.rationale:
            lines.append(f"{hit.decided_by}, {hit.decided_at}: {visible(hit.rationale)}")
        if hit.reopened:
            lines.append(_("Reopened: {why}").format(why=visible(hit.reopened)))
        self.detail.setPlainText("\n".join(lines))
