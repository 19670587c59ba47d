"""``show CASE`` in text: notes, documents, determinations, letters, conditions, the BIS clock.

Labels, not stored codes, and text wrapped at words, never cut. Each function reads the plain
view ``show --json`` prints (`core.present`, `core.present_decisions`) and gives lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop_app.cli.wrap import wrap_words
from desktop_app.core.authorizations import (
    ConditionStatus,
    Decider,
    DeterminationKind,
    HoldReason,
    LetterEffect,
    ObligationKind,
)
from desktop_app.core.documents import Direction, DocumentKind
from desktop_app.core.enums import LabeledEnum, TransactionType
from desktop_app.core.schedule_words import rule_words
from desktop_app.core.text import visible

Plain = dict[str, Any]
LINKS = {"confirmed": "confirmed", "suggested": "suggested, not confirmed", "unlinked": "no party"}


def label(kind: type[LabeledEnum], value: object) -> str:
    """The label of a stored value ("—" for none; the value itself if no member has it)."""
    if value is None or value == "":
        return "—"
    try:
        return kind(str(value)).label
    except ValueError:
        return visible(str(value))


def wrapped(text: str, indent: str, then: str | None = None) -> list[str]:
    """``text`` shown safely and wrapped at words (first line after ``indent``, then ``then``)."""
    return wrap_words(visible(text), indent, then)


def decision_lines(view: Plain) -> list[str]:
    """Every decision-side section of a matter that has anything in it."""
    return [
        *_notes(view.get("notes", [])),
        *_documents(view.get("documents", [])),
        *_determinations(view.get("determinations", [])),
        *_letters(view.get("letters", []), view.get("parties", [])),
        *_conditions(view.get("conditions", [])),
        *_clock(view.get("bis_clock"), view.get("as_of")),
        *_withdrawn(view.get("withdrawn", [])),
    ]


def _withdrawn(records: list[Plain]) -> list[str]:
    """The records counsel withdrew: kept, and out of every answer above."""
    lines = ["", "Withdrawn records (kept; not in force):"] if records else []
    for r in records:
        lines += wrapped(f"{r['kind']} #{r['record_id']} “{r['name']}”", "  ", "    ")
        lines += wrapped(f"withdrawn {r['on']}: {r['reason']}", "    ")
    return lines


def _notes(notes: list[Plain]) -> list[str]:
    lines = ["", "Notes:"] if notes else []
    for note in notes:
        lines.append(f"  {str(note['created_at'])[:10] or 'undated'}  {visible(note['author'])}")
        lines += wrapped(note["text"], "    ")
    return lines


def _documents(documents: list[Plain]) -> list[str]:
    lines = ["", "Documents:"] if documents else []
    for document in documents:
        lines += _document(document, "  ")
    return lines


def _document(d: Plain, indent: str) -> list[str]:
    when = str(d.get("doc_date") or "")[:10] or "undated"
    what = f"{label(DocumentKind, d['kind'])}, {label(Direction, d['direction']).lower()}"
    head = f"{indent}{d['id']:>4}  {when}  "
    gone = " (withdrawn)" if d.get("withdrawn_on") else ""
    lines = wrapped(f"{what}: {d['title'] or d['filename']}{gone}", head, " " * len(head))
    for child in d.get("children", []):
        lines += _document(child, indent + "      ")
    return lines


def _determinations(found: list[Plain]) -> list[str]:
    lines = ["", "Determinations:"] if found else []
    for d in found:
        by = d.get("decider_name") or label(Decider, d.get("decided_by"))
        ref = f" ({d['reference']})" if d.get("reference") else ""
        kind = label(DeterminationKind, d["kind"])
        lines += wrapped(f"{d['decided_on']}  {kind} by {by}{ref}  #{d['id']}", "  ", "    ")
        if d.get("excerpt"):
            lines += wrapped(f"“{d['excerpt']}”", "    ")
    return lines


def _letters(letters: list[Plain], parties: list[Plain]) -> list[str]:
    names = {p["id"]: p["name"] for p in parties}
    lines = ["", "Letters:"] if letters else []
    for x in letters:
        ref = f" ({visible(x['reference'])})" if x.get("reference") else ""
        until = f" until {x['effective_until']}" if x.get("effective_until") else ", no end date"
        lines.append(
            f"  {x['dated']}{ref}  {label(LetterEffect, x['effect'])}, from "
            f"{x['effective_from']}{until}  #{x['id']}"
        )
        kinds = ", ".join(label(TransactionType, t) for t in x.get("transaction_types", []))
        lines += wrapped(f"transactions: {kinds or '—'}", "    ")
        if x.get("revoked_on"):
            lines.append(f"    revoked {x['revoked_on']}")
        rows = x.get("annex_a", [])
        if rows:
            lines.append("    Annex A:")
        for row in sorted(rows, key=lambda r: r["row_no"]):
            lines += _annex_row(row, names)
    return lines


def _annex_row(row: Plain, names: dict[int, str]) -> list[str]:
    party = names.get(row["party_id"], f"#{row['party_id']}") if row.get("party_id") else ""
    if not party:
        link = "no party"
    elif row.get("confirmed"):
        link = f"{visible(party)} (confirmed)"
    else:
        link = f"{visible(party)} (suggested, not confirmed)"
    where = ", ".join(x for x in (row.get("address_as_written"), row.get("country")) if x)
    text = f"{row['row_no']}. {row['name_as_written']}" + (f"; {where}" if where else "")
    return [*wrapped(text, "      ", "         "), f"         → {link}"]


def _conditions(conditions: list[Plain]) -> list[str]:
    lines = ["", "Conditions:"] if conditions else []
    for c in conditions:
        number = f"{visible(c['number'])} (#{c['id']})" if c.get("number") else f"#{c['id']}"
        due = f", next due {c['next_due']}" if c.get("next_due") else ""
        shown = str(c.get("standing") or "").replace("_", " ")
        standing = f" — {shown}" if shown not in ("", "none") else ""
        lines.append(
            f"  {number}  {label(ConditionStatus, c['status'])}, "
            f"{label(ObligationKind, c['obligation']).lower()}{due}{standing}"
        )
        if c.get("owner"):
            lines.append(f"    owner: {visible(c['owner'])}")
        if c.get("rrule"):
            lines += wrapped(f"repeats: {rule_words(c['rrule']) or c['rrule']}", "    ", "      ")
        lines += wrapped(c["text"], "    ")
        if c.get("license_note"):
            lines += wrapped(c["license_note"], "    ")
    return lines


def _clock(clock: Plain | None, as_of: str | None) -> list[str]:
    if not clock:
        return []
    lines = ["", "BIS clock:"]
    if clock.get("registered"):
        lines.append(
            f"  registered {clock['registered']}; {clock['elapsed_days']} days elapsed, holds "
            "excluded"
        )
    else:
        lines.append("  not registered: the clock has not started")
    for hold in clock.get("holds", []):
        lines.append(
            f"  hold {hold['start']} – {hold.get('end') or 'open'}: "
            f"{label(HoldReason, hold['reason'])}"
        )
    lines += _deadline_lines(clock.get("deadlines", []), as_of)
    return lines


def _deadline_lines(deadlines: Iterable[Plain], as_of: str | None) -> list[str]:
    """Each deadline; the days left count to its last filing day (``file_by`` when given)."""
    lines = []
    for d in deadlines:
        left = d["days_left"]
        if as_of and d.get("file_by"):
            left = (date.fromisoformat(d["file_by"]) - date.fromisoformat(as_of)).days
        word = " to file" if d.get("file_by") else ""
        when = f"{left} days left{word}" if left >= 0 else f"passed {-left} days ago"
        file_by = f", file by {d['file_by']}" if d.get("file_by") else ""
        lines += wrapped(
            f"{d['due']}  {d['name']} ({d['citation']}; {when}{file_by})", "  ", "    "
        )
    return lines
