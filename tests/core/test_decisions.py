"""Recording decisions and obligations: refused input changes nothing, every change is audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.core.agenda import agenda
from desktop_app.core.annex import match_party
from desktop_app.core.annex_parse import parse_annex
from desktop_app.core.authorizations import (
    AuthorizationLetter,
    ClockEvent,
    ClockEventKind,
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    HoldReason,
    LetterEffect,
    License,
    LicenseStatus,
    LogKind,
    ObligationKind,
    ValidityBasis,
)
from desktop_app.core.decisions import DecisionService
from desktop_app.core.enums import MatterKind, PartyKind, PartyRole, TransactionType
from desktop_app.core.models import Matter, Party
from desktop_app.core.obligations import ConditionService
from desktop_app.core.services import MatterService
from desktop_app.errors import ValidationError
from desktop_app.storage import queries
from desktop_app.storage.library import Library

Dump = dict[str, list[tuple[object, ...]]]
ANNEX = (
    'Row,Entity,Address,Country\n1,Thistlegate Analytics Ltd,"4 Quay St, Manchester",GB\n'
    "2,Kohaku Data Systems K.K.,Tokyo,JP\n3,Unknown Labs GmbH,Berlin,DE\n"
)


@pytest.fixture
def matter(service: MatterService) -> Matter:
    made = service.create_matter(Matter("Letters", MatterKind.AUTHORIZATION_LETTER)).record
    for name, country in (("Thistlegate Analytics Ltd", "GB"), ("Kohaku Data Systems K.K.", "JP")):
        service.add_party(Party(made.id, name, PartyRole.ANNEX_A_ENTITY, country=country))
    return made


@pytest.fixture
def decisions(library: Library) -> DecisionService:
    return DecisionService(library, "counsel")


@pytest.fixture
def conditions(library: Library) -> ConditionService:
    return ConditionService(library, "counsel")


def _letter(matter: Matter, **changes: object) -> AuthorizationLetter:
    base = AuthorizationLetter(
        matter.id,
        LetterEffect.REMOVES_REQUIREMENT,
        date(2026, 6, 26),
        date(2026, 6, 26),
        transaction_types=(TransactionType.EXPORT, TransactionType.DEEMED_EXPORT),
        includes_foreign_national_employees=True,
    )
    return AuthorizationLetter(**{**base.__dict__, **changes})


def test_annex_rows_are_kept_as_written_and_matched(
    library: Library, decisions: DecisionService, matter: Matter
) -> None:
    letter = decisions.add_letter(_letter(matter), ANNEX)
    rows = queries.decisions(library.db, matter.id).annex_rows
    assert [(r.row_no, r.name_as_written, r.address_as_written, r.country) for r in rows] == [
        (1, "Thistlegate Analytics Ltd", "4 Quay St, Manchester", "GB"),
        (2, "Kohaku Data Systems K.K.", "Tokyo", "JP"),
        (3, "Unknown Labs GmbH", "Berlin", "DE"),
    ]
    parties = {p.name: p.id for p in queries.matter_record(library.db, matter).parties}
    assert [r.party_id for r in rows] == [
        parties["Thistlegate Analytics Ltd"],
        parties["Kohaku Data Systems K.K."],
        None,
    ]
    assert all(r.letter_id == letter.id for r in rows)


def test_pasted_tab_separated_annex_without_header() -> None:
    lines = parse_annex("1\tThistlegate Analytics Ltd\tManchester\n2\tKohaku\tTokyo\n")
    assert [(line.row_no, line.name, line.address) for line in lines] == [
        (1, "Thistlegate Analytics Ltd", "Manchester"),
        (2, "Kohaku", "Tokyo"),
    ]


def test_annex_matching_ignores_case_and_accents() -> None:
    party = Party(1, "Orphée Cyberdéfense SAS", PartyRole.ANNEX_A_ENTITY, id=9)
    assert match_party("ORPHEE CYBERDEFENSE SAS", [party]) is party
    assert match_party("Orphan Industries", [party]) is None


def test_bad_letters_and_annexes_change_nothing(
    decisions: DecisionService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    before = dump()
    with pytest.raises(ValidationError, match="before it starts"):
        decisions.add_letter(_letter(matter, effective_until=date(2026, 6, 1)))
    with pytest.raises(ValidationError, match="same number"):
        decisions.add_letter(_letter(matter), "1,A,x\n1,B,y\n")
    with pytest.raises(ValidationError, match="empty"):
        decisions.replace_annex(999, "  \n")
    assert dump() == before


def test_an_expiry_before_issue_is_refused(
    decisions: DecisionService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    before = dump()
    bad = License(
        matter.id,
        "D123456",
        date(2026, 8, 14),
        ValidityBasis.SET_BY_BIS,
        expires_on_set=date(2026, 8, 1),
    )
    with pytest.raises(ValidationError, match="expiry before issue"):
        decisions.add_license(bad)
    assert dump() == before


def test_a_replacement_license_supersedes_the_old_one(
    library: Library, decisions: DecisionService, matter: Matter
) -> None:
    old = decisions.add_license(License(matter.id, "D100001", date(2026, 1, 5)))
    new = decisions.add_license(
        License(matter.id, "D100002", date(2026, 9, 1), replaces_license_id=old.id)
    )
    stored = {x.id: x for x in queries.decisions(library.db, matter.id).licenses}
    assert stored[old.id].status is LicenseStatus.SUPERSEDED
    assert stored[new.id].status is LicenseStatus.ACTIVE


def _condition(matter: Matter, **changes: object) -> Condition:
    base = Condition(
        matter.id,
        ConditionKind.LETTER_SAFEGUARD,
        ConditionCategory.MONITORING,
        "Quarterly access reports to BIS.",
        obligation=ObligationKind.RECURRING,
        first_due=date(2026, 10, 30),
        rrule="FREQ=MONTHLY;INTERVAL=3",
        status=ConditionStatus.ACTIVE,
    )
    return Condition(**{**base.__dict__, **changes})


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rrule": "FREQ=SOMETIMES"}, "rrule"),
        ({"rrule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "rrule"),
        ({"first_due": None}, "first_due"),
        ({"text": "   "}, "text"),
        ({"grace_days": -1}, "grace_days"),
    ],
)
def test_bad_conditions_change_nothing(
    conditions: ConditionService,
    matter: Matter,
    dump: Callable[[], Dump],
    changes: dict[str, object],
    field: str,
) -> None:
    before = dump()
    with pytest.raises(ValidationError) as refused:
        conditions.add_condition(_condition(matter, **changes))
    assert field in refused.value.fields
    assert dump() == before


def test_a_condition_cannot_bind_another_matters_party(
    service: MatterService,
    conditions: ConditionService,
    matter: Matter,
    dump: Callable[[], Dump],
) -> None:
    other = service.create_matter(Matter("Other", MatterKind.INTERNAL_REVIEW)).record
    stranger = service.add_party(
        Party(other.id, "Stranger", PartyRole.OTHER, kind=PartyKind.ENTITY)
    ).record
    before = dump()
    with pytest.raises(ValidationError, match="another matter"):
        conditions.add_condition(_condition(matter, bound_party_ids=(stranger.id,)))
    assert dump() == before


def test_transitions_follow_the_state_machine_and_are_logged(
    library: Library, conditions: ConditionService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    imposed = conditions.add_condition(_condition(matter, status=ConditionStatus.IMPOSED))
    before = dump()
    with pytest.raises(ValidationError, match="cannot go from"):
        conditions.transition(imposed.id, ConditionStatus.SATISFIED, date(2026, 7, 1))
    assert dump() == before
    conditions.transition(imposed.id, ConditionStatus.COMMUNICATED, date(2026, 7, 1), "sent")
    found = queries.decisions(library.db, matter.id)
    assert found.conditions[0].status is ConditionStatus.COMMUNICATED
    [entry] = found.condition_log
    assert (entry.kind, entry.from_status, entry.to_status) == (
        LogKind.TRANSITION,
        ConditionStatus.IMPOSED,
        ConditionStatus.COMMUNICATED,
    )
    actions = [(e.action, e.entity) for e in queries.audit_entries(library.db)[-2:]]
    assert actions == [("update", "conditions"), ("insert", "condition_log")]


def test_agenda_lists_overdue_obligations_licenses_and_clocks(
    library: Library, decisions: DecisionService, conditions: ConditionService, matter: Matter
) -> None:
    report = conditions.add_condition(_condition(matter))
    conditions.log(
        ConditionLog(
            matter.id, report.id, LogKind.PERFORMED, date(2026, 10, 28), due=date(2026, 10, 30)
        )
    )
    decisions.add_license(License(matter.id, "D200001", date(2023, 1, 20)))
    decisions.add_clock_event(ClockEvent(matter.id, ClockEventKind.REGISTERED, date(2026, 9, 17)))
    decisions.add_clock_event(
        ClockEvent(
            matter.id, ClockEventKind.HOLD_STARTED, date(2026, 10, 2), HoldReason.INFO_REQUESTED
        )
    )
    decisions.add_clock_event(ClockEvent(matter.id, ClockEventKind.HOLD_ENDED, date(2026, 10, 20)))
    rows = agenda(queries.library_facts(library.db), date(2027, 2, 5), 30)
    kinds = {(r.kind, r.state, r.due.isoformat()) for r in rows}
    assert ("obligation", "overdue", "2027-01-30") in kinds
    assert ("license", "expiring", "2027-01-20") not in kinds
    assert any(r.kind == "license" and r.state == "expired" for r in rows)
    assert any(r.kind == "bis_clock" for r in rows)
    assert [r.due for r in rows] == sorted(r.due for r in rows)


def test_clock_events_out_of_order_are_refused(
    decisions: DecisionService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    before = dump()
    with pytest.raises(ValidationError):
        decisions.add_clock_event(
            ClockEvent(matter.id, ClockEventKind.HOLD_ENDED, date(2026, 10, 20))
        )
    assert dump() == before


def test_a_clock_event_is_corrected_and_a_correction_out_of_order_refused(
    library: Library, decisions: DecisionService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    registered = decisions.add_clock_event(
        ClockEvent(matter.id, ClockEventKind.REGISTERED, date(2026, 9, 17))
    )
    hold = decisions.add_clock_event(
        ClockEvent(
            matter.id, ClockEventKind.HOLD_STARTED, date(2026, 10, 2), HoldReason.INFO_REQUESTED
        )
    )
    moved = decisions.update_clock_event(replace(hold, on=date(2026, 10, 5)))
    stored = queries.decisions(library.db, matter.id).clock_events
    assert {e.id: e.on for e in stored} == {registered.id: date(2026, 9, 17), moved.id: moved.on}
    assert moved.on == date(2026, 10, 5)
    entries = queries.history(library.db, matter.id)
    assert [e.entity_id for e in entries if (e.action, e.entity) == ("update", "clock_events")] == [
        hold.id
    ]  # audited: the earlier day stays in the chain
    before = dump()
    with pytest.raises(ValidationError):  # a hold cannot start before the registration
        decisions.update_clock_event(replace(moved, on=date(2026, 9, 1)))
    assert dump() == before


def test_a_classification_request_has_one_answer_deadline() -> None:
    from desktop_app.core.bis_clock import read_clock
    from desktop_app.core.enums import MatterKind as Kind

    events = [ClockEvent(1, ClockEventKind.REGISTERED, date(2026, 8, 6))]
    reading = read_clock(events, date(2026, 8, 10), Kind.CLASSIFICATION_REQUEST)
    assert [(d.due, d.citation) for d in reading.deadlines] == [
        (date(2026, 8, 20), "15 CFR 750.2(a)")
    ]
    licence_reading = read_clock(events, date(2026, 8, 10))
    assert len(licence_reading.deadlines) == 2


def test_status_follows_the_record_and_a_hand_change_needs_a_reason(
    library: Library,
    service: MatterService,
    decisions: DecisionService,
    matter: Matter,
    dump: Callable[[], Dump],
) -> None:
    from desktop_app.core.enums import MatterStatus

    decisions.add_clock_event(ClockEvent(matter.id, ClockEventKind.REGISTERED, date(2026, 9, 17)))
    assert queries.matter_by_id(library.db, matter.id).status is MatterStatus.UNDER_REVIEW
    decisions.add_clock_event(
        ClockEvent(
            matter.id, ClockEventKind.HOLD_STARTED, date(2026, 10, 2), HoldReason.INFO_REQUESTED
        )
    )
    held = queries.matter_by_id(library.db, matter.id)
    assert held.status is MatterStatus.ON_HOLD
    before = dump()
    closed = held.__class__(**{**held.__dict__, "status": MatterStatus.CLOSED, "status_reason": ""})
    with pytest.raises(ValidationError, match="Say why the status changes"):
        service.update_matter(closed)
    assert dump() == before
    reasoned = closed.__class__(**{**closed.__dict__, "status_reason": "Withdrawn by the client."})
    service.update_matter(reasoned)
    last = queries.audit_entries(library.db)[-1]
    assert last.after is not None
    assert "Withdrawn by the client." in last.after


def test_a_letter_can_be_corrected_and_the_correction_is_audited(
    library: Library, decisions: DecisionService, matter: Matter, dump: Callable[[], Dump]
) -> None:
    letter = decisions.add_letter(_letter(matter), ANNEX)
    corrected = AuthorizationLetter(**{**letter.__dict__, "reference": "IS-2026-0412"})
    decisions.update_letter(corrected)
    stored = queries.decisions(library.db, matter.id)
    assert stored.letters[0].reference == "IS-2026-0412"
    assert len(stored.annex_rows) == 3
    assert queries.audit_entries(library.db)[-1].entity == "letters"
    before = dump()
    backwards = AuthorizationLetter(**{**corrected.__dict__, "effective_from": date(2026, 6, 1)})
    with pytest.raises(ValidationError, match="before the date it bears"):
        decisions.update_letter(backwards)
    assert dump() == before


def test_far_future_dates_are_refused_not_computed(
    decisions: DecisionService,
    conditions: ConditionService,
    matter: Matter,
    dump: Callable[[], Dump],
) -> None:
    before = dump()
    with pytest.raises(ValidationError, match="between 1900 and 2200"):
        decisions.add_license(License(matter.id, "D123456", date(9998, 6, 1)))
    with pytest.raises(ValidationError, match="between 1900 and 2200"):
        conditions.add_condition(_condition(matter, first_due=date(9999, 12, 1)))
    with pytest.raises(ValidationError):
        decisions.add_clock_event(
            ClockEvent(matter.id, ClockEventKind.REGISTERED, date(9999, 12, 30))
        )
    assert dump() == before


def test_a_party_or_item_named_by_a_license_cannot_be_removed(
    library: Library,
    service: MatterService,
    decisions: DecisionService,
    matter: Matter,
    dump: Callable[[], Dump],
) -> None:
    from desktop_app.core.models import Item

    party = queries.matter_record(library.db, matter).parties[0]
    item = service.add_item(Item(matter.id, "Weights")).record
    decisions.add_license(
        License(matter.id, "D300001", date(2026, 8, 14), party_ids=(party.id,), item_ids=(item.id,))
    )
    before = dump()
    with pytest.raises(ValidationError, match="named in license D300001"):
        service.remove_party(party.id)
    with pytest.raises(ValidationError, match="named in license D300001"):
        service.remove_item(item.id)
    assert dump() == before


def test_only_an_agency_decides_and_a_closed_matter_stays_closed(
    library: Library, service: MatterService, decisions: DecisionService, matter: Matter
) -> None:
    from desktop_app.core.authorizations import Decider, Determination, DeterminationKind
    from desktop_app.core.enums import MatterStatus

    decisions.add_clock_event(ClockEvent(matter.id, ClockEventKind.REGISTERED, date(2026, 9, 1)))
    decisions.add_determination(
        Determination(
            matter.id,
            DeterminationKind.INTERNAL_DETERMINATION,
            date(2026, 9, 2),
            decided_by=Decider.INTERNAL_COUNSEL,
        )
    )
    assert queries.matter_by_id(library.db, matter.id).status is MatterStatus.UNDER_REVIEW
    current = queries.matter_by_id(library.db, matter.id)
    stale = current.__class__(**{**current.__dict__, "status": MatterStatus.CLOSED})
    with pytest.raises(ValidationError, match="Say why"):
        service.update_matter(stale)
    closed = stale.__class__(**{**stale.__dict__, "status_reason": "Client withdrew."})
    service.update_matter(closed)
    decisions.add_determination(
        Determination(matter.id, DeterminationKind.APPROVED, date(2026, 10, 1))
    )
    assert queries.matter_by_id(library.db, matter.id).status is MatterStatus.CLOSED


def test_replacement_on_edit_supersedes_and_never_loops(
    library: Library, decisions: DecisionService, matter: Matter
) -> None:
    old = decisions.add_license(License(matter.id, "D400001", date(2026, 1, 5)))
    new = decisions.add_license(License(matter.id, "D400002", date(2026, 9, 1)))
    with pytest.raises(ValidationError, match="cannot replace itself"):
        decisions.update_license(License(**{**new.__dict__, "replaces_license_id": new.id}))
    decisions.update_license(License(**{**new.__dict__, "replaces_license_id": old.id}))
    stored = {x.id: x for x in queries.decisions(library.db, matter.id).licenses}
    assert stored[old.id].status is LicenseStatus.SUPERSEDED


def test_conditions_of_an_ended_license_stay_on_the_agenda(
    library: Library, decisions: DecisionService, conditions: ConditionService, matter: Matter
) -> None:
    lic = decisions.add_license(
        License(
            matter.id,
            "D500001",
            date(2026, 1, 5),
            ValidityBasis.SET_BY_BIS,
            expires_on_set=date(2026, 6, 30),
        )
    )
    conditions.add_condition(
        _condition(matter, license_id=lic.id, kind=ConditionKind.LICENSE_CONDITION)
    )
    facts = queries.library_facts(library.db)
    assert any(r.kind == "obligation" for r in agenda(facts, date(2026, 6, 1), 200))
    # 750.7(i): the license's end does not end its conditions; the quarterly report stays due.
    [after] = [r for r in agenda(facts, date(2026, 7, 1), 200) if r.kind == "obligation"]
    assert after.due == date(2026, 10, 30)
    assert "license D500001 expired 2026-06-30" in after.detail
