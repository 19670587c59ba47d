"""A matter's status follows from what happened to it; a change by hand needs a reason.

Derivation (latest first): a determination means DECIDED; otherwise the BIS clock says where a
pending application stands (an open hold: ON_HOLD; registered, referred or an intent to deny:
UNDER_REVIEW; denied or decided: DECIDED). With neither, the status is counsel's to set, and
a matter counsel closed stays closed.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.core.authorizations import ClockEvent, ClockEventKind, Decider, Determination
from desktop_app.core.bis_clock import ESCALATION_KINDS, ordered
from desktop_app.core.enums import MatterStatus
from desktop_app.core.models import Matter
from desktop_app.errors import ValidationError

_BY_CLOCK = {
    ClockEventKind.REGISTERED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.HOLD_STARTED: MatterStatus.ON_HOLD,
    ClockEventKind.HOLD_ENDED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.REFERRED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.ITD_ISSUED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.DENIED: MatterStatus.DECIDED,
    ClockEventKind.DECIDED: MatterStatus.DECIDED,
    **{kind: MatterStatus.UNDER_REVIEW for kind in ESCALATION_KINDS},
}


def derived_status(
    determinations: Sequence[Determination], events: Sequence[ClockEvent]
) -> MatterStatus | None:
    """The status the record implies, or None when it implies nothing.

    Only a decision by BIS or another agency decides a matter; counsel's own determinations
    (an internal classification, say) leave a pending application pending.
    """
    if any(d.decided_by is not Decider.INTERNAL_COUNSEL for d in determinations):
        return MatterStatus.DECIDED
    if events:
        return _BY_CLOCK[ordered(events)[-1].kind]
    return None


def check_hand_change(before: Matter, after: Matter) -> None:
    """Refuse a status changed by hand without a reason (the reason is audited with it)."""
    new_reason = after.status_reason.strip() and after.status_reason != before.status_reason
    if before.status is not after.status and not new_reason:
        change = f"{before.status.label} to {after.status.label}"
        why = f"Say why the status changes from {change}; the reason is kept in its history."
        raise ValidationError({"status_reason": why})
