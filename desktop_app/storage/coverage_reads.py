"""What coverage across the library reads: the matters where coverage is asked or decided.

The docket's and agenda's "needs review" counts answer for every matter with a letter, a
license or a determination (what decides coverage) or an activity (a release counsel asked
about); the facts of many matters are read at once, without the documents, notes or audit
entries a whole matter record carries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple, TypeVar

from sqlite_utils import Database

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.coverage_facts import MatterFacts
from desktop_app.core.models import Activity, Item, Matter, Party
from desktop_app.core.screening_records import Screening, ScreeningHit
from desktop_app.storage.codec import TABLES, column_list, from_values
from desktop_app.storage.queries import holiday_calendar, trashed_ids

R = TypeVar("R")

_COUNTED_SQL = """
SELECT {columns},
  (SELECT a.hash FROM audit a WHERE a.matter_id = m.id ORDER BY a.seq DESC LIMIT 1) AS head
FROM matters m
WHERE EXISTS (SELECT 1 FROM [{licenses}] x WHERE x.matter_id = m.id)
   OR EXISTS (SELECT 1 FROM [{letters}] x WHERE x.matter_id = m.id)
   OR EXISTS (SELECT 1 FROM [{determinations}] x WHERE x.matter_id = m.id)
   OR EXISTS (SELECT 1 FROM [{activities}] x WHERE x.matter_id = m.id)
ORDER BY m.number
"""


class Counted(NamedTuple):
    """A matter to count, with the hash of its last audit entry (what changes when it does)."""

    matter: Matter
    head: str


def counted_matters(db: Database) -> list[Counted]:
    """The matters not in the trash with a letter, license, determination or activity.

    Each comes with its audit head: the chain's hash covers every change before it, so an
    unchanged head means unchanged facts, even across a restore.
    """
    sql = _COUNTED_SQL.format(
        columns=column_list(Matter),
        licenses=TABLES[License],
        letters=TABLES[AuthorizationLetter],
        determinations=TABLES[Determination],
        activities=TABLES[Activity],
    )
    gone = trashed_ids(db)
    counted = (Counted(from_values(Matter, row[:-1]), row[-1] or "") for row in db.execute(sql))
    return [c for c in counted if c.matter.id not in gone]


def coverage_facts(db: Database, matter_ids: Sequence[int]) -> dict[int, MatterFacts]:
    """What coverage is decided from, for each of these matters (with the library's holidays)."""
    calendar = holiday_calendar(db)
    ids = json.dumps(list(matter_ids))
    kinds = FACT_KINDS + (SCREENED if db.table("screenings").exists() else ())
    found: dict[type, dict[int, list[Any]]] = {kind: _by_matter(db, kind, ids) for kind in kinds}
    found.setdefault(Screening, {})
    found.setdefault(ScreeningHit, {})
    return {
        matter_id: MatterFacts(
            parties=tuple(found[Party].get(matter_id, ())),
            items=tuple(found[Item].get(matter_id, ())),
            licenses=tuple(found[License].get(matter_id, ())),
            letters=tuple(found[AuthorizationLetter].get(matter_id, ())),
            annex_rows=tuple(found[AnnexRow].get(matter_id, ())),
            activities=tuple(found[Activity].get(matter_id, ())),
            determinations=tuple(found[Determination].get(matter_id, ())),
            conditions=tuple(found[Condition].get(matter_id, ())),
            condition_log=tuple(found[ConditionLog].get(matter_id, ())),
            calendar=calendar,
            screenings=tuple(found[Screening].get(matter_id, ())),
            screening_hits=tuple(found[ScreeningHit].get(matter_id, ())),
        )
        for matter_id in matter_ids
    }


FACT_KINDS: tuple[type, ...] = (
    Party,
    Item,
    License,
    AuthorizationLetter,
    AnnexRow,
    Activity,
    Determination,
    Condition,
    ConditionLog,
)
SCREENED: tuple[type, ...] = (Screening, ScreeningHit)
"""Read too when the library has them (a library made before migration 0014 has not)."""


def _by_matter(db: Database, kind: type[R], ids: str) -> dict[int, list[R]]:
    """Every record of ``kind`` on the matters in the JSON list ``ids``, by matter, in id order."""
    rows = db.execute(
        f"SELECT {column_list(kind)} FROM [{TABLES[kind]}] "  # noqa: S608  # names from the schema
        "WHERE matter_id IN (SELECT value FROM json_each(?)) ORDER BY id",
        [ids],
    )
    by_matter: defaultdict[int, list[R]] = defaultdict(list)
    for row in rows:
        record = from_values(kind, row)
        by_matter[record.matter_id].append(record)  # type: ignore[attr-defined]
    return by_matter
