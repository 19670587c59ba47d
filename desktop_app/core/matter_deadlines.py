"""One matter's next deadlines, as the agenda gives them, and its letters in one line each.

The Overview shows what is next on the open matter without a trip to the agenda: the same rules
(`core.agenda`: obligations, license expiry, the BIS clock, potential matches to decide) over
this matter's records alone, overdue and passed entries first, as far ahead as the docket
report looks.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.agenda import AgendaRow, agenda
from desktop_app.core.annex_rows import LinkState, link_state
from desktop_app.core.holiday_calendar import HolidayCalendar
from desktop_app.core.models import LibraryFacts, MatterRecord
from desktop_app.core.text import cut_at_word
from desktop_app.core.withdrawal import in_force

AHEAD_DAYS = 90
SHOWN = 3


def matter_deadlines(
    record: MatterRecord, today: date, calendar: HolidayCalendar | None = None
) -> list[AgendaRow]:
    """The matter's agenda entries from ``today`` to AHEAD_DAYS on, overdue ones included."""
    found = record.decisions
    facts = LibraryFacts(
        matters=(record.matter,),
        conditions=found.conditions,
        logs=found.condition_log,
        licenses=found.licenses,
        clock_events=found.clock_events,
        calendar=calendar,
        screenings=found.screenings,
        open_hits=tuple(h for h in found.screening_hits if h.disposition.open),
    )
    return sorted(agenda(facts, today, AHEAD_DAYS), key=lambda r: (r.due, r.title))


def deadline_lines(rows: list[AgendaRow], shown: int = SHOWN) -> list[str]:
    """The first ``shown`` entries, one line each, and how many more there are."""
    lines = [
        f"{r.due.isoformat()} {r.state.replace('_', ' ')}: {cut_at_word(r.title, 70)}"
        for r in rows[:shown]
    ]
    if len(rows) > shown:
        lines.append(f"and {len(rows) - shown} more on the agenda")
    return lines


def letter_lines(record: MatterRecord) -> list[str]:
    """Each letter: its date, reference, effect, and how many Annex A rows counsel confirmed."""
    lines = []
    for letter in in_force(record.decisions.letters):
        rows = [r for r in record.decisions.annex_rows if r.letter_id == letter.id]
        confirmed = sum(1 for r in rows if link_state(r) is LinkState.CONFIRMED)
        ref = f" ({letter.reference})" if letter.reference else ""
        annex = f"; Annex A: {len(rows)} rows, {confirmed} confirmed" if rows else ""
        lines.append(f"{letter.dated.isoformat()}{ref}: {letter.effect.label}{annex}")
    return lines
