"""Forty-plus fact patterns, loaded as counsel would load them, answered as a lawyer would.

Every matter file of tests/data/coverage goes through the real loader (``read_matter_file``
then ``MatterFileService.load``) into one temporary library, is read back as the window reads
it, and each question of the manifest is asked of the coverage table: the answer, a factor of
the deciding dimension with the matching outcome (pass for covered, fail for not covered,
unknown for needs review) and the summary's phrase must be what the manifest says. Where the
manifest records a doubt about the engine (``xfail_reason``), the expectation stays what the
regulation says and the case is a strict xfail: it starts passing only when the engine does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop_app.core.coverage_model import Answer
from desktop_app.core.matter_file_service import MatterFileService
from desktop_app.core.models import MatterRecord
from desktop_app.paths import LibraryPaths
from desktop_app.storage import queries
from desktop_app.storage.library import Library
from tests.core.fact_pattern_files import (
    Expectation,
    document,
    draft,
    expectations,
    explain,
    pattern_files,
    problems,
    row_for,
)

TODAY = date(2026, 11, 27)
EXPECTED = expectations()


def _cases() -> list[object]:
    return [
        pytest.param(
            e,
            id=e.name,
            marks=[pytest.mark.xfail(reason=e.xfail_reason, strict=True)] if e.xfail_reason else [],
        )
        for e in EXPECTED
    ]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, MatterRecord]]:
    """Every pattern file loaded into one library, as the stored matter records."""
    library = Library.open(LibraryPaths(tmp_path_factory.mktemp("patterns") / "lib"), write=True)
    try:
        service = MatterFileService(library, "fact-patterns", today=lambda: TODAY)
        records = {}
        for path in pattern_files():
            matter = service.load(draft(path.name))
            records[path.name] = queries.matter_record(library.db, matter)
        yield records
    finally:
        library.close()


@pytest.mark.parametrize("expectation", _cases())
def test_fact_pattern(expectation: Expectation, loaded: dict[str, MatterRecord]) -> None:
    coverage = row_for(expectation, loaded[expectation.file]).coverage
    assert problems(expectation, coverage) == [], explain(expectation, coverage)
    assert coverage.as_of == _asked_on(expectation, loaded[expectation.file])


def _asked_on(expectation: Expectation, record: MatterRecord) -> date:
    """The day the answer must be given as of: the activity's own date, else the day asked."""
    ref = expectation.ask.get("activity")
    if ref is None:
        return expectation.day
    found = next(a for a in document(expectation.file)["activities"] if a["ref"] == ref)
    return date.fromisoformat(found["on"]) if found["on"] else expectation.day


def test_a_stored_matter_answers_as_its_file_does(loaded: dict[str, MatterRecord]) -> None:
    """Loading changes ids, never answers: the draft and the stored matter agree."""
    for expectation in EXPECTED:
        stored = row_for(expectation, loaded[expectation.file]).coverage
        read = row_for(expectation, draft(expectation.file)).coverage
        assert (read.answer, read.summary) == (stored.answer, stored.summary), expectation.name


def test_there_are_forty_files_each_asked() -> None:
    files = {p.name for p in pattern_files()}
    asked = {e.file for e in EXPECTED}
    assert len(files) >= 40
    assert asked == files


def test_every_topic_is_tried_both_ways() -> None:
    """Each dimension of issue 14 has a covered case and one that is not (fail or unknown)."""
    by_topic: dict[str, set[bool]] = {}
    for e in EXPECTED:
        if not e.xfail_reason:
            by_topic.setdefault(e.topic, set()).add(e.answer is Answer.COVERED)
    one_sided = sorted(topic for topic, sides in by_topic.items() if sides != {True, False})
    assert one_sided == []


def test_every_expectation_names_its_regulation_and_reason() -> None:
    for e in EXPECTED:
        assert "CFR" in e.rule, e.name
        assert e.reason.strip(), e.name


def test_the_files_say_they_are_fictional() -> None:
    for path in pattern_files():
        assert "Fictional fact pattern" in document(path.name)["matter"]["summary"], path.name
