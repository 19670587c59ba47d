"""The dialogs of the Determinations tab, each wired to its `DecisionService` operation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QWidget

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    ClockEventKind,
    Determination,
    DeterminationKind,
    LetterEffect,
    License,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.models import MatterRecord
from desktop_app.core.withdrawal import offered
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter.annex_dialog import AnnexDialog, AnnexDraft
from desktop_app.gui.matter.annex_link_dialog import AnnexLink, AnnexLinkDialog
from desktop_app.gui.matter.clock_dialog import ClockEventDialog
from desktop_app.gui.matter.determination_dialog import DeterminationDialog
from desktop_app.gui.matter.letter_dialog import LetterDialog, LetterDraft
from desktop_app.gui.matter.license_dialog import LicenseDialog


@dataclass(frozen=True)
class DialogContext:
    """What a record dialog of a matter needs: the matter, the day, the gateway, its parent."""

    record: MatterRecord
    today: date
    gateway: Gateway
    parent: QWidget


def determination_dialog(ctx: DialogContext, found: Determination | None) -> DeterminationDialog:
    """The dialog on a determination, or on a new one dated today."""
    target = found or Determination(ctx.record.matter.id, DeterminationKind.APPROVED, ctx.today)
    op = DecisionService.update_determination if found else DecisionService.add_determination
    submit = ctx.gateway.decision_submitter(op)
    return DeterminationDialog(target, ctx.record, submit, ctx.parent)


def license_dialog(ctx: DialogContext, found: License | None) -> LicenseDialog:
    """The dialog on a license, or on a new one validated today."""
    record = ctx.record
    target = found or License(record.matter.id, "", ctx.today)
    op = DecisionService.update_license if found else DecisionService.add_license
    return LicenseDialog(
        target,
        ctx.gateway.decision_submitter(op),
        scope=(list(record.parties), list(record.items)),
        others=offered(record.decisions.licenses, (target.replaces_license_id,)),
        determinations=offered(record.decisions.determinations, (target.determination_id,)),
        today=ctx.today,
        calendar=ctx.gateway.calendar(),
        parent=ctx.parent,
    )


def letter_dialog(ctx: DialogContext) -> LetterDialog:
    """The dialog for a new letter (lifting a requirement, dated today) with its Annex A."""
    record = ctx.record
    letter = AuthorizationLetter(
        record.matter.id, LetterEffect.REMOVES_REQUIREMENT, ctx.today, ctx.today
    )
    return LetterDialog(letter, record, ctx.gateway.decision_submitter(_add_letter), ctx.parent)


def edit_letter_dialog(ctx: DialogContext, letter: AuthorizationLetter) -> LetterDialog:
    """The dialog that corrects a stored letter's fields."""
    submit = ctx.gateway.decision_submitter(_update_letter)
    return LetterDialog(letter, ctx.record, submit, ctx.parent)


def annex_dialog(ctx: DialogContext, letter: AuthorizationLetter) -> AnnexDialog:
    """The dialog that replaces a letter's Annex A, filled with its rows as written."""
    rows = [r for r in ctx.record.decisions.annex_rows if r.letter_id == letter.id]
    submit = ctx.gateway.decision_submitter(_replace_annex)
    return AnnexDialog(letter, rows, submit, ctx.parent, ctx.record.parties)


def annex_link_dialog(ctx: DialogContext, row: AnnexRow) -> AnnexLinkDialog:
    """The dialog where counsel confirm, change or clear an Annex A row's link to a party."""
    submit = ctx.gateway.decision_submitter(_link_annex_row)
    return AnnexLinkDialog(row, list(ctx.record.parties), submit, ctx.parent)


def clock_dialog(ctx: DialogContext, event: ClockEvent | None = None) -> ClockEventDialog:
    """The dialog for a new clock event (the registration first, then a hold), or a correction."""
    if event is not None:
        correct = ctx.gateway.decision_submitter(DecisionService.update_clock_event)
        return ClockEventDialog(event, correct, ctx.parent)
    events = ctx.record.decisions.clock_events
    registered = any(e.kind is ClockEventKind.REGISTERED for e in events)
    kind = ClockEventKind.HOLD_STARTED if registered else ClockEventKind.REGISTERED
    event = ClockEvent(ctx.record.matter.id, kind, ctx.today)
    submit = ctx.gateway.decision_submitter(DecisionService.add_clock_event)
    return ClockEventDialog(event, submit, ctx.parent)


def _add_letter(service: DecisionService, draft: LetterDraft) -> AuthorizationLetter:
    return service.add_letter(draft.letter, draft.annex_text)


def _update_letter(service: DecisionService, draft: LetterDraft) -> AuthorizationLetter:
    return service.update_letter(draft.letter)


def _replace_annex(service: DecisionService, draft: AnnexDraft) -> list[AnnexRow]:
    return service.replace_annex(draft.letter_id, draft.annex_text)


def _link_annex_row(service: DecisionService, link: AnnexLink) -> AnnexRow:
    if link.new_party:
        return service.party_from_row(link.row_id)
    return service.link_annex_row(link.row_id, link.party_id)
