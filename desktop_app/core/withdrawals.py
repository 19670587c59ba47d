"""Withdrawing a record, and putting it back in force: one audited transaction each.

A record is withdrawn only when nothing in force still rests on it (a condition on a license,
a license that came with a determination, a letter filed as a document…): the app names those
records and counsel withdraw them first, so no answer is left leaning on a withdrawn record.
An email is withdrawn with its attachments. Putting a record back is refused while a record it
rests on is itself withdrawn. The matter's status follows (a withdrawn determination no longer
decides it). 15 CFR 762.2, 762.6: the record stays; docs/rules.md#withdrawn-records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    Condition,
    Determination,
    License,
)
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
from desktop_app.errors import NotFoundError, ValidationError

Links = Callable[[Any, Any], bool]
"""``rests(record, on)``: True when ``record`` rests on ``on``."""


def _rests(record: Any, on: Any) -> bool:
    """True when ``record`` names ``on`` as what it came with, replaces, is filed as or is about."""
    if isinstance(on, Determination):
        return getattr(record, "determination_id", None) == on.id
    if isinstance(on, License):
        return (isinstance(record, Condition) and record.license_id == on.id) or (
            isinstance(record, License) and record.replaces_license_id == on.id
        )
    if isinstance(on, AuthorizationLetter):
        if isinstance(record, Condition):
            return record.letter_id == on.id
        return isinstance(record, AuthorizationLetter) and on.id in (
            record.supersedes_letter_id,
            record.modifies_letter_id,
        )
    if isinstance(on, Document):
        return _names_document(record, on.id)
    return False


def _names_document(record: Any, document_id: int) -> bool:
    if isinstance(record, AuthorizationLetter):
        return record.document_id == document_id
    if isinstance(record, Determination):
        return document_id in record.source_document_ids
    if isinstance(record, Condition):
        return document_id in record.evidence_document_ids
    return False


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
            family = _attachments(tx, record)
            leaning = [r for r in _matter_records(tx, record.matter_id) if _rests(r, record)]
            leaning = [r for r in leaning if not is_withdrawn(r) and r not in family]
            if leaning:
                raise ValidationError({"record": _still_resting(record, leaning)})
            today = self._today()
            for member in (record, *family):
                tx.update(withdraw(member, today, reason))
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
            gone = [
                on
                for on in _matter_records(tx, record.matter_id)
                if is_withdrawn(on) and _rests(record, on)
            ]
            if gone:
                raise ValidationError({"record": _rests_on_withdrawn(record, gone)})
            for member in (record, *(d for d in _attachments(tx, record) if is_withdrawn(d))):
                tx.update(reinstate(member))
            _settle_status(tx, record, self._today())
            return tx.get(kind, record_id)


def _settle_status(tx: UnitOfWork, record: Any, today: date) -> None:
    """The matter's status follows its record in force (audited with the cause).

    When the status came from the record and the record now implies none (its only decision
    was withdrawn), the matter is open again, saying why — never left "decided" by a
    withdrawn decision.
    """
    matter = tx.get(Matter, record.matter_id)
    derived = derived_of(tx, matter.id, today)
    followed = follow(matter, derived)
    moved = matter.status not in (MatterStatus.OPEN, MatterStatus.CLOSED)
    if followed is None and derived is None and moved and matter.status_reason.startswith(FOLLOWS):
        why = f"{FOLLOWS}: nothing in force decides it since {named(record)} was withdrawn"
        followed = replace(matter, status=MatterStatus.OPEN, status_reason=why)
    if followed is not None:
        tx.update(followed)


def _get(tx: UnitOfWork, kind: type, record_id: int, matter_id: int | None) -> Any:
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


def _matter_records(tx: UnitOfWork, matter_id: int) -> list[Any]:
    """Every withdrawable record on the matter."""
    return [r for kind in WITHDRAWABLE for r in tx.children(kind, matter_id)]


def _attachments(tx: UnitOfWork, record: Any) -> list[Document]:
    """An email's attachments (they go and come back with it); none for other records."""
    if not isinstance(record, Document):
        return []
    return [d for d in tx.children(Document, record.matter_id) if d.parent_id == record.id]


def _listed(records: Iterable[Any]) -> str:
    return ", ".join(named(r) for r in records)


def _still_resting(record: Any, leaning: list[Any]) -> str:
    return (
        f"Not withdrawn: {_listed(leaning)} still rest on {named(record)}. "
        "Withdraw or correct them first."
    )


def _rests_on_withdrawn(record: Any, gone: list[Any]) -> str:
    return (
        f"Not put back: {named(record)} rests on what is withdrawn ({_listed(gone)}). "
        "Put that back in force first."
    )


def _parent_withdrawn(record: Document, parent: Document) -> str:
    return (
        f"Not put back: {named(record)} is an attachment of {named(parent)}, which is "
        "withdrawn. Put the email back in force; its attachments come back with it."
    )
