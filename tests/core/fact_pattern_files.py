"""The fact patterns of tests/data/coverage: the matter files, their manifest, and asking them.

Each matter file states one fact pattern in the matter-file format (docs/matter-file.md); the
manifest ``expected.json`` says, for each question asked of a file, the answer a careful
export-control lawyer gives, the factor dimension that decides it, a phrase the summary must
contain and the rule it rests on. Refs in the manifest are the files' own ``ref`` strings: an
activity is found by its position in the file, which is its position in the stored matter too
(records are stored, and read back, in the file's order).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.assets import read_json
from desktop_app.core.authorizations import DeterminationKind
from desktop_app.core.coverage import CoverageRow, MatterFacts, activity_coverage, coverage_table
from desktop_app.core.coverage_model import Answer, Coverage, Outcome
from desktop_app.core.matter_file import read_matter_file
from desktop_app.core.models import Activity, MatterRecord, Party
from desktop_app.reference.country_groups import groups_of

DATA = Path(__file__).parents[1] / "data" / "coverage"
MANIFEST = DATA / "expected.json"
SCHEMA = "schema/matter-file.schema.json"
DECIDING = {
    Answer.COVERED: Outcome.PASS,
    Answer.NOT_COVERED: Outcome.FAIL,
    Answer.NEEDS_REVIEW: Outcome.UNKNOWN,
}


@dataclass(frozen=True)
class Expectation:
    """One question of the manifest and the answer the regulation and the letter give."""

    file: str
    ask: dict[str, str]
    as_of: date
    answer: Answer
    dimension: str
    contains: str
    rule: str
    topic: str
    reason: str
    xfail_reason: str = ""
    caveat_contains: str = ""

    @property
    def name(self) -> str:
        """``01-annex-a-entity-export:to-thornbury`` (a party ask adds the item)."""
        asked = self.ask.get("activity") or f"{self.ask['party']}×{self.ask['item']}"
        return f"{self.file.removesuffix('.json')}:{asked}"

    @property
    def day(self) -> date:
        """The day the coverage table is asked for: the ask's own, else the manifest's."""
        return date.fromisoformat(self.ask["as_of"]) if "as_of" in self.ask else self.as_of


def expectations() -> list[Expectation]:
    """Every question of the manifest, in its order."""
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [_expectation(entry) for entry in entries]


def _expectation(entry: dict[str, Any]) -> Expectation:
    return Expectation(
        file=entry["file"],
        ask=dict(entry["ask"]),
        as_of=date.fromisoformat(entry["as_of"]),
        answer=Answer(entry["answer"]),
        dimension=entry["dimension"],
        contains=entry["contains"],
        rule=entry["rule"],
        topic=entry["topic"],
        reason=entry["reason"],
        xfail_reason=entry.get("xfail_reason", ""),
        caveat_contains=entry.get("caveat_contains", ""),
    )


def pattern_files() -> list[Path]:
    """Every matter file of the fact patterns, in name order."""
    return sorted(p for p in DATA.glob("*.json") if p != MANIFEST)


@cache
def document(file: str) -> dict[str, Any]:
    """The JSON document of one matter file."""
    found: dict[str, Any] = json.loads((DATA / file).read_text(encoding="utf-8"))
    return found


def draft(file: str) -> MatterRecord:
    """The draft a matter file states, read and checked as ``load`` reads it (ids: positions)."""
    return read_matter_file((DATA / file).read_bytes(), read_json(SCHEMA))


def position(file: str, key: str, ref: str) -> int:
    """The 0-based place of the record with ``ref`` in the file's list ``key``."""
    refs = [record.get("ref") for record in document(file)[key]]
    return refs.index(ref)


def row_for(expectation: Expectation, record: MatterRecord) -> CoverageRow:
    """The coverage-table row that answers the expectation's question on a matter record."""
    facts = MatterFacts.of(record)
    rows = coverage_table(facts, expectation.day, group_of=groups_of)
    ask, file = expectation.ask, expectation.file
    if "activity" in ask:
        wanted = record.activities[position(file, "activities", ask["activity"])].id
        return next(r for r in rows if r.activity_id == wanted)
    party = record.parties[position(file, "parties", ask["party"])].id
    item = record.items[position(file, "items", ask["item"])].id
    return next(
        r for r in rows if r.activity_id is None and r.party_id == party and r.item_id == item
    )


def problems(expectation: Expectation, coverage: Coverage) -> list[str]:
    """How an answer differs from the expectation; empty when it matches it in every respect."""
    found = []
    if coverage.answer is not expectation.answer:
        found.append(f"answer {coverage.answer.value}, expected {expectation.answer.value}")
    outcome = DECIDING[expectation.answer]
    if not any(
        f.dimension == expectation.dimension and f.outcome is outcome for f in coverage.factors
    ):
        found.append(f"no {expectation.dimension!r} factor that is {outcome.value}")
    if expectation.contains not in coverage.summary:
        found.append(f"the summary does not say {expectation.contains!r}")
    if expectation.caveat_contains and not any(
        expectation.caveat_contains in caveat for caveat in coverage.caveats
    ):
        found.append(f"no caveat says {expectation.caveat_contains!r}")
    return found


def explain(expectation: Expectation, coverage: Coverage) -> str:
    """The answer in full, for a failing test's message."""
    lines = [f"{expectation.name}: {coverage.summary}", f"  rule: {expectation.rule}"]
    lines += [f"  {f.dimension}: {f.outcome.value}: {f.detail}" for f in coverage.factors]
    return "\n".join(lines)


@dataclass(frozen=True)
class Case:
    """A covered fact pattern: its facts, the activity asked about, and the covered answer."""

    name: str
    facts: MatterFacts
    activity: Activity
    as_of: date
    answer: Coverage

    @property
    def person(self) -> Party:
        """The recipient of the activity."""
        assert self.activity.party_id is not None
        return self.facts.party(self.activity.party_id)

    def ask(self, facts: MatterFacts) -> Coverage:
        """The same activity asked of changed facts."""
        activity = next(a for a in facts.activities if a.id == self.activity.id)
        return activity_coverage(activity, facts, as_of=self.as_of, group_of=groups_of)

    def has(self, dimension: str, words: str = "") -> bool:
        """True when the covered answer has a factor of ``dimension`` whose detail has ``words``."""
        return any(f.dimension == dimension and words in f.detail for f in self.answer.factors)

    @property
    def determination_kind(self) -> DeterminationKind | None:
        """The kind of the determination the answer rests on, if it rests on one."""
        if self.answer.kind != "determination":
            return None
        wanted = self.answer.authorization_id
        return next(d.kind for d in self.facts.determinations if d.id == wanted)


@cache
def covered_cases() -> tuple[Case, ...]:
    """Every covered, activity-based fact pattern of the manifest, read from its file."""
    return tuple(
        _case(e)
        for e in expectations()
        if e.answer is Answer.COVERED and not e.xfail_reason and "activity" in e.ask
    )


def _case(e: Expectation) -> Case:
    record = draft(e.file)
    facts = MatterFacts.of(record)
    activity = record.activities[position(e.file, "activities", e.ask["activity"])]
    answer = activity_coverage(activity, facts, as_of=e.day, group_of=groups_of)
    assert answer.covered, e.name
    return Case(e.name, facts, activity, e.day, answer)
