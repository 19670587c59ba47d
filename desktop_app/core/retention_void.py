"""Voiding a matter opened in error: allowed only while it holds nothing the rules keep.

A matter opened by mistake (a duplicate, the wrong client) is voided rather than kept for five
years, but only while it holds nothing that is a record to keep under 15 CFR 762.2: no document
or quarantined file, no determination, license, letter, condition or clock event, no activity,
no screening, no memo draft and no note (notes are records, 762.2(a)(3)), and no record of a
legal hold. What counsel typed while setting it up, its parties and items, goes with it. A
matter under legal hold is never voided (15 CFR 762.6(b)). Its number is never given again,
and the audit chain keeps every record it held and the reason.
"""

from __future__ import annotations

from collections.abc import Mapping

KEPT = {
    "documents": "document",
    "quarantine": "quarantined file",
    "determinations": "determination",
    "licenses": "license",
    "letters": "letter",
    "conditions": "condition",
    "clock_events": "BIS clock event",
    "activities": "activity",
    "screenings": "screening",
    "memo_drafts": "memo draft",
    "retention_triggers": "retention event recorded by counsel",
    "notes": "note",
    "legal_holds": "legal hold record",
}
"""The record kinds a void is refused for, by table name, with what one is called."""


def void_refusal(number: str, counts: Mapping[str, int], on_hold: bool) -> str | None:
    """Why the matter cannot be voided (None: it may be), naming what it holds."""
    if on_hold:
        return f"{number} is under legal hold; nothing on it may be deleted (15 CFR 762.6(b))."
    held = [_count(counts[kind], name) for kind, name in KEPT.items() if counts.get(kind, 0)]
    if held:
        return (
            f"{number} holds records that must be kept ({', '.join(held)}; 15 CFR 762.2, "
            "762.6(a)): it cannot be voided. Correct its records instead, or keep it."
        )
    return None


def void_errors(reason: str) -> dict[str, str]:
    """A void needs a reason: the audit chain records it."""
    if not reason.strip():
        return {"reason": "Say why the matter was opened in error; the audit chain keeps it."}
    return {}


def _count(n: int, name: str) -> str:
    if n == 1:
        return f"1 {name}"
    plural = name[:-1] + "ies" if name.endswith("y") else name + "s"
    return f"{n} {plural}"
