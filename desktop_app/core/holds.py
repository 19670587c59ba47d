"""A legal hold keeps every record of its matter: removals are refused, and the refusal audited.

762.6(b): a record an agency asked for must not be destroyed without written authorization.
Corrections (updates) stay possible, since the audit chain keeps every earlier value; a removal
on a held matter is refused wherever it comes from.
"""

from __future__ import annotations

from desktop_app.core.models import Matter
from desktop_app.core.ports import UnitOfWork
from desktop_app.core.retention import LegalHold, RefusedError, hold_names


def refusal_under_hold(tx: UnitOfWork, matter_id: int, attempt: str) -> str | None:
    """If the matter is on hold, audit the refused ``attempt`` in ``tx`` and return the reason.

    The caller lets ``tx`` commit (it holds only the refusal) and then raises
    :class:`RefusedError` with the reason; ``None`` means the matter is not on hold.
    """
    holds = tuple(h for h in tx.children(LegalHold, matter_id) if h.is_open)
    if not holds:
        return None
    number = tx.get(Matter, matter_id).number
    reason = (
        f"{number} is under legal hold ({hold_names(holds)}); nothing on it may be removed "
        "until the hold is released (15 CFR 762.6(b))."
    )
    tx.record_refusal(matter_id, attempt, reason)
    return reason


__all__ = ["RefusedError", "refusal_under_hold"]
