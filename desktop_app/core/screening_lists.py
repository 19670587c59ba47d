"""The restricted-party lists as the app keeps them: a dated edition of entries, each with aliases.

The US Consolidated Screening List (CSL) merges the Commerce lists (Entity List, 15 CFR 744.11
and Supplement No. 4 to Part 744; Denied Persons, General Prohibition Four, 736.2(b)(4);
Unverified List, 744.15; Military End-User List, 744.21 and Supplement No. 7 to Part 744), the
State Department's (ITAR debarred, nonproliferation sanctions) and the Treasury's (SDN and the
non-SDN lists, 31 CFR chapter V).
An edition is the list as published on one day; the app screens against the edition in force
and keeps every edition it was given (docs/rules.md, "Screening").
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

ENTITY_LIST = "EL"
"""The Entity List's code: a confirmed match with it makes a coverage answer fail."""

_CODE = re.compile(r"\(([A-Z][A-Z-]{1,7})\)")


@dataclass(frozen=True)
class ListEntry:
    """One restricted party on one list of an edition, with what counsel must read about it.

    ``key`` is stable across editions: the list's code with the entry's own number, or with its
    primary name when the list gives no number.
    """

    key: str
    list_code: str
    list_name: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    countries: tuple[str, ...] = ()
    entity_number: str = ""
    federal_register: str = ""
    license_requirement: str = ""
    license_policy: str = ""
    programs: tuple[str, ...] = ()
    url: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The primary name and every alias, each once, in the list's order."""
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n.strip()))

    @property
    def digest(self) -> str:
        """SHA-256 of the entry's content: a changed digest between editions is a changed entry."""
        text = json.dumps(
            [
                self.list_code,
                self.name,
                self.aliases,
                self.kind,
                self.countries,
                self.entity_number,
                self.federal_register,
                self.license_requirement,
                self.license_policy,
                self.programs,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ListEdition:
    """One edition of the lists: its publication date, the file's SHA-256, and its entries."""

    published: date
    sha256: str
    source: str
    entries: tuple[ListEntry, ...] = field(repr=False)
    file_name: str = ""
    id: int = 0

    def counts(self) -> dict[str, int]:
        """How many entries each list holds, by list code."""
        counted: dict[str, int] = {}
        for entry in self.entries:
            counted[entry.list_code] = counted.get(entry.list_code, 0) + 1
        return dict(sorted(counted.items()))


@dataclass(frozen=True)
class Edition:
    """An edition the library holds: its file is kept byte for byte in the blob store.

    ``counts`` is the number of entries of each list, as JSON (``{"EL": 3420, …}``).
    """

    published: date
    sha256: str
    source: str
    file_name: str
    entry_count: int
    counts: str
    imported_at: str = ""
    imported_by: str = ""
    id: int = 0


@dataclass(frozen=True)
class EditionChanges:
    """What a newer edition changed: entry keys added, removed, and changed in content."""

    added: frozenset[str]
    removed: frozenset[str]
    changed: frozenset[str]

    @property
    def touched(self) -> frozenset[str]:
        """Every key whose hits could differ between the two editions."""
        return self.added | self.removed | self.changed


def list_code(list_name: str) -> str:
    """The short code a list's name carries in brackets ("Entity List (EL) - …" → "EL")."""
    found = _CODE.search(list_name)
    return found.group(1) if found else list_name.strip()[:12].upper()


def entry_key(code: str, entity_number: str, name: str) -> str:
    """A key for an entry that the next edition gives the same entry."""
    number = entity_number.strip()
    if number:
        return f"{code}:{number}"
    folded = re.sub(r"\W+", " ", name.casefold()).strip()
    return f"{code}:name:{folded}"


def changes(old: ListEdition, new: ListEdition) -> EditionChanges:
    """The entries ``new`` added, removed or changed against ``old``."""
    before = {e.key: e.digest for e in old.entries}
    after = {e.key: e.digest for e in new.entries}
    return EditionChanges(
        added=frozenset(after.keys() - before.keys()),
        removed=frozenset(before.keys() - after.keys()),
        changed=frozenset(k for k in after.keys() & before.keys() if after[k] != before[k]),
    )
