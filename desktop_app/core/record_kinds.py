"""The record kinds by the name the audit chain gives them (the table names of the library).

An audit entry names its record by ``entity``; this is the one place that pairs those names with
the record classes, so the core can read an entry's before and after images (the History's
prose, Undo) and storage can name its tables (`desktop_app.storage.codec.TABLES`).
"""

from __future__ import annotations

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.documents import Document, Quarantined
from desktop_app.core.drafts import MemoDraft, Setting
from desktop_app.core.models import Activity, Item, Matter, Note, Party
from desktop_app.core.retention import LegalHold, RetentionTrigger, TrashEntry
from desktop_app.core.screening_lists import Edition
from desktop_app.core.screening_records import Screening, ScreeningHit

KINDS: dict[str, type] = {
    "matters": Matter,
    "parties": Party,
    "items": Item,
    "activities": Activity,
    "notes": Note,
    "documents": Document,
    "quarantine": Quarantined,
    "determinations": Determination,
    "licenses": License,
    "letters": AuthorizationLetter,
    "annex_rows": AnnexRow,
    "conditions": Condition,
    "condition_log": ConditionLog,
    "clock_events": ClockEvent,
    "memo_drafts": MemoDraft,
    "settings": Setting,
    "retention_triggers": RetentionTrigger,
    "legal_holds": LegalHold,
    "trash": TrashEntry,
    "list_editions": Edition,
    "screenings": Screening,
    "screening_hits": ScreeningHit,
}
"""Every record kind by its audit entity name, in the order the library's tables were made."""
