"""The life of a condition or rider: the state machine of docs/domain.md#condition-states.

Conditions (license conditions, letter safeguards, internal safeguards)::

    PROPOSED ─→ ACCEPTED | NEGOTIATING;  NEGOTIATING ─→ ACCEPTED;  ACCEPTED ─→ IMPOSED
    IMPOSED ─→ COMMUNICATED                     (written notice to the parties, 750.7(d))
    COMMUNICATED ─→ AWAITING_ACK ─→ ACKNOWLEDGED ─→ ACTIVE   (acknowledgment required)
    COMMUNICATED ─→ ACTIVE                                    (no acknowledgment required)
    ACTIVE ─→ SATISFIED                         (fully performed)
    ACTIVE ─→ BREACHED ─→ REMEDIATED ─→ ACTIVE  (breach, then docs/domain.md#disclosures)

Riders are notice, not requirements, and are not tracked for performance::

    IMPOSED ─→ ACKNOWLEDGED_INTERNALLY ─→ CLOSED

Every state that is not final may also go to SUPERSEDED (an amendment or replacement removes
it), TERMINATED_BY_REGULATION (the items became eligible for a license exception or NLR,
750.7(i)) or CLOSED (the license expired or was revoked, or the application outcome changed);
SATISFIED, SUPERSEDED, TERMINATED_BY_REGULATION and CLOSED are final.

Two choices beyond the diagram, both on the side of recording what happened: a breach can be
recorded from any state in which the condition binds (IMPOSED onwards: failing to pass a
condition on under 750.7(d) is itself a breach), and a remediated condition returns to ACTIVE
because its obligations continue.
"""

from __future__ import annotations

from desktop_app.core.authorizations import Condition, ConditionKind, ConditionStatus

Errors = dict[str, str]
S = ConditionStatus

FINAL = frozenset({S.SATISFIED, S.SUPERSEDED, S.TERMINATED_BY_REGULATION, S.CLOSED})
_ENDINGS = frozenset({S.SUPERSEDED, S.TERMINATED_BY_REGULATION, S.CLOSED})

# Where a condition can go next (before the rider and acknowledgment rules narrow it).
TRANSITIONS: dict[ConditionStatus, frozenset[ConditionStatus]] = {
    S.PROPOSED: frozenset({S.ACCEPTED, S.NEGOTIATING}) | _ENDINGS,
    S.NEGOTIATING: frozenset({S.ACCEPTED}) | _ENDINGS,
    S.ACCEPTED: frozenset({S.IMPOSED}) | _ENDINGS,
    S.IMPOSED: frozenset({S.COMMUNICATED, S.ACKNOWLEDGED_INTERNALLY, S.BREACHED}) | _ENDINGS,
    S.COMMUNICATED: frozenset({S.AWAITING_ACK, S.ACTIVE, S.BREACHED}) | _ENDINGS,
    S.AWAITING_ACK: frozenset({S.ACKNOWLEDGED, S.BREACHED}) | _ENDINGS,
    S.ACKNOWLEDGED: frozenset({S.ACTIVE, S.BREACHED}) | _ENDINGS,
    S.ACTIVE: frozenset({S.SATISFIED, S.BREACHED}) | _ENDINGS,
    S.BREACHED: frozenset({S.REMEDIATED}) | _ENDINGS,
    S.REMEDIATED: frozenset({S.ACTIVE}) | _ENDINGS,
    S.ACKNOWLEDGED_INTERNALLY: _ENDINGS,
    S.SATISFIED: frozenset(),
    S.SUPERSEDED: frozenset(),
    S.TERMINATED_BY_REGULATION: frozenset(),
    S.CLOSED: frozenset(),
}

# States that track performance: a rider never enters them; only a rider is "acknowledged
# internally".
PERFORMANCE_STATES = frozenset(
    {
        S.COMMUNICATED,
        S.AWAITING_ACK,
        S.ACKNOWLEDGED,
        S.ACTIVE,
        S.SATISFIED,
        S.BREACHED,
        S.REMEDIATED,
    }
)
RIDER_ONLY = frozenset({S.ACKNOWLEDGED_INTERNALLY})

_ORDER = {status: index for index, status in enumerate(ConditionStatus)}


def initial_status(kind: ConditionKind) -> ConditionStatus:
    """The status a new condition of ``kind`` starts in.

    IMPOSED for what BIS put on a license or letter (conditions, riders, letter safeguards),
    ACTIVE for the company's own internal safeguards, which no one needs to be told of under
    750.7(d). A condition BIS only proposes during processing is entered as PROPOSED by hand.
    """
    return S.ACTIVE if kind is ConditionKind.INTERNAL_SAFEGUARD else S.IMPOSED


def _permitted(condition: Condition, to: ConditionStatus) -> bool:
    """Whether the kind and the acknowledgment rule allow ``to`` at all from here."""
    is_rider = condition.kind is ConditionKind.RIDER
    if is_rider and to in PERFORMANCE_STATES:
        return False
    if not is_rider and to in RIDER_ONLY:
        return False
    if condition.status is S.COMMUNICATED:
        if to is S.AWAITING_ACK:
            return condition.acknowledgment_required
        if to is S.ACTIVE:
            return not condition.acknowledgment_required
    return True


def allowed_next(condition: Condition) -> list[ConditionStatus]:
    """The statuses the condition may move to next, in the order of ``ConditionStatus``."""
    targets = TRANSITIONS.get(condition.status, frozenset())
    return sorted((s for s in targets if _permitted(condition, s)), key=_ORDER.__getitem__)


def check_transition(condition: Condition, to: ConditionStatus) -> Errors:
    """{"status": why} when the state machine refuses the move to ``to``; empty when allowed."""
    if to in allowed_next(condition):
        return {}
    noun = "rider" if condition.kind is ConditionKind.RIDER else "condition"
    here, there = _name(condition.status), _name(to)
    options = allowed_next(condition)
    if to is condition.status:
        message = f"The {noun} is already {here}."
    else:
        message = f"A {noun} cannot go from {here} to {there}"
        if options:
            message += f"; next can be: {', '.join(_name(s) for s in options)}."
        else:
            message += f"; {here} is final."
    if condition.kind is ConditionKind.RIDER and to in PERFORMANCE_STATES:
        message += " A rider is notice, not a requirement: it is not tracked for performance."
    elif condition.kind is not ConditionKind.RIDER and to in RIDER_ONLY:
        message += " Only riders are acknowledged internally."
    elif condition.status is S.COMMUNICATED and to is S.ACTIVE:
        message += " This condition requires written acknowledgment first (15 CFR 750.7(d))."
    elif condition.status is S.COMMUNICATED and to is S.AWAITING_ACK:
        message += " This condition does not require acknowledgment."
    return {"status": message}


def _name(status: ConditionStatus) -> str:
    """A status as it reads mid-sentence."""
    return status.label.lower()
