"""Undo and Redo: a change reversed by new audited changes, never by erasing the old ones.

A *step* is what one action of a person wrote: the audit entries numbered ``first`` to ``last``.
Undoing it puts each record back as the step's entries found it, newest first, in one
transaction; the audit chain keeps the step and gains the reversal, made by whoever undid it.
Redo is the Undo of an Undo. The records a person types (matters, parties, items, activities,
notes, determinations, licenses, letters and their Annex A, conditions and their log, BIS clock
events, screenings, settings) can be put back so, and so can a document's withdrawal. What
changes filed originals or their text, and what touches retention (legal holds, retention
triggers, the trash), cannot: an original is kept as filed (15 CFR 762.6), and a hold or a trash
move is undone only through its own dialog, which asks for the reason those records need. Nor
can opening a matter (one opened by mistake is voided, and its number is never given again) or
saving a memo draft (every version is kept).
On a matter under legal hold, an Undo that would remove a record is refused and audited as a
refused attempt, as every removal there is (15 CFR 762.6(b)).

A record changed again after the step — by another window's save, or by the status the BIS
clock brought up to date — is not put back: that would lose the later change unseen
(`desktop_app.errors.ChangedSinceError`, and nothing is undone).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop_app.core.history_text import entity_label, headline, record_name
from desktop_app.core.holds import RefusedError, refusal_under_hold
from desktop_app.core.models import AuditEntry
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.record_kinds import KINDS
from desktop_app.core.withdrawal_links import refuse_broken_keys
from desktop_app.errors import NotUndoableError

UNDOABLE = frozenset(
    {
        "matters",
        "parties",
        "items",
        "activities",
        "notes",
        "determinations",
        "licenses",
        "letters",
        "annex_rows",
        "conditions",
        "condition_log",
        "clock_events",
        "settings",
        "screenings",
        "screening_hits",
    }
)
"""The kinds of record Undo may put back (audit entity names)."""

LINKED = frozenset(
    {"determinations", "licenses", "letters", "conditions", "condition_log", "documents"}
)
"""The kinds whose links to a withdrawn record Undo checks after putting records back."""

NOTE_ONLY = "refused"
"""The action of an entry that records a refused attempt: it changed nothing, so nothing to undo."""


@dataclass(frozen=True)
class Step:
    """What one action wrote: audit entries ``first`` to ``last``, and what to call it."""

    first: int
    last: int
    label: str
    blocked: str = ""
    """Why the step cannot be undone ("" when it can)."""


def step_of(entries: list[AuditEntry]) -> Step | None:
    """The step these entries (one action's, oldest first) make; None when they are none."""
    changes = [e for e in entries if e.action != NOTE_ONLY]
    if not changes:
        return None
    return Step(entries[0].seq, entries[-1].seq, _label(changes), why_not(changes))


def why_not(entries: list[AuditEntry]) -> str:
    """Why entries cannot be undone, in words; "" when they can."""
    if any(e.entity == "matters" and e.action == "insert" for e in entries):
        return (
            "It opened a matter: a matter opened by mistake is voided (Matter → Void, opened "
            "in error), so its number is never given to another."
        )
    if any(e.entity == "matters" and e.action == "delete" for e in entries):
        return (
            "It voided or deleted a matter: that is final, and the audit chain keeps what it "
            "held; open a new matter instead."
        )
    kinds = sorted({e.entity for e in entries if e.entity not in UNDOABLE and not _marks(e)})
    if not kinds:
        return ""
    named = "; ".join(f"the {entity_label(k)}" for k in kinds)
    return (
        f"It changed {named}: originals stay as filed, memo drafts keep every version, and "
        "holds and the trash are changed through their own dialogs."
    )


WITHDRAWAL_FIELDS = frozenset({"withdrawn_on", "withdrawn_reason"})


def _marks(entry: AuditEntry) -> bool:
    """True for a change to a record's withdrawal alone (a document withdrawn or put back).

    The original and its text are untouched by it, so Undo may reverse it like any typed field.
    """
    if entry.action != "update" or entry.before is None or entry.after is None:
        return False
    before, after = json.loads(entry.before), json.loads(entry.after)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    return bool(changed) and changed <= WITHDRAWAL_FIELDS


def _label(entries: list[AuditEntry]) -> str:
    first = headline(entries[0])
    more = len(entries) - 1
    return first if more == 0 else f"{first} (and {more} more change{'s' if more > 1 else ''})"


class UndoService:
    """Reverse a step as one transaction of new, audited changes."""

    def __init__(self, store: Store, actor: str) -> None:
        self._store = store
        self._actor = actor

    def undo(self, step: Step) -> None:
        """Put back every record the step changed, newest change first; all or nothing."""
        with self._store.transaction(self._actor) as tx:
            entries = [e for e in tx.audit_entries(step.first, step.last) if e.action != NOTE_ONLY]
            if not entries:
                raise NotUndoableError("That change is no longer in the library's history.")
            blocked = why_not(entries)
            if blocked:
                raise NotUndoableError(f"“{step.label}” cannot be undone. {blocked}")
            refused = _held(tx, entries, step)
            if refused is None:
                for entry in reversed(entries):
                    tx.revert(entry, _what(entry))
                _refuse_leaning(tx, entries, step)
        if refused is not None:  # the refusal itself is audited (committed above)
            raise RefusedError(refused)


def _refuse_leaning(tx: UnitOfWork, entries: list[AuditEntry], step: Step) -> None:
    """Refuse (nothing undone) when a record in force would rest on a withdrawn one.

    Another window may have withdrawn a license since this step withdrew its condition
    (`core.withdrawal_links`).
    """
    touched: dict[int, set[tuple[str, int]]] = {}
    for entry in entries:
        kind = KINDS.get(entry.entity)
        if entry.matter_id is not None and kind is not None and entry.entity in LINKED:
            touched.setdefault(entry.matter_id, set()).add((kind.__name__, entry.entity_id))
    for matter_id, keys in sorted(touched.items()):
        refuse_broken_keys(tx, matter_id, f"undone (“{step.label}”)", keys)


def _held(tx: UnitOfWork, entries: list[AuditEntry], step: Step) -> str | None:
    """Why undoing would remove a record a legal hold keeps (15 CFR 762.6(b)), or None.

    Undoing an addition removes the record; on a matter under hold nothing is removed,
    whoever asks (`desktop_app.core.holds`).
    """
    removed = {e.matter_id for e in entries if e.before is None and e.matter_id is not None}
    for matter_id in sorted(removed):
        refused = refusal_under_hold(tx, matter_id, f"undo “{step.label}”")
        if refused is not None:
            return refused
    return None


def _what(entry: AuditEntry) -> str:
    name = record_name(entry)
    return f"The {entity_label(entry.entity)} " + (f"“{name}”" if name else f"#{entry.entity_id}")
