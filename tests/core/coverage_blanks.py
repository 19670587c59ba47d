"""The facts a covered answer may rest on, and how to blank each one (for the property test).

A ``Blank`` names one fact (a nationality, an employment start, an Annex A confirmation, a
letter's items…), says when a covered answer relied on it (``relied``), removes it from the
facts (``change``) and gives the words the missing fact is named with (``named``, empty when the
answer then fails rather than waiting for the fact).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from desktop_app.core.authorizations import DeterminationKind, LogKind
from desktop_app.core.coverage import MatterFacts
from desktop_app.core.enums import ItemKind, PartyKind, UsStatus
from desktop_app.core.models import Party
from tests.core.fact_pattern_files import Case

OUTSIDE_THE_EAR = (DeterminationKind.NOT_SUBJECT_TO_EAR, DeterminationKind.NO_RELEASE)


Change = Callable[[Case, MatterFacts], MatterFacts]


@dataclass(frozen=True)
class Blank:
    """One fact removed: when the answer relied on it, how to remove it, how it is named."""

    name: str
    relied: Callable[[Case], bool]
    change: Change
    named: str


def _with_party(facts: MatterFacts, party: Party) -> MatterFacts:
    return replace(facts, parties=tuple(party if p.id == party.id else p for p in facts.parties))


def _with_activity(facts: MatterFacts, case: Case, **changes: Any) -> MatterFacts:
    found = tuple(
        replace(a, **changes) if a.id == case.activity.id else a for a in facts.activities
    )
    return replace(facts, activities=found)


def _person(**changes: Any) -> Change:
    def change(case: Case, facts: MatterFacts) -> MatterFacts:
        return _with_party(facts, replace(facts.party(case.person.id), **changes))

    return change


def _authorization(records: str, **changes: Any) -> Change:
    """Change the letter, license or determination the answer rests on (and its modifications)."""

    def change(case: Case, facts: MatterFacts) -> MatterFacts:
        wanted = case.answer.authorization_id
        found = tuple(
            replace(x, **changes) if wanted in (x.id, getattr(x, "modifies_letter_id", None)) else x
            for x in getattr(facts, records)
        )
        changed: dict[str, Any] = {records: found}
        return replace(facts, **changed)

    return change


def _unconfirmed(case: Case, facts: MatterFacts) -> MatterFacts:
    linked = {case.person.id, case.person.employer_id}
    rows = tuple(
        replace(r, confirmed=None) if r.party_id in linked else r for r in facts.annex_rows
    )
    return replace(facts, annex_rows=rows)


def _no_acknowledgments(case: Case, facts: MatterFacts) -> MatterFacts:
    kept = tuple(e for e in facts.condition_log if e.kind is not LogKind.ACKNOWLEDGED)
    return replace(facts, condition_log=kept)


def _no_version(case: Case, facts: MatterFacts) -> MatterFacts:
    item_id = case.activity.item_id
    items = tuple(replace(i, model_version="") if i.id == item_id else i for i in facts.items)
    return replace(facts, items=items)


def _individual(case: Case) -> bool:
    return case.person.kind is PartyKind.INDIVIDUAL


def _authorized_by(*kinds: str) -> Callable[[Case], bool]:
    return lambda case: case.answer.kind in kinds


def _removing_subject_to_the_ear(case: Case) -> bool:
    """True when the answer rests on a license exception or NLR (the EAR, Part 746, still apply)."""
    return case.determination_kind not in (None, *OUTSIDE_THE_EAR)


def _object_code(case: Case) -> bool:
    """True for a deemed release of object code: 734.13(a)(2) covers it whoever receives it."""
    item_id = case.activity.item_id
    item = case.facts.item(item_id) if item_id is not None else None
    return (
        case.activity.type.is_deemed and item is not None and item.kind is ItemKind.SOFTWARE_OBJECT
    )


def _nationality_relied(case: Case) -> bool:
    if not _individual(case) or case.answer.basis.startswith("no deemed export"):
        return False
    if _object_code(case):
        return False
    if case.answer.kind in ("letter", "license"):
        return True
    return case.answer.basis.startswith("no deemed reexport") or _removing_subject_to_the_ear(case)


def _destination_relied(case: Case) -> bool:
    if case.activity.type.is_deemed:
        return False
    if case.answer.kind == "letter" or case.answer.basis.startswith("no export"):
        return True
    return _removing_subject_to_the_ear(case)


BLANKS = (
    Blank("nationalities", _nationality_relied, _person(nationalities=()), "citizenships"),
    Blank(
        "employment start",
        lambda c: c.has("employment"),
        _person(employed_since=None),
        "employment",
    ),
    Blank(
        "regular employment",
        lambda c: c.answer.kind == "license" and c.has("employment"),
        _person(regular_employee=None),
        "regular",
    ),
    Blank("employer", lambda c: c.has("party", "employee of"), _person(employer_id=None), ""),
    Blank(
        "Annex A confirmation",
        lambda c: c.has("party", "(confirmed)"),
        _unconfirmed,
        "confirmation",
    ),
    Blank(
        "letter's items",
        _authorized_by("letter"),
        _authorization("letters", item_ids=(), model_versions=()),
        "items",
    ),
    Blank(
        "letter's types",
        _authorized_by("letter"),
        _authorization("letters", transaction_types=()),
        "transaction types",
    ),
    Blank(
        "letter's addressee",
        lambda c: "own employees" in c.answer.basis,
        _authorization("letters", addressee_id=None),
        "addressee",
    ),
    Blank(
        "license's items",
        _authorized_by("license"),
        _authorization("licenses", item_ids=()),
        "items",
    ),
    Blank(
        "license's types",
        _authorized_by("license"),
        _authorization("licenses", transaction_types=()),
        "transaction types",
    ),
    Blank(
        "determination's items",
        _authorized_by("determination"),
        _authorization("determinations", item_ids=(), activity_ids=()),
        "",
    ),
    Blank(
        "license exception symbol",
        lambda c: c.determination_kind is DeterminationKind.LICENSE_EXCEPTION_APPLIES,
        _authorization("determinations", license_exception=""),
        "license exception",
    ),
    Blank(
        "destination",
        _destination_relied,
        lambda case, facts: _with_activity(facts, case, to_country=""),
        "destination",
    ),
    Blank(
        "address",
        lambda c: c.has("address"),
        lambda case, facts: _with_activity(facts, case, to_address=""),
        "address",
    ),
    Blank(
        "activity's item",
        _authorized_by("letter", "license", "determination"),
        lambda case, facts: _with_activity(facts, case, item_id=None),
        "item",
    ),
    Blank(
        "model version", lambda c: c.has("model version", "is named"), _no_version, "model version"
    ),
    Blank(
        "acknowledgment",
        lambda c: c.has("conditions before release", "met on"),
        _no_acknowledgments,
        "evidence that condition",
    ),
    Blank(
        "US status",
        lambda c: c.answer.basis.startswith("no deemed export"),
        _person(us_status=UsStatus.NOT_APPLICABLE),
        "US status",
    ),
)

# (blank, what the answer rested on): the engine keeps "covered"; the manifest case says so.


def applicable(case: Case) -> list[Blank]:
    """The blanks of facts this covered answer relied on.

    A deemed release of object code rests on the item alone (734.13(a)(2)), whatever else the
    record holds: only blanking the item can take that answer away.
    """
    if _object_code(case):
        return [b for b in BLANKS if b.name == "activity's item"]
    return [b for b in BLANKS if b.relied(case)]
