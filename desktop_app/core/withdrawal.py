"""Withdrawn records: kept and marked, no longer in force.

A determination, license, letter, condition or document recorded in error is not deleted — the
records of a transaction are kept (15 CFR 762.2, 762.6) — but withdrawn: it keeps its fields,
gains the day and counsel's reason, and the audit chain says who did it. Coverage, the agenda,
the matter's status, the Overview and the memo's body read only the records in force; the
memo lists what was withdrawn. The retention periods count every record, withdrawn ones
included (a record entered in error still had to be kept); whether a matter is still live reads
only the records in force. docs/rules.md#withdrawn-records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Protocol, TypeVar

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    Condition,
    Determination,
    License,
)
from desktop_app.core.documents import Document

WITHDRAWABLE: tuple[type, ...] = (Determination, License, AuthorizationLetter, Condition, Document)
"""The kinds of record counsel can withdraw."""

MAX_REASON = 2000


class Withdrawable(Protocol):
    """A record that can be withdrawn."""

    @property
    def id(self) -> int:
        """The record's id."""

    @property
    def withdrawn_on(self) -> date | None:
        """The day it was withdrawn, or None while it is in force."""

    @property
    def withdrawn_reason(self) -> str:
        """Why counsel withdrew it."""


W = TypeVar("W", bound=Withdrawable)
R = TypeVar("R")


def is_withdrawn(record: object) -> bool:
    """True for a record counsel withdrew."""
    return getattr(record, "withdrawn_on", None) is not None


def in_force(records: Iterable[W]) -> tuple[W, ...]:
    """The records not withdrawn, in their order."""
    return tuple(r for r in records if r.withdrawn_on is None)


def withdrawn(records: Iterable[W]) -> tuple[W, ...]:
    """The withdrawn records, in their order."""
    return tuple(r for r in records if r.withdrawn_on is not None)


def kept_rows(rows: Iterable[R], parents: Iterable[Withdrawable], field: str) -> tuple[R, ...]:
    """The rows (Annex A rows, condition log entries) whose parent named by ``field`` is in force.

    ``parents`` is every parent record, withdrawn ones included: a row whose parent is not
    among them at all is kept (it is not this function's to judge).
    """
    gone = {p.id for p in parents if p.withdrawn_on is not None}
    return tuple(r for r in rows if getattr(r, field) not in gone)


def offered(records: Iterable[W], kept: Iterable[int | None] = ()) -> list[W]:
    """What a form offers to link to: the records in force, and any it links to already.

    A link to a withdrawn record stays visible (and saving it is refused), never dropped
    silently by the form.
    """
    keep = {k for k in kept if k is not None}
    return [r for r in records if r.withdrawn_on is None or r.id in keep]


def reason_errors(reason: str) -> dict[str, str]:
    """What is wrong with a reason for withdrawing (none: an empty dict)."""
    text = reason.strip()
    if not text:
        return {"reason": "Say why the record is withdrawn: the reason is kept with it."}
    if len(text) > MAX_REASON:
        return {"reason": f"At most {MAX_REASON:,} characters, please."}
    return {}


def withdraw(record: W, on: date, reason: str) -> W:
    """The record marked withdrawn on ``on`` for ``reason``."""
    return replace(record, withdrawn_on=on, withdrawn_reason=reason.strip())  # type: ignore[type-var]


def reinstate(record: W) -> W:
    """The record back in force (the withdrawal stays in the audit chain)."""
    return replace(record, withdrawn_on=None, withdrawn_reason="")  # type: ignore[type-var]


def marking(record: object) -> str:
    """The words "Withdrawn on D: reason" for a withdrawn record; "" for one in force."""
    on = getattr(record, "withdrawn_on", None)
    if on is None:
        return ""
    reason = getattr(record, "withdrawn_reason", "")
    return (
        f"Withdrawn on {on.isoformat()}: {reason}" if reason else f"Withdrawn on {on.isoformat()}"
    )
