"""The coverage benchmark's matter (benchmarks/coverage_matter.py) still builds and answers.

Not a timing: the figures are in docs/benchmarks.md. This keeps the generator in step with the
records and the engine, at a size that runs in a moment.
"""

from __future__ import annotations

from datetime import date

from benchmarks.coverage_matter import Size, build_facts
from desktop_app.core.coverage import coverage_table, matter_coverage
from desktop_app.core.coverage_model import Answer
from desktop_app.reference.country_groups import groups_of

AS_OF = date(2026, 12, 31)
SMALL = Size(persons=40, items=3, activities=12)


def test_the_same_seed_gives_the_same_matter_and_every_answer_occurs() -> None:
    facts = build_facts(SMALL, 7)
    assert facts == build_facts(SMALL, 7)
    assert len(facts.parties) == 1 + 25 + SMALL.persons
    assert len(facts.letters) == 5
    answers = matter_coverage(facts, AS_OF, group_of=groups_of)
    assert set(answers) == {p.id for p in facts.parties}
    assert {a.answer for a in answers.values()} == set(Answer)
    rows = coverage_table(facts, AS_OF, group_of=groups_of)
    assert len(rows) == SMALL.activities + len(facts.parties) * SMALL.items
