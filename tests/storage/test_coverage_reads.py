"""Reading what coverage across the library needs: which matters, and their facts at once."""

from __future__ import annotations

from desktop_app.core.coverage_facts import MatterFacts
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.samples import add_sample_matters
from desktop_app.storage import coverage_reads, queries
from desktop_app.storage.library import Library


def test_matters_with_nothing_asked_or_decided_are_not_counted(
    library: Library, service: MatterService
) -> None:
    added = add_sample_matters(library, "test")
    bare = service.create_matter(Matter(title="Nothing yet", kind=MatterKind.INTERNAL_REVIEW))
    counted = coverage_reads.counted_matters(library.db)
    assert [c.matter.number for c in counted] == sorted(m.number for m in added)
    assert bare.record.id not in {c.matter.id for c in counted}
    heads = {c.head for c in counted}
    assert len(heads) == len(counted)  # each matter's own last audit entry
    assert all(len(head) == 64 for head in heads)


def test_the_facts_read_together_are_each_matters_own(library: Library) -> None:
    added = add_sample_matters(library, "test")
    facts = coverage_reads.coverage_facts(library.db, [m.id for m in added])
    for matter in added:
        record = queries.matter_record(library.db, matter)
        assert facts[matter.id] == MatterFacts.of(record)
