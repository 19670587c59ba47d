"""Checks on records before they are stored: hard errors per field, and warnings.

Errors block the change and name the field; warnings (an unusual ACN or license number, an ECCN
the shipped Commerce Control List does not know) are shown but never block: these formats are
custom, not law (docs/domain.md#identifiers, docs/domain.md#eccns).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from iso3166 import countries_by_alpha2

from desktop_app.core.enums import PartyKind, PartyRole, TransactionType
from desktop_app.core.models import Activity, Item, Matter, Party
from desktop_app.core.party_checks import nationality_errors
from desktop_app.errors import ValidationError

MATTER_NUMBER = re.compile(r"^EC-(?P<year>[0-9]{4})-(?P<seq>[0-9]{4,})$")
ECCN_FULL = re.compile(r"^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$")
ACN = re.compile(r"^[A-Z][0-9]{6}$")
LICENSE_NUMBER = re.compile(r"^D[0-9]{6}$")
MAX_TEXT = 2_000_000
MAX_ROW = 1_000_000
FIRST_YEAR, LAST_YEAR = 1900, 2200

Errors = dict[str, str]


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code in upper case (e.g. ``DE``)."""
    return len(code) == 2 and code.isupper() and code in countries_by_alpha2


def country_name(code: str) -> str:
    """The ISO short name of a country code, or the code itself when unknown."""
    country = countries_by_alpha2.get(code)
    return country.name if country is not None else code


def is_eccn(value: str) -> bool:
    """True for ``EAR99`` or an ECCN such as ``4E091`` or ``3A090.a`` (docs/domain.md#eccns)."""
    return value == "EAR99" or bool(ECCN_FULL.match(value))


def text_errors(record: object) -> Errors:
    """Name every field that cannot be stored or computed with.

    Text SQLite cannot store exactly or that is absurdly long, and dates outside the years the
    app computes with (FIRST_YEAR to LAST_YEAR).
    """
    errors: Errors = {}
    for name, value in _text_values(record):
        why = _text_problem(value)
        if why:
            errors[name] = why
    assert is_dataclass(record)
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            errors[f.name] = f"A date between {FIRST_YEAR} and {LAST_YEAR}, please."
    return errors


def _text_values(record: object) -> Iterable[tuple[str, str]]:
    assert is_dataclass(record)
    for f in fields(record):
        value: Any = getattr(record, f.name)
        if isinstance(value, str):
            yield f.name, value
        elif isinstance(value, tuple):
            yield from ((f.name, v) for v in value if isinstance(v, str))


def _text_problem(value: str) -> str:
    if len(value) > MAX_TEXT:
        return f"is longer than {MAX_TEXT:,} characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate character, which cannot be stored"
    return ""


def matter_errors(matter: Matter) -> Errors:
    """Hard problems with a matter: an empty title, a bad number, dates out of order."""
    errors = text_errors(matter)
    if not matter.title.strip():
        errors["title"] = "A matter needs a title."
    if matter.number and not MATTER_NUMBER.match(matter.number):
        errors["number"] = "A matter number looks like EC-2026-0001."
    if matter.opened and matter.closed and matter.closed < matter.opened:
        errors["closed"] = "The matter cannot close before it opened."
    if any(not tag.strip() for tag in matter.tags):
        errors["tags"] = "A tag cannot be empty."
    return errors


def matter_warnings(matter: Matter) -> Errors:
    """Unusual but allowed values, by field: ACN and license numbers in an unexpected format."""
    warnings: Errors = {}
    if matter.acn and not ACN.match(matter.acn):
        warnings["acn"] = (
            f"Application control number {matter.acn!r} is not a letter and six digits "
            "(15 CFR 748.6(b)); kept as typed."
        )
    if matter.license_number and not LICENSE_NUMBER.match(matter.license_number):
        warnings["license_number"] = (
            f"License number {matter.license_number!r} is not 'D' and six digits as BIS "
            "licenses usually are; kept as typed."
        )
    return warnings


def party_errors(party: Party, today: date | None = None) -> Errors:
    """Hard problems with a party: no name, unknown country codes, a person's details on a body.

    Nationalities and status are checked as held ``today`` (`party_checks.nationality_errors`).
    """
    errors = {**nationality_errors(party, today), **text_errors(party)}
    if not party.name.strip():
        errors["name"] = "A party needs a name."
    if party.country and not is_country(party.country):
        errors["country"] = _bad_country(party.country)
    bad = [n.country for n in party.nationalities if not is_country(n.country)]
    if bad:
        errors["nationalities"] = _bad_country(bad[0])
    if party.annex_row is not None and not 1 <= party.annex_row <= MAX_ROW:
        errors["annex_row"] = f"An Annex A row is a number from 1 to {MAX_ROW:,}."
    if party.role is PartyRole.FOREIGN_NATIONAL and party.kind is not PartyKind.INDIVIDUAL:
        errors["kind"] = "A foreign national is an individual."
    if party.employer_id is not None and party.employer_id == party.id != 0:
        errors["employer_id"] = "A party cannot be its own employer."
    since, until = party.employed_since, party.employed_until
    if since is not None and until is not None and until < since:
        errors["employed_until"] = "Employment cannot end before it began."
    return errors


def item_errors(item: Item) -> Errors:
    """Hard problems with an item: no name, an ECCN that is not one, impossible numbers."""
    errors = text_errors(item)
    if not item.name.strip():
        errors["name"] = "An item needs a name."
    if item.eccn and not is_eccn(item.eccn):
        errors["eccn"] = (
            f"{item.eccn!r} is not an ECCN: five characters like 4E091 (digit, letter A–E, "
            "three digits), optionally with paragraphs like 3A090.a, or EAR99."
        )
    if item.hosting_country and not is_country(item.hosting_country):
        errors["hosting_country"] = _bad_country(item.hosting_country)
    if item.training_ops is not None and not 0 <= item.training_ops < math.inf:
        errors["training_ops"] = "Training compute is a finite number of operations, zero or more."
    return errors


def item_warnings(item: Item, heading: Callable[[str], str | None]) -> Errors:
    """Unusual but allowed: an ECCN the Commerce Control List edition in use does not list."""
    if not item.eccn or item.eccn == "EAR99" or not is_eccn(item.eccn):
        return {}
    if heading(item.eccn) is None:
        return {
            "eccn": f"ECCN {item.eccn} is not in the Commerce Control List edition in use; "
            "kept as typed."
        }
    return {}


def activity_errors(activity: Activity, party: Party | None) -> Errors:
    """Hard problems with an activity, given the party it goes to (if any)."""
    errors = text_errors(activity)
    for name in ("from_country", "to_country"):
        code = getattr(activity, name)
        if code and not is_country(code):
            errors[name] = _bad_country(code)
    if activity.type.is_deemed and (party is None or party.kind is not PartyKind.INDIVIDUAL):
        errors["party_id"] = "A deemed export or reexport is a release to a person: pick one."
    if activity.type is TransactionType.TRANSFER_IN_COUNTRY and activity.from_country != (
        activity.to_country or activity.from_country
    ):
        errors["to_country"] = "An in-country transfer stays within one country."
    return errors


def check(errors: Errors) -> None:
    """Raise a ValidationError carrying ``errors`` when there are any."""
    if errors:
        raise ValidationError(errors)


def parse_date(text: str, field_name: str) -> date | None:
    """Read an ISO date (``2026-06-26``); empty means none."""
    if not text.strip():
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError({field_name: f"{text!r} is not a date like 2026-06-26."}) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError({field_name: f"A date between {FIRST_YEAR} and {LAST_YEAR}, please."})
    return day


def _bad_country(code: str) -> str:
    return f"{code!r} is not an ISO 3166 country code such as US, DE or JP."
