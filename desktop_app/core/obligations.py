"""The safeguard-condition register: conditions as obligations, their transitions and log.

A condition binds parties of its own matter only; its schedule is an RFC 5545 rule that must fire;
its status moves only along the state machine of docs/domain.md#condition-states, and every move,
notice, acknowledgment and performance is a log entry written (and audited) in the same transaction
as the change it records.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    Condition,
    ConditionLog,
    ConditionStatus,
    License,
    LogKind,
    ObligationKind,
)
from desktop_app.core.condition_states import check_transition
from desktop_app.core.models import Matter, Party
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.schedule import schedule_errors
from desktop_app.core.validation import check as _check
from desktop_app.core.validation import text_errors
from desktop_app.core.withdrawal_links import refuse_links_to_withdrawn
from desktop_app.errors import ValidationError

# Statuses that end a condition by counsel's decision, not by performance: a reason is logged.
NEEDS_REASON = frozenset({ConditionStatus.CLOSED, ConditionStatus.TERMINATED_BY_REGULATION})


class ConditionService:
    """Add, change and move conditions; log notices, acknowledgments and performance."""

    def __init__(self, store: Store, actor: str) -> None:
        self._store = store
        self._actor = actor

    def add_condition(self, condition: Condition) -> Condition:
        """Register a condition, rider or safeguard on a matter."""
        _check(condition_errors(condition))
        with self._store.transaction(self._actor) as tx:
            _check_links(tx, condition)
            return tx.insert(condition)

    def update_condition(self, condition: Condition) -> Condition:
        """Change a condition's text, owner, schedule or bindings (not its status)."""
        _check(condition_errors(condition))
        with self._store.transaction(self._actor) as tx:
            before = tx.get(Condition, condition.id)
            if before.status is not condition.status:
                raise ValidationError({"status": "Change the status with a transition."})
            _check_links(tx, condition)
            tx.update(condition)
        return condition

    def transition(
        self,
        condition_id: int,
        to: ConditionStatus,
        on: date,
        note: str = "",
        document_id: int | None = None,
    ) -> Condition:
        """Move a condition to ``to`` if the state machine allows it; log the move.

        Closing it (closed, terminated by regulation) needs the reason in ``note``.
        """
        with self._store.transaction(self._actor) as tx:
            condition = tx.get(Condition, condition_id)
            _check(check_transition(condition, to))
            _check(closing_errors(to, note))
            moved = replace(condition, status=to)
            tx.update(moved)
            tx.insert(
                ConditionLog(
                    condition.matter_id,
                    condition.id,
                    LogKind.TRANSITION,
                    on,
                    condition.status,
                    to,
                    document_id=document_id,
                    note=note,
                )
            )
        return moved

    def log(self, entry: ConditionLog) -> ConditionLog:
        """Record a notice sent, an acknowledgment, a performance or a note."""
        if entry.kind is LogKind.TRANSITION:
            raise ValidationError({"kind": "Transitions are recorded by moving the condition."})
        _check(text_errors(entry))
        with self._store.transaction(self._actor) as tx:
            condition = tx.get(Condition, entry.condition_id)
            _same_matter(condition.matter_id, entry.matter_id, "condition_id")
            refuse_links_to_withdrawn(tx, entry)
            if entry.party_id is not None:
                _same_matter(tx.get(Party, entry.party_id).matter_id, entry.matter_id, "party_id")
            recurring = condition.obligation is ObligationKind.RECURRING
            if entry.kind is LogKind.PERFORMED and recurring and entry.due is None:
                raise ValidationError({"due": "Say which due date this performance meets."})
            return tx.insert(entry)


def condition_errors(condition: Condition) -> dict[str, str]:
    """Problems with a condition that need no library: its text and its schedule."""
    errors = text_errors(condition)
    if errors:
        return errors
    errors = schedule_errors(condition)
    if not condition.text.strip():
        errors["text"] = "Quote the condition's text as written."
    return errors


def closing_errors(to: ConditionStatus, note: str) -> dict[str, str]:
    """{"note": why} when a condition is closed without a reason; empty otherwise.

    A license's expiry, revocation or supersession does not end its conditions (15 CFR
    750.7(i)): only counsel do, and the log says why.
    """
    if to in NEEDS_REASON and not note.strip():
        return {
            "note": f"Say why the condition is {to.label.lower()}: the license's end alone does "
            "not end a condition (15 CFR 750.7(i))."
        }
    return {}


def _check_links(tx: UnitOfWork, condition: Condition) -> None:
    tx.get(Matter, condition.matter_id)
    refuse_links_to_withdrawn(tx, condition)
    for party_id in condition.bound_party_ids:
        party = tx.get(Party, party_id)
        if party.matter_id != condition.matter_id:
            why = f"{party.name} is a party of another matter; a condition binds only its own."
            raise ValidationError({"bound_party_ids": why})
    if condition.license_id is not None:
        _same_matter(
            tx.get(License, condition.license_id).matter_id, condition.matter_id, "license_id"
        )
    if condition.letter_id is not None:
        _same_matter(
            tx.get(AuthorizationLetter, condition.letter_id).matter_id,
            condition.matter_id,
            "letter_id",
        )


def _same_matter(found: int, wanted: int, field: str) -> None:
    if found != wanted:
        raise ValidationError({field: "It must belong to the same matter."})
