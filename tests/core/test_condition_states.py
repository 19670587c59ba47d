"""The condition state machine (docs/domain.md#condition-states): every edge, refusals, riders."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionStatus,
)
from desktop_app.core.condition_states import (
    FINAL,
    PERFORMANCE_STATES,
    TRANSITIONS,
    allowed_next,
    check_transition,
    initial_status,
)

S = ConditionStatus
ENDINGS = {S.SUPERSEDED, S.TERMINATED_BY_REGULATION, S.CLOSED}

CONDITION = Condition(
    matter_id=1,
    kind=ConditionKind.LICENSE_CONDITION,
    category=ConditionCategory.ACKNOWLEDGMENT_REQUIRED,
    text="The consignee must acknowledge these conditions in writing.",
)
RIDER = replace(CONDITION, kind=ConditionKind.RIDER, category=ConditionCategory.OTHER)


Edge = tuple[ConditionKind, bool, ConditionStatus, ConditionStatus]


def _edges() -> list[Edge]:
    """Every (kind, acknowledgment required, from, to) the machine allows."""
    edges: list[Edge] = []
    for kind in ConditionKind:
        for ack in (True, False):
            for here in ConditionStatus:
                condition = replace(CONDITION, kind=kind, status=here, acknowledgment_required=ack)
                edges += [(kind, ack, here, there) for there in allowed_next(condition)]
    return edges


# Every edge of the state machine for a license condition that needs written acknowledgment.
EXPECTED_WITH_ACK = {
    S.PROPOSED: {S.ACCEPTED, S.NEGOTIATING} | ENDINGS,
    S.NEGOTIATING: {S.ACCEPTED} | ENDINGS,
    S.ACCEPTED: {S.IMPOSED} | ENDINGS,
    S.IMPOSED: {S.COMMUNICATED, S.BREACHED} | ENDINGS,
    S.COMMUNICATED: {S.AWAITING_ACK, S.BREACHED} | ENDINGS,
    S.AWAITING_ACK: {S.ACKNOWLEDGED, S.BREACHED} | ENDINGS,
    S.ACKNOWLEDGED: {S.ACTIVE, S.BREACHED} | ENDINGS,
    S.ACTIVE: {S.SATISFIED, S.BREACHED} | ENDINGS,
    S.BREACHED: {S.REMEDIATED} | ENDINGS,
    S.REMEDIATED: {S.ACTIVE} | ENDINGS,
    S.ACKNOWLEDGED_INTERNALLY: set(ENDINGS),
    S.SATISFIED: set(),
    S.SUPERSEDED: set(),
    S.TERMINATED_BY_REGULATION: set(),
    S.CLOSED: set(),
}


def test_the_table_covers_every_status() -> None:
    assert set(TRANSITIONS) == set(ConditionStatus)
    assert all(not TRANSITIONS[s] for s in FINAL)


def test_every_edge_for_a_condition_needing_acknowledgment() -> None:
    for here, expected in EXPECTED_WITH_ACK.items():
        condition = replace(CONDITION, status=here, acknowledgment_required=True)
        assert set(allowed_next(condition)) == expected, here


@pytest.mark.parametrize(("kind", "ack", "here", "there"), _edges())
def test_every_allowed_edge_is_accepted(
    kind: ConditionKind, ack: bool, here: ConditionStatus, there: ConditionStatus
) -> None:
    condition = replace(CONDITION, kind=kind, status=here, acknowledgment_required=ack)
    assert check_transition(condition, there) == {}


def test_acknowledgment_decides_the_way_out_of_communicated() -> None:
    needs = replace(CONDITION, status=S.COMMUNICATED, acknowledgment_required=True)
    free = replace(needs, acknowledgment_required=False)
    assert check_transition(needs, S.AWAITING_ACK) == {}
    assert check_transition(free, S.ACTIVE) == {}
    refused = check_transition(needs, S.ACTIVE)["status"]
    assert refused.startswith("A condition cannot go from communicated to active; next can be: ")
    assert "750.7(d)" in refused
    assert "does not require acknowledgment" in check_transition(free, S.AWAITING_ACK)["status"]
    assert S.ACTIVE in allowed_next(free)
    assert S.AWAITING_ACK not in allowed_next(free)


def test_the_full_path_of_an_acknowledged_condition() -> None:
    path = [
        S.PROPOSED,
        S.NEGOTIATING,
        S.ACCEPTED,
        S.IMPOSED,
        S.COMMUNICATED,
        S.AWAITING_ACK,
        S.ACKNOWLEDGED,
        S.ACTIVE,
        S.BREACHED,
        S.REMEDIATED,
        S.ACTIVE,
        S.SATISFIED,
    ]
    condition = replace(CONDITION, acknowledgment_required=True, status=path[0])
    for there in path[1:]:
        assert check_transition(condition, there) == {}
        condition = replace(condition, status=there)
    assert allowed_next(condition) == []


def test_the_rider_path() -> None:
    rider = replace(RIDER, status=S.IMPOSED)
    assert allowed_next(rider) == [
        S.SUPERSEDED,
        S.TERMINATED_BY_REGULATION,
        S.CLOSED,
        S.ACKNOWLEDGED_INTERNALLY,
    ]
    rider = replace(rider, status=S.ACKNOWLEDGED_INTERNALLY)
    assert check_transition(rider, S.CLOSED) == {}
    assert allowed_next(rider) == [S.SUPERSEDED, S.TERMINATED_BY_REGULATION, S.CLOSED]


@pytest.mark.parametrize("there", sorted(PERFORMANCE_STATES))
def test_riders_never_enter_performance_states(there: ConditionStatus) -> None:
    for here in (S.IMPOSED, S.ACKNOWLEDGED_INTERNALLY):
        errors = check_transition(replace(RIDER, status=here), there)
        assert errors["status"].startswith(f"A rider cannot go from {here.label.lower()}")
        assert "not tracked for performance" in errors["status"]


def test_conditions_are_not_acknowledged_internally() -> None:
    errors = check_transition(replace(CONDITION, status=S.IMPOSED), S.ACKNOWLEDGED_INTERNALLY)
    assert errors == {
        "status": "A condition cannot go from imposed to acknowledged internally; next can be: "
        "communicated, breached, superseded, terminated by regulation, closed. "
        "Only riders are acknowledged internally."
    }


@pytest.mark.parametrize(
    ("here", "there", "message"),
    [
        (
            S.IMPOSED,
            S.ACTIVE,
            "A condition cannot go from imposed to active; next can be: communicated, breached, "
            "superseded, terminated by regulation, closed.",
        ),
        (
            S.PROPOSED,
            S.IMPOSED,
            "A condition cannot go from proposed to imposed; next can be: negotiating, accepted, "
            "superseded, terminated by regulation, closed.",
        ),
        (
            S.BREACHED,
            S.ACTIVE,
            "A condition cannot go from breached to active; next can be: remediated, "
            "superseded, terminated by regulation, closed.",
        ),
        (
            S.AWAITING_ACK,
            S.ACTIVE,
            "A condition cannot go from awaiting acknowledgment to active; next can be: "
            "acknowledged, breached, superseded, terminated by regulation, closed.",
        ),
        (S.CLOSED, S.ACTIVE, "A condition cannot go from closed to active; closed is final."),
        (
            S.SATISFIED,
            S.BREACHED,
            "A condition cannot go from satisfied to breached; satisfied is final.",
        ),
        (S.ACTIVE, S.ACTIVE, "The condition is already active."),
    ],
)
def test_disallowed_moves_are_refused_with_the_message(
    here: ConditionStatus, there: ConditionStatus, message: str
) -> None:
    condition = replace(CONDITION, status=here, acknowledgment_required=True)
    assert check_transition(condition, there) == {"status": message}


def test_every_disallowed_move_is_refused() -> None:
    for condition in (CONDITION, RIDER):
        for ack in (True, False):
            for here in ConditionStatus:
                c = replace(condition, status=here, acknowledgment_required=ack)
                allowed = set(allowed_next(c))
                for there in set(ConditionStatus) - allowed:
                    assert set(check_transition(c, there)) == {"status"}


def test_initial_status() -> None:
    assert initial_status(ConditionKind.LICENSE_CONDITION) is S.IMPOSED
    assert initial_status(ConditionKind.RIDER) is S.IMPOSED
    assert initial_status(ConditionKind.LETTER_SAFEGUARD) is S.IMPOSED
    assert initial_status(ConditionKind.INTERNAL_SAFEGUARD) is S.ACTIVE
