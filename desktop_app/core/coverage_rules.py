"""The regulation's own answers: releases that need no authorization, and requirements not lifted.

- A deemed release to a US citizen, lawful permanent resident or protected individual (8 U.S.C.
  1324b(a)(3), its exclusions answered by counsel) is no deemed export (15 CFR 734.13(a)(2),
  734.14(a)(2): a release to a *foreign* person; 772.1). Who the person is, and the deemed
  destination, are read for the date asked (`deemed.deemed_destination`): a lapsed residency
  no longer counts. An unrecorded status, or unanswered exclusions, is an unknown.
- A shipment to a destination in the United States is no export (734.13(a)(1)).
- A release abroad to a national of the country where it happens, by an employer there, is no
  deemed reexport (734.14(a)(2), 734.20).
- A release of object code is no deemed export or reexport (734.13(a)(2), 734.14(a)(2) reach
  technology and source code only).
- Part 746 embargoes are independent license requirements that a letter lifting the 4E091
  requirement does not lift: Cuba (746.2(a), every item subject to the EAR, including any
  release to a Cuban national), North Korea (746.4(a), every item subject to the EAR), and for
  items on the Commerce Control List Iran (746.7(a)), Syria (746.9(a)), Russia and Belarus
  (746.8(a)(1), which excludes deemed exports and reexports). Checked for the destination, the
  deemed destination, and every other nationality held on the date: a Cuban nationality always
  fails (746.2(a) names Cuban nationals); another embargoed nationality that is not the deemed
  destination (734.13(b)) is counsel's to weigh. With no destination or nationality recorded
  the embargo check is unknown, never passed.
- A destination in Ukraine asks whether it lies in Crimea or the Donetsk or Luhansk regions,
  which need a license for every item subject to the EAR (746.6); the record has no finer place.
- Hosted access or a not-subject item still meets OFAC's comprehensive sanctions: providing a
  service to Iran (31 CFR 560.204), Cuba (31 CFR 515.201) or North Korea (31 CFR 510.206).
- Part 744 end-use and end-user rules, General Prohibitions 4–10 (736.2(b)(4)–(10)) and
  restricted-party screening are not decided here: they are caveats on every covered answer.
"""

from __future__ import annotations

import re

from desktop_app.core.coverage_model import Factor
from desktop_app.core.coverage_subject import FAIL, PASS, UNKNOWN, Subject
from desktop_app.core.deemed import PROTECTED
from desktop_app.core.enums import ItemKind, TransactionType, UsStatus

ALL_ITEMS = "all"
CCL_ITEMS = "ccl"
EMBARGOES: dict[str, tuple[str, str, str]] = {
    "CU": ("Cuba", "15 CFR 746.2(a)", ALL_ITEMS),
    "KP": ("North Korea", "15 CFR 746.4(a)", ALL_ITEMS),
    "IR": ("Iran", "15 CFR 746.7(a)", CCL_ITEMS),
    "SY": ("Syria", "15 CFR 746.9(a)", CCL_ITEMS),
    "RU": ("Russia", "15 CFR 746.8(a)(1)", CCL_ITEMS),
    "BY": ("Belarus", "15 CFR 746.8(a)(1)", CCL_ITEMS),
}
ECCN = re.compile(r"^[0-9][A-E][0-9]{3}")
PART_744_CAVEAT = (
    "Part 744 end-use and end-user rules and General Prohibitions 4–10 (15 CFR 736.2(b)(4)–(10))"
    " are not decided by the app: counsel confirm none applies"
)
UNKNOWN_STATUS = (UsStatus.NOT_APPLICABLE,)
NOT_DEEMED = ("RU", "BY")  # 746.8(a)(1): "excluding deemed exports and deemed reexports"
OFAC = {
    "CU": ("Cuba", "31 CFR 515.201"),
    "IR": ("Iran", "31 CFR 560.204"),
    "KP": ("North Korea", "31 CFR 510.206"),
}


def no_authorization_needed(subject: Subject) -> tuple[str, Factor] | None:
    """A basis and its factor when the regulation itself puts the release outside a license."""
    kind, person = subject.kind, subject.party
    if kind.is_deemed and subject.is_individual and subject.deemed.foreign_person is False:
        why = subject.deemed.reason
        source = "15 CFR 734.13(a)(2), 734.14(a)(2); BIS deemed-export FAQ"
        if person.us_status is UsStatus.PROTECTED_INDIVIDUAL:
            source += f"; {PROTECTED}"
        factor = Factor("foreign person", PASS, why, source)
        return f"no deemed export: {why}", factor
    destination = subject.question.destination.upper()
    if kind is TransactionType.EXPORT and destination == "US":
        factor = Factor(
            "destination", PASS, "the destination is in the United States", "15 CFR 734.13(a)(1)"
        )
        return "no export: nothing leaves the United States", factor
    if kind is TransactionType.DEEMED_REEXPORT:
        return _own_country(subject)
    return None


def object_code(subject: Subject) -> tuple[str, Factor] | None:
    """A basis and its factor when a deemed release is of object code (734.13(a)(2)).

    Asked only when no recorded letter, determination or license covers the release, so that
    counsel's own determination is the basis wherever one exists.
    """
    item, kind = subject.item, subject.kind
    if not kind.is_deemed or item is None or item.kind is not ItemKind.SOFTWARE_OBJECT:
        return None
    act = "export" if kind is TransactionType.DEEMED_EXPORT else "reexport"
    detail = f"{item.name} is object code: only technology and source code are released"
    factor = Factor(f"deemed {act}", PASS, detail, "15 CFR 734.13(a)(2), 734.14(a)(2)")
    return f"object code, not a deemed {act}: {detail}", factor


def _own_country(subject: Subject) -> tuple[str, Factor] | None:
    """A release abroad to a national of that country by an employer there (734.20)."""
    where = subject.question.destination.upper()
    employer = subject.employer
    deemed = subject.deemed.country
    if not where or where == "US" or deemed is None or deemed.upper() != where:
        return None
    if employer is None or employer.country.upper() != where:
        return None
    detail = f"a release in {where} to a national of {where} by {employer.name}, located there"
    factor = Factor("deemed reexport", PASS, detail, "15 CFR 734.14(a)(2), 734.20")
    return f"no deemed reexport: {detail}", factor


def unknown_person_status(subject: Subject) -> Factor | None:
    """An unknown factor when whether the person is a foreign person is not recorded.

    The US status is not recorded, a protected individual's exclusions under 8 U.S.C.
    1324b(a)(3) are not answered, or a US citizenship held on the date sits beside another
    status (`deemed.deemed_destination` names the fact).
    """
    if not (subject.kind.is_deemed and subject.is_individual):
        return None
    deemed = subject.deemed
    if deemed.foreign_person is None:
        source = "15 CFR 734.13(a)(2), 734.14(a)(2)"
        if subject.party.us_status is UsStatus.PROTECTED_INDIVIDUAL:
            source += f"; {PROTECTED}"
        return Factor("foreign person", UNKNOWN, deemed.reason, source, deemed.missing)
    if subject.party.us_status not in UNKNOWN_STATUS:
        return None
    name = subject.party.name
    return Factor(
        "foreign person",
        UNKNOWN,
        f"{name}'s US immigration status is not recorded",
        "15 CFR 734.13(a)(2), 734.14(a)(2)",
        f"{name}'s US status (citizen, permanent resident, protected individual, visa holder)",
    )


def embargo_factors(subject: Subject) -> list[Factor]:
    """Part 746 for the destination and every nationality; one pass factor when none applies."""
    unknown = _embargo_unknowns(subject)
    countries = _embargo_countries(subject)
    found = [f for country in countries if (f := _embargo(subject, country)) is not None]
    if found or unknown:
        return [*found, *unknown]
    listed = ", ".join(countries) or "the United States"
    return [Factor("Part 746 embargoes", PASS, f"none applies ({listed})", "15 CFR Part 746")]


def _embargo_unknowns(subject: Subject) -> list[Factor]:
    """Unknown factors for the places the embargo check needs and the record lacks."""
    found = []
    if not subject.kind.is_deemed and not subject.question.destination.strip():
        found.append(
            Factor(
                "Part 746 embargoes",
                UNKNOWN,
                "no destination recorded",
                "15 CFR Part 746",
                "the activity's destination country",
            )
        )
    if subject.kind is TransactionType.DEEMED_REEXPORT and not subject.question.destination.strip():
        found.append(
            Factor(
                "Part 746 embargoes",
                UNKNOWN,
                "no place of release recorded",
                "15 CFR Part 746; 734.14(a)(2)",
                "the release's place (the country where it takes place)",
            )
        )
    if subject.is_individual and not subject.nationalities:
        found.append(_no_nationality(subject))
    return found


def _no_nationality(subject: Subject) -> Factor:
    """Unknown: no nationality held on the date, or a stateless person with no residency."""
    name, deemed = subject.party.name, subject.deemed
    if deemed.missing and deemed.foreign_person:
        source = "15 CFR Part 746; 734.13(b)"
        return Factor("Part 746 embargoes", UNKNOWN, deemed.reason, source, deemed.missing)
    held = f"held on {subject.on}" if subject.party.nationalities else "recorded"
    return Factor(
        "Part 746 embargoes",
        UNKNOWN,
        f"no nationality of {name} {held}",
        "15 CFR Part 746",
        f"{name}'s citizenships and permanent residencies",
    )


def _embargo_countries(subject: Subject) -> list[str]:
    countries = []
    destination = subject.question.destination.upper()
    if destination and destination != "US":
        countries.append(destination)
    if subject.is_individual:
        countries.extend(subject.nationalities)
    return list(dict.fromkeys(countries))


def _embargo(subject: Subject, country: str) -> Factor | None:
    if country == "UA" and country == subject.question.destination.upper():
        return Factor(
            "Part 746 embargoes",
            UNKNOWN,
            "destined to Ukraine: the covered regions (Crimea, Donetsk, Luhansk) need a license",
            "15 CFR 746.6",
            "whether the destination in Ukraine is in Crimea or the Donetsk or Luhansk regions",
        )
    entry = EMBARGOES.get(country)
    if entry is None:
        return None
    name, section, reach = entry
    national = country in subject.nationalities and country != subject.question.destination.upper()
    if subject.kind.is_deemed and country in NOT_DEEMED:
        detail = f"{section} excludes deemed exports and reexports ({country})"
        return Factor("Part 746 embargoes", PASS, detail, section)
    whose = "a national of" if national else "destined to"
    eccn = subject.item.eccn.strip().upper() if subject.item is not None else ""
    if reach == CCL_ITEMS and not ECCN.match(eccn):
        detail = f"{whose} {name}: a license is required for items on the CCL ({eccn or 'no ECCN'})"
        missing = f"whether {section} requires a license for {subject.item_label}"
        return Factor("Part 746 embargoes", UNKNOWN, detail, section, missing)
    deemed = subject.deemed.country
    if national and country != "CU" and (deemed or "").upper() != country:
        detail = f"{whose} {name}, which is not the deemed destination ({deemed or 'unknown'})"
        missing = f"counsel's view whether {section} reaches a release to a dual national of {name}"
        return Factor(
            "Part 746 embargoes", UNKNOWN, detail, f"{section}; 15 CFR 734.13(b)", missing
        )
    detail = f"{whose} {name}: {section} requires a license that this authorization does not lift"
    return Factor("Part 746 embargoes", FAIL, detail, section)


def sanctions_factors(subject: Subject) -> list[Factor]:
    """OFAC's bar on services to a comprehensively sanctioned destination (hosted access).

    Read for the place the service is received; a national of such a country elsewhere is
    counsel's to weigh under the program's own definitions (e.g. 31 CFR 515.302).
    """
    country = subject.question.destination.strip().upper()
    if country not in OFAC:
        return []
    name, section = OFAC[country]
    detail = f"a service to a person in {name} is prohibited without OFAC's authorization"
    return [Factor("OFAC sanctions", FAIL, detail, section)]
