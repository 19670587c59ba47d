"""Flags on a person's nationalities: Country Group D:5, and Macau, which rules name beside it.

Country Group D:5 (15 CFR Part 740, Supplement No. 1: the US arms-embargoed countries) and Macau are
where the AI and advanced-computing rules tighten (docs/domain.md#country-groups: Macau is no member
of D:5, yet rules name it beside D:5, e.g. 740.2(a)(9)(i), 742.6(a)(6)(i)(B)); BIS's May 2025
guidance asks for diligence on D:5 and Macau parties. Neither docs/domain.md nor the shipped Country
Groups treat Macau as China (Hong Kong is), so its flag says to check it. A flag is a warning: it
changes no answer. Only nationalities held on the day asked are flagged (`deemed.held`).
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.coverage_model import GroupLookup
from desktop_app.core.deemed import held
from desktop_app.core.enums import PartyKind
from desktop_app.core.models import Nationality, Party

D5 = "D:5"
MACAU = "MO"
D5_SOURCE = "15 CFR Part 740, Supp. 1"
MACAU_SOURCE = "15 CFR 740.2(a)(9)(i), 742.6(a)(6)(i)(B)"
WARNING_ONLY = "a warning for counsel; it changes no answer"


def entry_flag(entry: Nationality, group_of: GroupLookup) -> str:
    """The flag of one citizenship or residency ("" when it has none)."""
    code = entry.country.strip().upper()
    what = f"{code} {entry.basis.label.lower()}"
    if code == MACAU:
        return f"Macau: check — separately listed beside D:5 ({what}; {MACAU_SOURCE})"
    if code and D5 in {g.upper() for g in group_of(code)}:
        return f"Country Group D:5, US arms-embargoed ({what}; {D5_SOURCE})"
    return ""


def nationality_flags(person: Party, on: date | None, group_of: GroupLookup) -> tuple[str, ...]:
    """The flags of every nationality ``person`` holds on ``on`` (every one recorded: None)."""
    found = (entry_flag(n, group_of) for n in held(person, on))
    return tuple(dict.fromkeys(flag for flag in found if flag))


def flags_caveat(person: Party, on: date, group_of: GroupLookup) -> tuple[str, ...]:
    """The caveat a coverage answer carries for a person holding a flagged nationality on ``on``."""
    if person.kind is not PartyKind.INDIVIDUAL:
        return ()
    flags = nationality_flags(person, on, group_of)
    if not flags:
        return ()
    return (f"{person.name}'s nationality is flagged: {'; '.join(flags)} ({WARNING_ONLY})",)
