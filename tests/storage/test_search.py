"""Search: the index follows every write in its transaction, and the query language never fails."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import ParsedFile
from desktop_app.core.enums import MatterKind, PartyRole
from desktop_app.core.models import Matter, Note, Party
from desktop_app.core.search_query import SearchFilters, parse_query
from desktop_app.core.services import MatterService
from desktop_app.paths import LibraryPaths
from desktop_app.storage import search_index
from desktop_app.storage.library import Library
from desktop_app.storage.migrations import migrations
from desktop_app.storage.search import search

OPERATORS = ['"', "'", "-", "*", ":", "(", ")", "NEAR", "AND", "OR", "NOT", "^", "NEAR(", "", " "]


def _found(
    db: Database, text: str, *, literal: bool = False, **filters: object
) -> set[tuple[str, int]]:
    narrowed = SearchFilters(**filters)  # type: ignore[arg-type]
    hits = search(db, parse_query(text), narrowed, limit=10_000, literal=literal)
    return {(h.entity, h.entity_id) for h in hits}


@pytest.fixture
def matter(service: MatterService) -> Matter:
    return service.create_matter(Matter("Kohaku review", MatterKind.INTERNAL_REVIEW)).record


def _file(library: Library, matter: Matter, name: str, text: str) -> int:
    documents = CorrespondenceService(library, library.blobs, "test")
    parsed = ParsedFile(name, "text/plain", text.encode(), text=text)
    document_id = documents.file(matter.id, name, parsed).document_id
    assert document_id is not None
    return document_id


def test_words_inside_a_document_body_are_found_with_their_matter(
    library: Library, matter: Matter
) -> None:
    document_id = _file(library, matter, "letter.txt", "The encrypted parameters stay in Osaka.")
    hits = search(library.db, parse_query("osaka"))
    assert [(h.entity, h.entity_id, h.matter_number) for h in hits] == [
        ("documents", document_id, matter.number)
    ]
    assert hits[0].snippet[slice(*hits[0].spans[0])] == "Osaka"


def test_the_index_follows_inserts_updates_deletes_and_rollbacks(
    library: Library, service: MatterService, matter: Matter
) -> None:
    party = service.add_party(Party(matter.id, "Brennwald GmbH", PartyRole.END_USER)).record
    assert _found(library.db, "Brennwald") == {("parties", party.id)}
    service.update_party(Party(matter.id, "Northmarch Inc.", PartyRole.END_USER, id=party.id))
    assert _found(library.db, "Brennwald") == set()
    assert _found(library.db, "Northmarch") == {("parties", party.id)}

    def abandoned() -> None:
        with library.transaction("test") as tx:
            tx.insert(Note(matter.id, "Wattle Point visit"))
            raise RuntimeError("abandon the transaction")

    with pytest.raises(RuntimeError):
        abandoned()
    assert _found(library.db, "Wattle") == set()
    service.remove_party(party.id)
    assert _found(library.db, "Northmarch") == set()


def test_accents_case_substrings_and_scripts_without_spaces(
    library: Library, service: MatterService, matter: Matter
) -> None:
    ids = {
        name: service.add_party(Party(matter.id, name, PartyRole.END_USER)).record.id
        for name in ("Jürgen Müller", "株式会社テスト", "Sicherheitsforschung GmbH")
    }
    assert _found(library.db, "muller") == {("parties", ids["Jürgen Müller"])}
    assert _found(library.db, "MÜLLER") == {("parties", ids["Jürgen Müller"])}
    assert _found(library.db, "会社") == {("parties", ids["株式会社テスト"])}
    assert _found(library.db, "会社テス") == {("parties", ids["株式会社テスト"])}
    assert _found(library.db, "forschung") == set()
    assert _found(library.db, "FORSCHUNG", literal=True) == {
        ("parties", ids["Sicherheitsforschung GmbH"])
    }
    assert _found(library.db, "müll", literal=True) == {("parties", ids["Jürgen Müller"])}


def test_phrases_prefixes_or_and_exclusions(
    library: Library, service: MatterService, matter: Matter
) -> None:
    a = service.add_note(Note(matter.id, "quarterly access report to BIS")).record.id
    b = service.add_note(Note(matter.id, "report the access quarterly")).record.id
    c = service.add_note(Note(matter.id, "annual certification")).record.id
    assert _found(library.db, "quarterly report", entity="notes") == {("notes", a), ("notes", b)}
    assert _found(library.db, '"access report"', entity="notes") == {("notes", a)}
    assert _found(library.db, "certif*", entity="notes") == {("notes", c)}
    assert _found(library.db, "annual OR access", entity="notes") == {
        ("notes", x) for x in (a, b, c)
    }
    assert _found(library.db, "report -BIS", entity="notes") == {("notes", b)}
    assert _found(library.db, "-report", entity="notes") == set()


def test_filters_narrow_by_matter_kind_date_and_direction(
    library: Library, service: MatterService, matter: Matter
) -> None:
    other = service.create_matter(Matter("Other review", MatterKind.INTERNAL_REVIEW)).record
    here = _file(library, matter, "a.txt", "Tern Clinical weights")
    there = _file(library, other, "b.txt", "Tern Clinical weights again")
    assert _found(library.db, "tern") == {("documents", here), ("documents", there)}
    assert _found(library.db, "tern", matter_id=other.id) == {("documents", there)}
    assert _found(library.db, "tern", entity="notes") == set()
    assert _found(library.db, "tern", date_to="1999-12-31") == set()
    assert _found(library.db, "tern", date_from="2000-01-01") == {
        ("documents", here),
        ("documents", there),
    }
    assert _found(library.db, "tern", direction="incoming") == set()


def test_no_query_ever_raises(library: Library, matter: Matter, blns: list[str]) -> None:
    _file(library, matter, "x.txt", "some text with NEAR and OR and 株式会社 in it")
    for text in [*OPERATORS, *blns, *(a + b for a in OPERATORS for b in OPERATORS)]:
        search(library.db, parse_query(text))
        search(library.db, parse_query(text), literal=True)


@pytest.mark.exhaustive
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40), st.booleans())
def test_random_queries_never_raise(searchable: Database, text: str, literal: bool) -> None:
    search(searchable, parse_query(text), literal=literal)


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    library = Library.open(LibraryPaths(tmp_path_factory.mktemp("search") / "lib"), write=True)
    service = MatterService(library, "test")
    matter = service.create_matter(Matter("Corpus", MatterKind.INTERNAL_REVIEW)).record
    rng = random.Random(7)
    vocabulary = [f"{rng.choice('abcdefgh')}{rng.choice('ijklmnop')}{n}" for n in range(300)]
    with library.transaction("test") as tx:
        for _ in range(1_000):
            tx.insert(Note(matter.id, " ".join(rng.choices(vocabulary, k=12))))
    yield library.db
    library.close()


def test_literal_single_words_find_exactly_what_a_like_scan_finds(searchable: Database) -> None:
    for word in ["ai1", "bj", "k2", "ci10", "a", "hp299", "zz", "i1", "AI1", "j1 "]:
        rows = searchable.execute(
            "SELECT id FROM notes WHERE text LIKE ?", [f"%{word.strip()}%"]
        ).fetchall()
        found = _found(searchable, word, literal=True, entity="notes")
        assert found == {("notes", r[0]) for r in rows}, word


def test_words_find_exactly_the_notes_holding_the_whole_word(searchable: Database) -> None:
    notes = searchable.execute("SELECT id, text FROM notes").fetchall()
    for word in ["ai1", "bj17", "cp2", "hp299", "dk45"]:
        holding = {("notes", i) for i, text in notes if word in text.split()}
        assert _found(searchable, word, entity="notes") == holding, word


def test_a_library_made_before_the_index_is_indexed_when_opened(tmp_path: object) -> None:
    paths = LibraryPaths(tmp_path / "lib")  # type: ignore[operator]
    paths.root.mkdir(parents=True)
    old = Database(sqlite3.connect(paths.database))
    migrations.apply(old, stop_before="0007_search_index")
    old.table("matters").insert(
        {"number": "EC-2026-0001", "title": "Old Harbour matter", "kind": "internal_review",
         "status": "open", "agency": "bis", "privilege": "ac_wp"}
    )  # fmt: skip
    old.table("parties").insert(  # later migrations add columns its dataclass now has
        {"matter_id": 1, "name": "Liang Shufen", "role": "foreign_national",
         "kind": "individual", "country": "CN", "us_status": "us_citizen"}
    )  # fmt: skip
    old.conn.close()
    library = Library.open(paths, write=True)
    try:
        assert _found(library.db, "harbour") == {("matters", 1)}
        assert _found(library.db, "shufen") == {("parties", 1)}
        search_index.rebuild(library.db)
        assert _found(library.db, "harbour") == {("matters", 1)}
    finally:
        library.close()


def test_every_naughty_string_finds_the_note_that_holds_it(
    library: Library, service: MatterService, matter: Matter, blns: list[str]
) -> None:
    stored: dict[str, int] = {}
    for text in blns:
        if text.strip() and "\x00" not in text:
            stored[text] = service.add_note(Note(matter.id, text)).record.id
    checked = 0
    for text, note_id in stored.items():
        query = parse_query(text)
        if query.empty or query.excluded:
            continue
        hits = search(library.db, query, SearchFilters(entity="notes"), limit=10_000)
        assert note_id in {h.entity_id for h in hits}, text
        checked += 1
    assert checked > 400


def test_snippet_marker_characters_in_a_text_do_not_confuse_the_highlight(
    library: Library, service: MatterService, matter: Matter
) -> None:
    service.add_note(Note(matter.id, "extracted \ue001 text \ue000 with quillwort inside"))
    (hit,) = search(library.db, parse_query("quillwort"))
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["quillwort"]
