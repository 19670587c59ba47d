"""The people who work in a library: the name and title each gives for their account.

The audit chain records the operating-system account a change was made under (who was signed
in cannot be typed over); a person may say once what they are called and what their title is,
and the History, the command line and a memo's signature block name them so. Each person is one
library setting, ``person:<account>``, whose value is JSON ``{"name": …, "title": …}``: it is
audited like every setting and travels with the library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from desktop_app.core.drafts import Setting
from desktop_app.core.ports import Store
from desktop_app.errors import ValidationError

PREFIX = "person:"
MAX_LENGTH = 120


@dataclass(frozen=True)
class Person:
    """What one account's person is called and their title (both may be empty)."""

    account: str
    name: str = ""
    title: str = ""


def setting_name(account: str) -> str:
    """The setting that holds the person of ``account``."""
    return PREFIX + account


def person_from(setting: Setting) -> Person | None:
    """The person a setting describes, or None when it is not a person's (or unreadable)."""
    if not setting.name.startswith(PREFIX):
        return None
    try:
        given = json.loads(setting.value)
    except ValueError:
        return None
    if not isinstance(given, dict):
        return None
    name, title = given.get("name", ""), given.get("title", "")
    account = setting.name.removeprefix(PREFIX)
    return Person(
        account, name if isinstance(name, str) else "", title if isinstance(title, str) else ""
    )


def people_from(settings: Iterable[Setting]) -> dict[str, Person]:
    """Every person the settings describe, by account."""
    found = (person_from(s) for s in settings)
    return {p.account: p for p in found if p is not None}


def names(people: Mapping[str, Person]) -> dict[str, str]:
    """Each account's name, for `desktop_app.core.history_text.who` (those with one)."""
    return {account: p.name for account, p in people.items() if p.name}


def person_errors(person: Person) -> dict[str, str]:
    """What is wrong with a person's name or title, by field."""
    errors: dict[str, str] = {}
    for field, value in (("name", person.name), ("title", person.title)):
        if len(value) > MAX_LENGTH:
            errors[field] = f"Keep the {field} to {MAX_LENGTH} characters (this is {len(value)})."
        elif any(ch in value for ch in "\n\r\t"):
            errors[field] = f"Give the {field} on one line."
    return errors


class PeopleService:
    """Record what the signed-in account's person is called."""

    def __init__(self, store: Store, actor: str) -> None:
        self._store = store
        self._actor = actor

    def set_me(self, name: str, title: str) -> Person:
        """Keep the name and title of the person signed in as this account."""
        person = Person(self._actor, name.strip(), title.strip())
        errors = person_errors(person)
        if errors:
            raise ValidationError(errors)
        value = json.dumps({"name": person.name, "title": person.title}, ensure_ascii=False)
        with self._store.transaction(self._actor) as tx:
            stored = tx.find_setting(setting_name(self._actor))
            if stored is None:
                tx.insert(Setting(setting_name(self._actor), value))
            elif stored.value != value:
                tx.update(replace(stored, value=value))
        return person
