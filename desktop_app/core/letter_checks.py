"""Checks on an authorization letter: its dates, the places it leaves out, the letters it names.

Only real errors: a letter that takes effect before it is dated, is revoked before it exists,
supersedes or modifies itself, a letter of another matter or a later letter, or a chain of
letters that comes back to itself; a destination that is neither an ISO 3166 country nor a
Country Group. Which groups exist is the shipped reference's business, so the group check is
passed in (``is_group``); the core alone accepts any code shaped like one (``D:5``, ``B``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from desktop_app.core.authorizations import AuthorizationLetter
from desktop_app.core.models import Party
from desktop_app.core.ports import UnitOfWork
from desktop_app.core.validation import Errors, is_country
from desktop_app.errors import ValidationError

GROUP_SHAPE = re.compile(r"^[A-E](:[0-9]{1,2})?$")
LINKS = {"supersedes_letter_id": "supersede", "modifies_letter_id": "modify"}


def group_shaped(code: str) -> bool:
    """True for a code written like a Country Group (``D:5``, ``A:1``, ``B``)."""
    return bool(GROUP_SHAPE.match(code))


def parse_destinations(text: str) -> tuple[str, ...]:
    """The codes of "CN, D:5" (commas, semicolons or spaces between), upper-cased, each once."""
    codes = (part.strip().upper() for part in re.split(r"[,;\s]+", text))
    return tuple(dict.fromkeys(code for code in codes if code))


def letter_errors(letter: AuthorizationLetter, is_group: Callable[[str], bool]) -> Errors:
    """Problems a letter has on its own: dates out of order, itself named, unknown places."""
    errors: Errors = {}
    if letter.effective_until is not None and letter.effective_until < letter.effective_from:
        errors["effective_until"] = "A letter cannot stop taking effect before it starts."
    if letter.effective_from < letter.dated:
        errors["effective_from"] = "A letter cannot take effect before the date it bears."
    if letter.revoked_on is not None and letter.revoked_on < letter.dated:
        errors["revoked_on"] = "A letter cannot be revoked before the date it bears."
    for name, verb in LINKS.items():
        if letter.id and getattr(letter, name) == letter.id:
            errors[name] = f"A letter cannot {verb} itself."
    if letter.modifies_letter_id is not None and (
        letter.modifies_letter_id == letter.supersedes_letter_id
    ):
        errors["modifies_letter_id"] = (
            "A letter that supersedes another ends it; it does not also modify it."
        )
    unknown = [c for c in letter.excluded_destinations if not (is_country(c) or is_group(c))]
    if unknown:
        errors["excluded_destinations"] = (
            f"{unknown[0]!r} is neither an ISO 3166 country code (CN, RU) nor a Country Group "
            "of 15 CFR Part 740, Supplement No. 1 (D:5, E:1)."
        )
    return errors


def check_letter_links(tx: UnitOfWork, letter: AuthorizationLetter) -> None:
    """Raise ValidationError unless the addressee and the letters named are the matter's own."""
    errors: Errors = {}
    if letter.addressee_id is not None:
        parties = {p.id for p in tx.children(Party, letter.matter_id)}
        if letter.addressee_id not in parties:
            errors["addressee_id"] = "The addressee must be a party of this matter."
    letters = {x.id: x for x in tx.children(AuthorizationLetter, letter.matter_id)}
    if letter.id:
        letters[letter.id] = letter
    for name, verb in LINKS.items():
        why = _link_problem(letter, getattr(letter, name), letters, verb)
        if why:
            errors[name] = why
    if errors:
        raise ValidationError(errors)


def _link_problem(
    letter: AuthorizationLetter,
    other_id: int | None,
    letters: Mapping[int, AuthorizationLetter],
    verb: str,
) -> str:
    if other_id is None or other_id == letter.id:
        return ""  # no link, or one letter_errors names
    other = letters.get(other_id)
    if other is None:
        return f"A letter can only {verb} another letter of this matter."
    if other.dated > letter.dated:
        return (
            f"A letter can only {verb} an earlier letter; that one is dated "
            f"{other.dated.isoformat()}, after this one."
        )
    if letter.id and _leads_back(other, letter.id, letters):
        return "The letters would supersede or modify each other in a circle."
    return ""


def _leads_back(
    start: AuthorizationLetter, target: int, letters: Mapping[int, AuthorizationLetter]
) -> bool:
    """True when following what ``start`` supersedes or modifies reaches letter ``target``."""
    seen: set[int] = set()
    waiting = [start]
    while waiting:
        current = waiting.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        for next_id in (current.supersedes_letter_id, current.modifies_letter_id):
            if next_id == target:
                return True
            if next_id is not None and next_id in letters:
                waiting.append(letters[next_id])
    return False
