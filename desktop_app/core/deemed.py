"""Where a release to a person is deemed to go (15 CFR 734.13(b), 734.14(b)), on the day asked.

A release of technology or source code to a foreign person is deemed an export (or reexport) to
the person's most recent country of citizenship or permanent residency. Only what the person
holds *on the day asked* counts (`held_on`): an entry is held on the days ``since <= day <
until`` — one acquired after the day is not yet held, one that lapsed or was renounced is no
longer held from its ``until`` day on, an unknown start counts until a known end. With several
entries held and a start missing, or two acquired the same day, the answer is undetermined.

No foreign person (15 CFR 772.1 "foreign person"; BIS deemed-export FAQ), so no deemed export:
a US citizen, a lawful permanent resident, and a protected individual of 8 U.S.C. 1324b(a)(3) —
a refugee (1157), an asylee (1158) or a temporary resident (1160(a), 1255a(a)(1)) whom neither
exclusion there reaches. Whether one does is counsel's answer (`protected_exclusions_clear`);
unanswered, the answer is undetermined; an exclusion that applies makes a foreign person. A US
citizenship or residency held on the day beside any other status is undetermined: the United
States is never a deemed destination, and the status must be put right.

A stateless person holds no citizenship: the deemed destination is the most recent permanent
residency held; with none, 734.13(b) names no country and the answer is undetermined. The app
records the answer with its reason; counsel decide.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desktop_app.core.enums import NationalityBasis, ProtectedBasis, UsStatus
from desktop_app.core.models import Nationality, Party

NOT_FOREIGN_STATUSES = (UsStatus.US_CITIZEN, UsStatus.LPR)
PROTECTED = "8 U.S.C. 1324b(a)(3)"
PROTECTED_WORDS = (
    "8 U.S.C. 1324b(a)(3): a protected individual is a citizen or national of the United States,"
    " or an alien lawfully admitted for permanent residence, granted temporary residence under"
    " section 1160(a) or 1255a(a)(1), admitted as a refugee under section 1157, or granted"
    " asylum under section 1158; “but does not include (i) an alien who fails to apply for"
    " naturalization within six months of the date the alien first becomes eligible (by virtue"
    " of period of lawful permanent residence) to apply for naturalization or, if later, within"
    " six months after November 6, 1986, and (ii) an alien who has applied on a timely basis,"
    " but has not been naturalized as a citizen within 2 years after the date of the"
    " application, unless the alien can establish that the alien is actively pursuing"
    " naturalization”."
)
STATELESS_NONE = "undetermined: stateless, no permanent residency recorded"
STATELESS_HELD = "undetermined: stateless, no permanent residency held"


@dataclass(frozen=True)
class DeemedDestination:
    """The deemed destination of a release to one person on a day, or why there is none.

    ``foreign_person`` is False for a person who is no foreign person and None when that is
    undetermined. ``missing`` names the fact that would decide an answer the rules leave open
    (counsel's answer on the exclusions of 1324b(a)(3), a stateless person's residency).
    """

    country: str | None
    reason: str
    foreign_person: bool | None = True
    missing: str = ""


def held_on(entry: Nationality, on: date) -> bool:
    """True when ``entry`` is held on ``on``: from ``since`` (included) to ``until`` (excluded)."""
    started = entry.since is None or entry.since <= on
    return started and (entry.until is None or on < entry.until)


def held(person: Party, on: date | None) -> tuple[Nationality, ...]:
    """The entries held on ``on``, in the order recorded; every entry when no day is given."""
    if on is None:
        return person.nationalities
    return tuple(n for n in person.nationalities if held_on(n, on))


def deemed_destination(person: Party, on: date | None = None) -> DeemedDestination:
    """The deemed destination of a release to ``person`` on ``on`` (see the module docstring).

    Callers pass the day the question asks about; without one every entry recorded counts.
    """
    status = _by_status(person)
    if status is not None:
        return status
    entries = held(person, on)
    us = [n for n in entries if n.country.upper() == "US"]
    if us:
        held_us = f"US {us[0].basis.label.lower()} held{_on(on)}"
        reason = f"undetermined: {held_us}, but the US status is {person.us_status.label.lower()}"
        missing = f"{person.name}'s US status{_on(on)} (a {held_us} is recorded)"
        return DeemedDestination(None, reason, None, missing)
    found = _stateless(person, entries, on) or _most_recent(person, entries, on)
    if person.us_status is UsStatus.PROTECTED_INDIVIDUAL:
        return replace(found, reason=f"an exclusion of {PROTECTED} applies; {found.reason}")
    return found


def _stateless(
    person: Party, entries: tuple[Nationality, ...], on: date | None
) -> DeemedDestination | None:
    """A stateless person's most recent permanent residency; undetermined with none held."""
    if not person.stateless or any(n.basis is NationalityBasis.CITIZENSHIP for n in entries):
        return None
    if entries:
        found = _most_recent(person, entries, on)
        return replace(found, reason=f"stateless; {found.reason}")
    missing = (
        f"{person.name}'s permanent residency (stateless: no citizenships), or counsel's view"
        " where the release is deemed to go"
    )
    reason = STATELESS_NONE if not person.nationalities else f"{STATELESS_HELD}{_on(on)}"
    return DeemedDestination(None, reason, True, missing)


def _by_status(person: Party) -> DeemedDestination | None:
    """The answer the US status gives by itself, or None when the nationalities decide."""
    status = person.us_status
    if status in NOT_FOREIGN_STATUSES:
        return DeemedDestination(None, f"not a foreign person ({status.label})", False)
    if status is not UsStatus.PROTECTED_INDIVIDUAL:
        return None
    basis = person.protected_basis
    named = basis.label if basis is not ProtectedBasis.NONE else "basis not recorded"
    what = f"{status.label}: {named}"
    if person.protected_exclusions_clear is True:
        return DeemedDestination(
            None, f"not a foreign person ({what}; no exclusion of {PROTECTED} applies)", False
        )
    if person.protected_exclusions_clear is None:
        reason = (
            f"undetermined: {what}; whether an exclusion of {PROTECTED} applies is not answered"
        )
        missing = (
            f"whether an exclusion of {PROTECTED} applies to {person.name} (naturalization not"
            " applied for within six months of eligibility, or not obtained within two years)"
        )
        return DeemedDestination(None, reason, None, missing)
    return None


def _most_recent(
    person: Party, entries: tuple[Nationality, ...], on: date | None
) -> DeemedDestination:
    """The most recent citizenship or permanent residency among ``entries`` (734.13(b))."""
    if not entries:
        if person.nationalities and on is not None:
            return DeemedDestination(None, f"no citizenship or permanent residency held{_on(on)}")
        return DeemedDestination(None, "no citizenship or permanent residency recorded")
    if len(entries) == 1:
        only = entries[0]
        scope = "recorded" if len(person.nationalities) == 1 else f"held{_on(on)}"
        return DeemedDestination(only.country, f"only {only.basis.label.lower()} {scope}")
    dated = [n for n in entries if n.since is not None]
    if len(dated) < len(entries):
        countries = ", ".join(n.country for n in entries)
        return DeemedDestination(None, f"undetermined: dates missing among {countries}")
    latest = max(dated, key=lambda n: n.since or date.min)
    ties = [n for n in dated if n.since == latest.since and n.country != latest.country]
    if ties:
        return DeemedDestination(None, f"undetermined: {latest.since} acquired twice")
    return DeemedDestination(
        latest.country, f"most recent {latest.basis.label.lower()} (since {latest.since})"
    )


def _on(on: date | None) -> str:
    return "" if on is None else f" on {on}"
