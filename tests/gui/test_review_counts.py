"""The "needs review" counts: the engine's answers counted, and only changed matters again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.coverage import activity_coverage, matter_coverage
from desktop_app.core.coverage_facts import MatterFacts
from desktop_app.core.coverage_model import Answer
from desktop_app.core.services import MatterService
from desktop_app.gui.review import read_review, review_text
from desktop_app.reference.country_groups import groups_of
from desktop_app.samples import add_sample_matters
from desktop_app.storage import queries
from desktop_app.storage.library import Library

DAY = date(2026, 12, 31)


def _engine_count(library: Library, number: str) -> tuple[int, int]:
    record = queries.matter_record(library.db, queries.matter_by_number(library.db, number))
    facts = MatterFacts.of(record)
    answers = [
        *matter_coverage(facts, DAY, group_of=groups_of).values(),
        *(activity_coverage(a, facts, as_of=DAY, group_of=groups_of) for a in record.activities),
    ]
    return sum(1 for a in answers if a.answer is Answer.NEEDS_REVIEW), len(answers)


def test_each_matter_counts_the_engines_answers(library: Library) -> None:
    add_sample_matters(library, "test")
    counts = read_review(library, DAY)
    assert {m.number: (m.needs_review, m.answers) for m in counts.matters} == {
        m.number: _engine_count(library, m.number) for m in counts.matters
    }
    assert counts.total == sum(m.needs_review for m in counts.needing)
    assert review_text(counts).endswith(", as of 2026-12-31")


def test_after_a_change_only_that_matter_is_counted_again(
    library: Library, service: MatterService
) -> None:
    add_sample_matters(library, "test")
    first = read_review(library, DAY)
    changed = first.matters[0]
    record = queries.matter_record(library.db, queries.matter_by_id(library.db, changed.matter_id))
    service.update_party(replace(record.parties[0], notes="seen again"))
    second = read_review(library, DAY, first)
    assert second.of(changed.matter_id) is not changed  # answered again
    for kept in first.matters[1:]:
        assert second.of(kept.matter_id) is kept  # unchanged: the count is reused
    other_day = read_review(library, date(2027, 1, 4), second)
    assert all(other_day.of(m.matter_id) is not m for m in second.matters)
