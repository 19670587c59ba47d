"""How a person's nationalities read in the Parties table and the party dialog, as of a day.

An entry held on the day is shown by its country; one not yet held or no longer held says so
("SG, ended 2021-09-30"). A Country Group D:5 or Macau nationality held on the day carries a
flag (⚑), with its words in the tooltip: a warning that changes no answer
(`core.nationality_flags`). The deemed destination is the one on the day (`core.deemed`).
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.coverage_model import GroupLookup
from desktop_app.core.deemed import deemed_destination, held_on
from desktop_app.core.enums import PartyKind
from desktop_app.core.models import Nationality, Party
from desktop_app.core.nationality_flags import WARNING_ONLY, entry_flag, nationality_flags
from desktop_app.i18n import _

FLAG = "⚑"


def country_groups() -> GroupLookup:
    """The shipped Country Groups lookup (loaded on first use, as coverage does)."""
    from desktop_app.reference.country_groups import groups_of  # noqa: PLC0415 - on demand

    return groups_of


def entry_text(entry: Nationality, today: date) -> str:
    """One entry as a cell reads it: its country, and when it is not held today, why not."""
    if held_on(entry, today):
        return entry.country
    if entry.since is not None and today < entry.since:
        return _("{country}, from {day}").format(country=entry.country, day=entry.since)
    return _("{country}, ended {day}").format(country=entry.country, day=entry.until)


def nationalities_cell(party: Party, today: date, group_of: GroupLookup) -> str:
    """The Nationalities cell: every entry, then the flag mark when one held today is flagged."""
    text = "; ".join(entry_text(n, today) for n in party.nationalities)
    return f"{text} {FLAG}" if nationality_flags(party, today, group_of) else text


def nationalities_tip(party: Party, today: date, group_of: GroupLookup) -> str:
    """The cell's tooltip: each entry with its dates, and each flag in words."""
    lines = [_entry_line(n, today) for n in party.nationalities]
    flags = nationality_flags(party, today, group_of)
    lines += [f"{FLAG} {flag}" for flag in flags]
    if flags:
        lines.append(_("A flag is {what}.").format(what=WARNING_ONLY))
    if party.stateless:
        lines.insert(0, _("Stateless"))
    return "\n".join(lines)


def entry_flags(entries: tuple[Nationality, ...], today: date, group_of: GroupLookup) -> str:
    """The dialog's flags line for the rows typed: one per flagged entry held today."""
    found = [entry_flag(n, group_of) for n in entries if held_on(n, today)]
    return "\n".join(f"{FLAG} {flag}" for flag in dict.fromkeys(found) if flag)


def deemed_cell(party: Party, today: date) -> str:
    """The Deemed destination cell of a person ("—" when there is none); empty for a body."""
    if party.kind is not PartyKind.INDIVIDUAL:
        return ""
    return deemed_destination(party, today).country or "—"


def deemed_tip(party: Party, today: date) -> str:
    """Why the deemed destination is what it is, today."""
    if party.kind is not PartyKind.INDIVIDUAL:
        return ""
    return _("On {day}: {reason}").format(day=today, reason=deemed_destination(party, today).reason)


def _entry_line(entry: Nationality, today: date) -> str:
    dates = ""
    if entry.since is not None:
        dates += _(" since {day}").format(day=entry.since)
    if entry.until is not None:
        dates += _(" until {day}").format(day=entry.until)
    state = "" if held_on(entry, today) else _(" (not held on {day})").format(day=today)
    return f"{entry.country} {entry.basis.label.lower()}{dates}{state}"
