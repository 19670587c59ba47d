"""Withdrawing a record, and putting it back in force: one audited transaction each.

A record is withdrawn only when nothing in force still rests on it (a condition on a license,
a license that came with a determination, a letter filed as a document…): the app names those
records and counsel withdraw them first, so no answer is left leaning on a withdrawn record.
An email is withdrawn with its attachments. Putting a record back is refused while a record it
rests on is itself withdrawn. The matter's status follows (a withdrawn determination no longer
decides it). 15 CFR 762.2, 762.6: the record stays; docs/rules.md#withdrawn-records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from desktop_app.core.authorizations import Determination, License, LicenseStatus
from desktop_app.core.decisions import derived_of
from desktop_app.core.documents import Document
from desktop_app.core.enums import MatterStatus
from desktop_app.core.in_force import KIND_NAMES, named
from desktop_app.core.matter_status import FOLLOWS, follow
from desktop_app.core.models import Matter
from desktop_app.core.ports import Store, UnitOfWork
from desktop_app.core.withdrawal import (
    WITHDRAWABLE,
    is_withdrawn,
    reason_errors,
    reinstate,
    withdraw,
)
from desktop_app.core.withdrawal_links import refuse_broken
from desktop_app.errors import NotFoundError, ValidationError


class WithdrawalService:
    """Withdraw a determination, license, letter, condition or document, or put it back."""

    def __init__(self, store: Store, actor: str, today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._actor = actor
        self._today = today

    def withdraw(
        self, kind: type, record_id: int, reason: str, matter_id: int | None = None
    ) -> Any:
        """Mark the record withdrawn today for ``reason``; refused while a record rests on it.

        With ``matter_id``, a record of another matter is not found.
        """
        _check_kind(kind)
        errors = reason_errors(reason)
        if errors:
            raise ValidationError(errors)
        with self._store.transaction(self._actor) as tx:
            record = _get(tx, kind, record_id, matter_id)
            if is_withdrawn(record):
                raise ValidationError({"record": f"This is already withdrawn: {named(record)}."})
            family = [d for d in _attachments(tx, record) if not is_withdrawn(d)]
            _refuse_superseded(tx, record)
            today = self._today()
            for member in (record, *family):
                tx.update(withdraw(member, today, reason))
            refuse_broken(tx, record.matter_id, "withdrawn", (record, *family))
            _settle_status(tx, record, today)
            return tx.get(kind, record_id)

    def reinstate(self, kind: type, record_id: int, matter_id: int | None = None) -> Any:
        """Put a withdrawn record back in force (its attachments with it)."""
        _check_kind(kind)
        with self._store.transaction(self._actor) as tx:
            record = _get(tx, kind, record_id, matter_id)
            if not is_withdrawn(record):
                raise ValidationError({"record": f"This is in force already: {named(record)}."})
            if isinstance(record, Document) and record.parent_id is not None:
                parent = tx.get(Document, record.parent_id)
                if is_withdrawn(parent):
                    raise ValidationError({"record": _parent_withdrawn(record, parent)})
            family = [d for d in _attachments(tx, record) if _withdrawn_with(d, record)]
            for member in (record, *family):
                tx.update(reinstate(member))
            refuse_broken(tx, record.matter_id, "put back", (record, *family))
            _settle_status(tx, record, self._today())
            return tx.get(kind, record_id)


def _withdrawn_with(attachment: Document, email: Any) -> bool:
    """True for an attachment withdrawn together with its email (same day, same reason)."""
    return (
        attachment.withdrawn_on is not None
        and attachment.withdrawn_on == email.withdrawn_on
        and attachment.withdrawn_reason == email.withdrawn_reason
    )


def _refuse_superseded(tx: UnitOfWork, record: Any) -> None:
    """A replacing license is not withdrawn while the one it replaces stands superseded by it.

    Supersession is stored as the old license's status; withdrawing the new one would leave
    the old one narrowed for nothing. Counsel set its status back first.
    """
    if not isinstance(record, License) or record.replaces_license_id is None:
        return
    old = tx.get(License, record.replaces_license_id)
    if old.status is LicenseStatus.SUPERSEDED:
        raise ValidationError(
            {
                "record": f"Not withdrawn: it replaces {named(old)}, which stands superseded by "
                "it. Set that license's status back first (Edit…), then withdraw this one."
            }
        )


def _settle_status(tx: UnitOfWork, record: Any, today: date) -> None:
    """After a determination is withdrawn or put back, the status follows the record in force.

    Only a status that came from the record follows (one counsel set by hand, with a reason,
    stays, as `DecisionService.follow_the_clock` leaves it). When the record now implies no
    status (its only decision was withdrawn), the matter is open again, saying why — never
    left "decided" by a withdrawn decision.
    """
    if not isinstance(record, Determination):
        return
    matter = tx.get(Matter, record.matter_id)
    if matter.status_reason and not matter.status_reason.startswith(FOLLOWS):
        return
    derived = derived_of(tx, matter.id, today)
    followed = follow(matter, derived)
    moved = matter.status not in (MatterStatus.OPEN, MatterStatus.CLOSED)
    if followed is None and derived is None and moved and matter.status_reason:
        why = f"{FOLLOWS}: nothing in force decides it since {named(record)} was withdrawn"
        followed = replace(matter, status=MatterStatus.OPEN, status_reason=why)
    if followed is not None:
        tx.update(followed)


def _get(tx: UnitOfWork, kind: type, record_id: int, matter_id: int | None) -> Any:
    """The record, or NotFoundError naming it when it is missing or on another matter."""
    try:
        record: Any = tx.get(kind, record_id)
    except NotFoundError:
        record = None
    if record is None or (matter_id is not None and record.matter_id != matter_id):
        raise NotFoundError(f"There is no {KIND_NAMES[kind]} #{record_id} on the matter.")
    return record


def _check_kind(kind: type) -> None:
    if kind not in WITHDRAWABLE:
        raise ValidationError({"record": f"A {kind.__name__} cannot be withdrawn."})


def _attachments(tx: UnitOfWork, record: Any) -> list[Document]:
    """An email's attachments (they go and come back with it); none for other records."""
    if not isinstance(record, Document):
        return []
    return [d for d in tx.children(Document, record.matter_id) if d.parent_id == record.id]


def _parent_withdrawn(record: Document, parent: Document) -> str:
    return (
        f"Not put back: {named(record)} is an attachment of {named(parent)}, which is "
        "withdrawn. Put the email back in force; its attachments come back with it."
    )
