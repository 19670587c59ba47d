"""The list editions a library screens against, for both faces (no Qt here).

A library holds the editions it was given (`core.screening_service`); one that holds none yet
is given the edition shipped with the app (resources/reference/screening-list.json) the first
time a list is needed and it can be written. The edition in force is read back from its
byte-exact file in the blob store and indexed for screening (`core.screening_match`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop_app.assets import read_bytes
from desktop_app.core.screening_lists import Edition, ListEdition, ListEntry, changes
from desktop_app.core.screening_match import Screener
from desktop_app.core.screening_service import (
    Added,
    Carried,
    ListService,
    NewEdition,
    PartyScreened,
    ScreeningService,
    in_force,
)
from desktop_app.errors import LibraryError
from desktop_app.reference.screening_files import parse_edition
from desktop_app.storage.library import Library

SHIPPED = "reference/screening-list.json"


@dataclass(frozen=True)
class InForce:
    """The edition in force, read back whole, and its index."""

    edition: Edition
    parsed: ListEdition
    screener: Screener

    def by_key(self) -> dict[str, ListEntry]:
        """The edition's entries by key."""
        return {e.key: e for e in self.parsed.entries}


def shipped_edition() -> tuple[bytes, ListEdition]:
    """The bytes and the edition of the list shipped with the app."""
    data = read_bytes(SHIPPED)
    return data, parse_edition(data, Path(Path(SHIPPED).name))


def ensure_edition(library: Library, actor: str) -> Added | None:
    """Give a writable library that holds no edition the shipped one; None if it holds one."""
    if library.reads.editions() or library.read_only:
        return None
    data, parsed = shipped_edition()
    return ListService(library, library.blobs, actor).add_edition(data, parsed)


def read_held(library: Library, edition: Edition) -> ListEdition:
    """An edition the library holds, read back from its file in the blob store."""
    data = library.blobs.read(edition.sha256)
    return parse_edition(data, Path(edition.file_name), edition.published)


def edition_in_force(library: Library) -> InForce:
    """The edition in force, read and indexed (a read-only library with none: the shipped one)."""
    held = in_force(library.reads.editions())
    if held is None:
        if not library.read_only:
            raise LibraryError("The library holds no list edition yet.")
        _data, parsed = shipped_edition()
        counts = json.dumps(parsed.counts(), separators=(",", ":"))
        held = Edition(
            parsed.published,
            parsed.sha256,
            parsed.source,
            parsed.file_name,
            len(parsed.entries),
            counts,
        )
        return InForce(held, parsed, Screener(parsed.entries))
    parsed = read_held(library, held)
    return InForce(held, parsed, Screener(parsed.entries))


@dataclass(frozen=True)
class Screened:
    """A matter's parties screened against the edition in force."""

    held: InForce
    parties: list[PartyScreened]

    def entry(self, key: str) -> ListEntry | None:
        """The entry of the edition in force with this key."""
        return self.held.by_key().get(key)


def screen_case(library: Library, number: str, actor: str) -> Screened:
    """Screen every party of matter ``number`` against the edition in force, on the record."""
    ensure_edition(library, actor)
    matter = library.reads.matter(number)
    held = edition_in_force(library)
    service = ScreeningService(library, actor)
    return Screened(held, service.screen_matter(matter.id, held.edition, held.screener))


def carry_to(library: Library, before: Edition, after: Edition, actor: str) -> Carried:
    """Carry every matter's screenings on ``before`` to the newer edition ``after``."""
    old, new = read_held(library, before), read_held(library, after)
    changed = changes(old, new)
    touched = [e for e in new.entries if e.key in changed.added | changed.changed]
    move = NewEdition(before, after, changed, Screener(new.entries), Screener(touched))
    service = ScreeningService(library, actor)
    total = Carried(0, 0, 0)
    gone = library.reads.trashed_ids()
    for summary in library.reads.docket():
        if summary.matter.id in gone:
            continue
        done = service.carry_forward(summary.matter.id, move)
        total = Carried(
            total.rescreened + done.rescreened,
            total.carried + done.carried,
            total.reopened + done.reopened,
        )
    return total
