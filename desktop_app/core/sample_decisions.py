"""The decisions part of the sample matters, added through the services.

Determinations, letters with Annex A, licenses, conditions with their transitions and log, and
BIS clock events. Everything goes through the same services the window uses, so the sample
obeys every rule (state machine, schedules, clock order) and is audited like any change. The
Annex A rows are stored as the app's suggestions; the links counsel confirmed
(``confirmed_links``) are then confirmed one by one, as counsel would in the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    ClockEvent,
    ClockEventKind,
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    Decider,
    Determination,
    DeterminationKind,
    HoldReason,
    LetterEffect,
    License,
    LicenseStatus,
    LogKind,
    ObligationKind,
    ValidityBasis,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import TransactionType
from desktop_app.core.obligations import ConditionService
from desktop_app.core.sample import Keys

Json = Mapping[str, Any]


def add_decisions(
    decisions: DecisionService,
    conditions: ConditionService,
    matter_id: int,
    spec: Json,
    keys: Keys,
) -> None:
    """Record one sample matter's decisions, in the order a file would grow."""
    made: dict[str, int] = {}
    for d in spec["determinations"]:
        made[d["key"]] = decisions.add_determination(_determination(matter_id, d, keys)).id
    for letter in spec["letters"]:
        stored = decisions.add_letter(_letter(matter_id, letter, keys, made))
        if letter["annex"]:
            _add_annex(decisions, stored.id, letter, keys)
        made[letter["key"]] = stored.id
    for lic in spec["licenses"]:
        made[lic["key"]] = decisions.add_license(_license(matter_id, lic, keys, made)).id
    for c in spec["conditions"]:
        _add_condition(conditions, matter_id, c, keys, made)
    for event in spec["clock"]:
        decisions.add_clock_event(_clock(matter_id, event))


def _add_annex(decisions: DecisionService, letter_id: int, letter: Json, keys: Keys) -> None:
    """Store the Annex A as suggestions, then confirm the rows counsel linked."""
    rows = {row.row_no: row for row in decisions.replace_annex(letter_id, letter["annex"])}
    for link in letter["confirmed_links"]:
        decisions.link_annex_row(rows[link["row"]].id, keys.parties[link["party"]])


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _must_day(value: str) -> date:
    return date.fromisoformat(value)


def _types(values: list[str]) -> tuple[TransactionType, ...]:
    return tuple(TransactionType(v) for v in values)


def _determination(matter_id: int, d: Json, keys: Keys) -> Determination:
    return Determination(
        matter_id=matter_id,
        kind=DeterminationKind(d["kind"]),
        decided_on=_must_day(d["decided_on"]),
        decided_by=Decider(d["decided_by"]),
        decider_name=d["decider_name"],
        reference=d["reference"],
        excerpt=d["excerpt"],
        source_document_ids=tuple(keys.documents[f] for f in d["source_documents"]),
        regulation_edition=d["regulation_edition"],
        enforcement_note=d["enforcement_note"],
        license_exception=d["license_exception"],
        item_ids=tuple(keys.items[k] for k in d["items"]),
    )


def _letter(matter_id: int, s: Json, keys: Keys, made: dict[str, int]) -> AuthorizationLetter:
    return AuthorizationLetter(
        matter_id=matter_id,
        effect=LetterEffect(s["effect"]),
        dated=_must_day(s["dated"]),
        effective_from=_must_day(s["effective_from"]),
        effective_until=_day(s["effective_until"]),
        reference=s["reference"],
        signatory=s["signatory"],
        item_ids=tuple(keys.items[k] for k in s["items"]),
        model_versions=tuple(s["model_versions"]),
        transaction_types=_types(s["transaction_types"]),
        includes_foreign_national_employees=s["includes_foreign_national_employees"],
        includes_own_employees=s["includes_own_employees"],
        supersedes=s["supersedes"],
        verbatim=s["verbatim"],
        document_id=keys.documents.get(s["document"]) if s["document"] else None,
        determination_id=made[s["determination"]] if s["determination"] else None,
        addressee_id=keys.parties[s["addressee"]] if s["addressee"] else None,
        excluded_destinations=tuple(s["excluded_destinations"]),
    )


def _license(matter_id: int, s: Json, keys: Keys, made: dict[str, int]) -> License:
    return License(
        matter_id=matter_id,
        number=s["number"],
        validated_on=_must_day(s["validated_on"]),
        validity=ValidityBasis(s["validity"]),
        expires_on_set=_day(s["expires_on_set"]),
        status=LicenseStatus(s["status"]),
        party_ids=tuple(keys.parties[k] for k in s["parties"]),
        item_ids=tuple(keys.items[k] for k in s["items"]),
        transaction_types=_types(s["transaction_types"]),
        employee_release=s["employee_release"],
        excluded_countries=tuple(s["excluded_countries"]),
        determination_id=made[s["determination"]] if s["determination"] else None,
    )


def _add_condition(
    service: ConditionService, matter_id: int, s: Json, keys: Keys, made: dict[str, int]
) -> None:
    condition = service.add_condition(
        Condition(
            matter_id=matter_id,
            kind=ConditionKind(s["kind"]),
            category=ConditionCategory(s["category"]),
            text=s["text"],
            number=s["number"],
            license_id=made[s["license"]] if s["license"] else None,
            letter_id=made[s["letter"]] if s["letter"] else None,
            bound_party_ids=tuple(keys.parties[k] for k in s["parties"]),
            owner=s["owner"],
            obligation=ObligationKind(s["obligation"]),
            first_due=_day(s["first_due"]),
            rrule=s["rrule"],
            grace_days=s["grace_days"],
            acknowledgment_required=s["acknowledgment_required"],
            status=ConditionStatus(s["status"]),
            before_release=s["before_release"],
        )
    )
    for move in s["transitions"]:
        service.transition(
            condition.id, ConditionStatus(move["to"]), _must_day(move["on"]), move["note"]
        )
    for entry in s["log"]:
        service.log(
            ConditionLog(
                matter_id=matter_id,
                condition_id=condition.id,
                kind=LogKind(entry["kind"]),
                on=_must_day(entry["on"]),
                party_id=keys.parties[entry["party"]] if entry["party"] else None,
                due=_day(entry["due"]),
                document_id=keys.documents.get(entry["document"]) if entry["document"] else None,
                note=entry["note"],
            )
        )


def _clock(matter_id: int, s: Json) -> ClockEvent:
    reason = s["hold_reason"]
    return ClockEvent(
        matter_id=matter_id,
        kind=ClockEventKind(s["kind"]),
        on=_must_day(s["on"]),
        hold_reason=HoldReason(reason) if reason else None,
        note=s["note"],
    )
