"""What rests on what, for withdrawing: no record in force may lean on a withdrawn one.

A condition rests on its license and its letter; a license on the license it replaces and the
determination it came with; a letter on its determination, the letter it supersedes or modifies
and the document it was filed as; a determination on its source documents; a condition on its
evidence, and its log entries on theirs. `broken` lists every record in force that rests on a
withdrawn one: withdrawing, putting back, saving, loading a matter file and Undo each refuse a
change that would leave one (docs/rules.md#withdrawn-records).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.documents import Document
from desktop_app.core.in_force import named
from desktop_app.core.ports import UnitOfWork
from desktop_app.core.withdrawal import WITHDRAWABLE, is_withdrawn
from desktop_app.errors import ValidationError


def rests(record: Any, on: Any) -> bool:
    """True when ``record`` names ``on`` as what it came with, replaces, is filed as or cites."""
    if isinstance(on, Determination):
        return isinstance(record, License | AuthorizationLetter) and (
            record.determination_id == on.id
        )
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
        return _cites(record, on.id)
    return False


def _cites(record: Any, document_id: int) -> bool:
    """True when ``record`` names the document as what it was filed as, or as its evidence."""
    if isinstance(record, AuthorizationLetter | ConditionLog):
        return record.document_id == document_id
    if isinstance(record, Determination):
        return document_id in record.source_document_ids
    if isinstance(record, Condition):
        return document_id in record.evidence_document_ids
    return False


def matter_records(tx: UnitOfWork, matter_id: int) -> list[Any]:
    """Every withdrawable record on the matter, and the conditions' log entries."""
    found = [r for kind in WITHDRAWABLE for r in tx.children(kind, matter_id)]
    return [*found, *tx.children(ConditionLog, matter_id)]


def broken(records: Iterable[Any]) -> list[tuple[Any, Any]]:
    """(record in force, withdrawn record it rests on), for every such pair among ``records``.

    A log entry is in force while its condition is.
    """
    listed = list(records)
    gone_conditions = {c.id for c in listed if isinstance(c, Condition) and is_withdrawn(c)}
    standing = [r for r in listed if not _out(r, gone_conditions)]
    withdrawn = [r for r in listed if is_withdrawn(r)]
    return [(r, on) for r in standing for on in withdrawn if rests(r, on)]


def _out(record: Any, gone_conditions: set[int]) -> bool:
    if isinstance(record, ConditionLog):
        return record.condition_id in gone_conditions
    return is_withdrawn(record)


def refuse_broken(
    tx: UnitOfWork, matter_id: int, doing: str, touching: Iterable[Any] | None = None
) -> None:
    """ValidationError naming what rests on a withdrawn record, if anything now does.

    With ``touching``, only pairs with one of those records in them count (a change is
    refused for what it did, not for an older state a matter file brought in).
    """
    keys = None if touching is None else {key(r) for r in touching}
    refuse_broken_keys(tx, matter_id, doing, keys)


def refuse_broken_keys(
    tx: UnitOfWork, matter_id: int, doing: str, keys: set[tuple[str, int]] | None
) -> None:
    """`refuse_broken` for the records named by ``key`` (None: every record of the matter)."""
    pairs = broken(matter_records(tx, matter_id))
    if keys is not None:
        pairs = [(r, on) for r, on in pairs if key(r) in keys or key(on) in keys]
    if pairs:
        raise ValidationError({"record": broken_text(pairs, doing)})


def key(record: Any) -> tuple[str, int]:
    """What names a record across kinds: its type's name and its id."""
    return type(record).__name__, record.id


def refuse_links_to_withdrawn(tx: UnitOfWork, record: Any) -> None:
    """A record saved in force may not name a withdrawn one (a license, a letter, a document…)."""
    if is_withdrawn(record):
        return
    gone = [on for on in matter_records(tx, record.matter_id) if is_withdrawn(on)]
    named_gone = [on for on in gone if rests(record, on)]
    if named_gone:
        listed = ", ".join(named(on) for on in named_gone)
        raise ValidationError(
            {
                "record": f"Not saved: it names what is withdrawn ({listed}). "
                "Choose a record in force."
            }
        )


def broken_text(pairs: list[tuple[Any, Any]], doing: str) -> str:
    """Why ``doing`` is refused: what would rest on what is withdrawn."""
    said = "; ".join(f"{_name(r)} rests on {named(on)}" for r, on in pairs[:5])
    more = f" (and {len(pairs) - 5} more)" if len(pairs) > 5 else ""
    return (
        f"Not {doing}: {said}{more}. A record in force may not rest on a withdrawn one: "
        "withdraw or correct it first. Nothing was changed."
    )


def _name(record: Any) -> str:
    if isinstance(record, ConditionLog):
        return f"the log entry #{record.id} of condition #{record.condition_id}"
    return named(record)
