"""Retention triggers, legal holds, the trash and purge: the one way anything deletes a matter.

Each public method is one transaction. A deletion the rules forbid (an open legal hold, a live
matter, the retention period not yet over, or no start event known) is refused: the refusal is
written to the audit chain as its own entry (action ``refused``, with the reason) in a
transaction that changes nothing else, and then raised as `RefusedError`. Called inside an outer
``batch()``, that entry is kept or lost with the batch.

Purge deletes every record of a trashed matter through the unit of work (one audited delete per
row, children before what they point at), then the blob rows nothing names any more, and only
after the commit the blob files themselves: never a blob before its row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.documents import Document, Quarantined
from desktop_app.core.drafts import MemoDraft
from desktop_app.core.enums import Agency
from desktop_app.core.holiday_calendar import HOLIDAYS_SETTING, calendar_of
from desktop_app.core.matter_numbers import retire
from desktop_app.core.models import Activity, Decisions, Item, Matter, Note, Party
from desktop_app.core.ports import BlobRemover, Record, Store, UnitOfWork
from desktop_app.core.record_kinds import KINDS
from desktop_app.core.retention import (
    LegalHold,
    RefusedError,
    RetentionTrigger,
    TrashEntry,
    TriggerKind,
    hold_names,
)
from desktop_app.core.retention_events import OFAC_RULE
from desktop_app.core.retention_state import RetentionState, deletion_refusal, ofac_question
from desktop_app.core.retention_void import KEPT, void_errors, void_refusal
from desktop_app.core.screening_records import Screening, ScreeningHit
from desktop_app.core.validation import check, text_errors
from desktop_app.errors import ConfirmationNeededError, ValidationError


@dataclass(frozen=True)
class Purged:
    """What a purge removed: the matter, how many rows, and the originals no longer kept."""

    matter: Matter
    rows: int
    blobs_removed: tuple[str, ...]


class RetentionService:
    """Record retention triggers and legal holds; trash, restore and purge matters."""

    def __init__(
        self,
        store: Store,
        actor: str,
        blobs: BlobRemover,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._actor = actor
        self._blobs = blobs
        self._today = today
        self._now = now

    # -- retention triggers ---------------------------------------------------------------

    def add_trigger(self, trigger: RetentionTrigger, confirmed: bool = False) -> RetentionTrigger:
        """Record counsel's event that starts the period (one that has happened).

        An event dated before the matter was opened raises `ConfirmationNeededError` unless
        ``confirmed``: it may be right (an export before counsel were asked), or a typing slip.
        """
        check(text_errors(trigger))
        if trigger.occurred_on > self._today():
            raise ValidationError(
                {"occurred_on": "Record the event once it has happened; that date is to come."}
            )
        with self._store.transaction(self._actor) as tx:
            matter = tx.get(Matter, trigger.matter_id)
            _check_kind(matter, trigger)
            opened = matter.opened
            if opened is not None and trigger.occurred_on < opened and not confirmed:
                raise ConfirmationNeededError(
                    f"{trigger.occurred_on.isoformat()} is before {matter.number} was opened "
                    f"({opened.isoformat()}). Record the event on that date anyway?"
                )
            return tx.insert(replace(trigger, id=0, source=""))

    def remove_trigger(self, trigger_id: int) -> RetentionTrigger:
        """Remove counsel's event recorded by mistake; refused (and audited) under legal hold.

        The app's own events cannot be removed: counsel's events can only add to them.
        """
        with self._store.transaction(self._actor) as tx:
            trigger = tx.get(RetentionTrigger, trigger_id)
            if trigger.by_app:
                raise ValidationError(
                    {
                        "event": "The app recorded that event from the matter's record; "
                        "counsel's events can only add to it, not remove it."
                    }
                )
            state = _state(tx, trigger.matter_id)
            if not state.on_hold:
                return tx.delete(RetentionTrigger, trigger_id)
            reason = _held(state, "no retention record may be removed")
            tx.record_refusal(state.matter.id, "remove retention trigger", reason)
        raise RefusedError(reason)

    # -- legal holds ----------------------------------------------------------------------

    def place_hold(self, hold: LegalHold) -> LegalHold:
        """Put a matter under legal hold at an agency's request (762.6(b))."""
        check(text_errors(hold))
        errors: dict[str, str] = {}
        if not hold.requested_by.strip():
            errors["requested_by"] = "Name the agency or person who asked for the records."
        if hold.requested_on > self._today():
            errors["requested_on"] = "The request date cannot be after today."
        if hold.released_on is not None:
            errors["released_on"] = "A new hold is open; release it afterwards."
        check(errors)
        with self._store.transaction(self._actor) as tx:
            tx.get(Matter, hold.matter_id)
            return tx.insert(replace(hold, id=0))

    def release_hold(self, hold_id: int, released_on: date, release_note: str = "") -> LegalHold:
        """Release an open hold on the written authorization ``release_note`` describes."""
        with self._store.transaction(self._actor) as tx:
            hold = tx.get(LegalHold, hold_id)
            released = replace(hold, released_on=released_on, release_note=release_note)
            check(text_errors(released))
            if not hold.is_open:
                raise ValidationError({"hold": "That hold was already released."})
            if not hold.requested_on <= released_on <= self._today():
                raise ValidationError(
                    {
                        "released_on": "A hold is released on or after the day it was "
                        f"requested ({hold.requested_on.isoformat()}) and not after today."
                    }
                )
            tx.update(released)
            return released

    # -- trash and purge ------------------------------------------------------------------

    def trash(self, matter_id: int, no_ofac_party: bool = False) -> TrashEntry:
        """Move a matter whose retention has ended and that nothing keeps to the trash.

        Within ten years of its start event, with no screening recorded, it raises
        `ConfirmationNeededError` until counsel confirm ``no_ofac_party`` (31 CFR 501.601); the
        confirmation is kept on the trash entry.
        """
        with self._store.transaction(self._actor) as tx:
            state = _state(tx, matter_id)
            today = self._today()
            reason = deletion_refusal(state, today)
            if reason is None:
                if state.trash is not None:
                    return state.trash
                question = ofac_question(state, today)
                if question is not None and not no_ofac_party:
                    raise ConfirmationNeededError(question)
                stamp = self._now().isoformat(timespec="seconds")
                confirmed = True if question is not None else None
                return tx.insert(TrashEntry(matter_id, stamp, no_ofac_party=confirmed))
            tx.record_refusal(matter_id, "move to trash", reason)
        raise RefusedError(reason)

    def restore(self, matter_id: int) -> Matter:
        """Take a matter out of the trash, back onto the docket, agenda and search."""
        with self._store.transaction(self._actor) as tx:
            state = _state(tx, matter_id)
            if state.trash is None:
                raise ValidationError({"matter": f"{state.matter.number} is not in the trash."})
            tx.delete(TrashEntry, state.trash.id)
        return state.matter

    def purge(self, matter_id: int) -> Purged:
        """Delete a trashed matter and all its records for good, then its unshared originals."""
        with self._store.transaction(self._actor) as tx:
            state = _state(tx, matter_id)
            reason = deletion_refusal(state, self._today())
            if reason is None and state.trash is None:
                reason = f"{state.matter.number} is not in the trash; move it to the trash first."
            if reason is None and ofac_question(state, self._today()) is not None:
                reason = f"{state.matter.number} may be kept ten years ({OFAC_RULE}); restore it "
                reason += "and move it to the trash again to confirm no party is on an OFAC list."
            if reason is None:
                purged = _delete_matter(tx, state.matter)
            else:
                tx.record_refusal(matter_id, "purge", reason)
        if reason is not None:
            raise RefusedError(reason)
        for sha256 in purged.blobs_removed:
            self._blobs.discard(sha256)
        return purged

    def void(self, matter_id: int, reason: str) -> Purged:
        """Void a matter opened in error: delete it and what counsel typed on it, now.

        Refused (and the refusal audited) when it holds a record to keep or is under legal
        hold (`retention_void`). The reason is written to the matter before it goes, so the
        audit chain says why; its number is never given again.
        """
        check(void_errors(reason))
        with self._store.transaction(self._actor) as tx:
            matter = tx.get(Matter, matter_id)
            counts = {kind: len(tx.children(KINDS[kind], matter_id)) for kind in KEPT}
            on_hold = any(h.released_on is None for h in tx.children(LegalHold, matter_id))
            refusal = void_refusal(matter.number, counts, on_hold)
            if refusal is None:
                why = f"voided, opened in error: {' '.join(reason.split())}"
                noted = replace(matter, status_reason=why)
                check(
                    {
                        ("reason" if k == "status_reason" else k): v
                        for k, v in text_errors(noted).items()
                    }
                )
                tx.update(noted)
                purged = _delete_matter(tx, noted)
            else:
                tx.record_refusal(matter_id, "void", refusal)
        if refusal is not None:
            raise RefusedError(refusal)
        for sha256 in purged.blobs_removed:
            self._blobs.discard(sha256)
        return purged


def _state(tx: UnitOfWork, matter_id: int) -> RetentionState:
    trash = tx.children(TrashEntry, matter_id)
    return RetentionState(
        matter=tx.get(Matter, matter_id),
        triggers=tuple(tx.children(RetentionTrigger, matter_id)),
        holds=tuple(tx.children(LegalHold, matter_id)),
        trash=trash[0] if trash else None,
        activities=tuple(tx.children(Activity, matter_id)),
        decisions=Decisions(
            licenses=tuple(tx.children(License, matter_id)),
            conditions=tuple(tx.children(Condition, matter_id)),
            clock_events=tuple(tx.children(ClockEvent, matter_id)),
        ),
        calendar=calendar_of(tx.find_setting(HOLIDAYS_SETTING)),
    )


def _check_kind(matter: Matter, trigger: RetentionTrigger) -> None:
    """A boycott request is a part 760 record of the EAR; a matter before OFAC has none."""
    if matter.agency is Agency.OFAC and trigger.kind is TriggerKind.BOYCOTT_REQUEST_RECEIPT:
        raise ValidationError(
            {
                "kind": f"{matter.number} is before OFAC: its records are kept ten years from "
                f"each transaction ({OFAC_RULE}). A boycott request is a part 760 record of "
                "the EAR (five years, 15 CFR 762.6(a)); record it on the EAR matter it "
                "belongs to, or record the OFAC transaction as an export or termination."
            }
        )


def check_agency_change(tx: UnitOfWork, matter: Matter) -> None:
    """A matter holding a boycott-request event (part 760, EAR) cannot be put before OFAC."""
    if matter.agency is not Agency.OFAC:
        return
    for trigger in tx.children(RetentionTrigger, matter.id):
        if trigger.kind is TriggerKind.BOYCOTT_REQUEST_RECEIPT:
            raise ValidationError(
                {
                    "agency": f"{matter.number} holds a boycott request received on "
                    f"{trigger.occurred_on.isoformat()}, a part 760 record of the EAR (five "
                    f"years, 15 CFR 762.6(a)); a matter before OFAC is kept under {OFAC_RULE}. "
                    "Remove that event or keep the matter's agency."
                }
            )


def _held(state: RetentionState, what: str) -> str:
    return (
        f"{state.matter.number} is under legal hold ({hold_names(state.open_holds)}); "
        f"{what} until the hold is released (15 CFR 762.6(b))."
    )


def _delete_matter(tx: UnitOfWork, matter: Matter) -> Purged:
    """Delete every record of ``matter``, children before what they point at, then itself."""
    documents = tx.children(Document, matter.id)
    quarantined = tx.children(Quarantined, matter.id)
    mid = matter.id
    rows = 0
    rows += _delete_each(tx, AnnexRow, mid)
    rows += _delete_each(tx, ConditionLog, mid)
    rows += _delete_each(tx, Condition, mid)
    rows += _delete_each(tx, AuthorizationLetter, mid)
    rows += _delete_each(tx, License, mid, lambda x: x.replaces_license_id)
    rows += _delete_each(tx, Determination, mid)
    rows += _delete_each(tx, ClockEvent, mid)
    rows += _delete_each(tx, MemoDraft, mid)
    rows += _delete_each(tx, Activity, mid)
    rows += _delete_each(tx, Note, mid)
    rows += _delete_each(tx, Quarantined, mid)
    for document in documents:
        tx.forget_document_text(document.id)
    rows += _delete_each(tx, Document, mid, lambda d: d.parent_id)
    rows += _delete_each(tx, ScreeningHit, mid)
    rows += _delete_each(tx, Screening, mid, lambda s: s.carried_from)
    rows += _delete_each(tx, Party, mid, lambda p: p.employer_id)
    rows += _delete_each(tx, Item, mid)
    rows += _delete_each(tx, RetentionTrigger, mid)
    rows += _delete_each(tx, LegalHold, mid)
    rows += _delete_each(tx, TrashEntry, mid)
    tx.delete(Matter, mid)
    retire(tx, matter.number)  # never given to another matter
    hashes = sorted({d.sha256 for d in documents} | {q.sha256 for q in quarantined if q.sha256})
    unused = tuple(h for h in hashes if not tx.blob_in_use(h))
    for sha256 in unused:
        tx.forget_blob(sha256)
    return Purged(matter, rows + 1, unused)


def _delete_each(
    tx: UnitOfWork,
    kind: type[Record],
    matter_id: int,
    points_at: Callable[[Record], int | None] = lambda _r: None,
) -> int:
    """Delete every record of ``kind`` on the matter, each after those that point at it."""
    left = {r.id: r for r in tx.children(kind, matter_id)}
    count = 0
    while left:
        named = {points_at(r) for r in left.values()}
        ready = [i for i in left if i not in named] or list(left)  # a cycle: let the FK say so
        for record_id in ready:
            tx.delete(kind, record_id)
            del left[record_id]
            count += 1
    return count
