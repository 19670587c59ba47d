"""The code cites the repository's own documentation, and every citation leads somewhere.

A clone has only what is in the repository. So no comment, docstring or string under
desktop_app/, tests/ or benchmarks/ may cite the design notes the project started from (their
section, threat, pitfall and practice numbers, or the folder beside the clone that held them);
it cites docs/domain.md, docs/reliability.md, docs/development.md or docs/architecture.md
instead. Every such ``docs/<name>.md`` must exist, every ``docs/<name>.md#<anchor>`` and every
``docs/<name>.md, "<Section title>"`` must be a heading of that file, and every
``docs/reliability.md T<n>`` a threat described there. The links between the files of docs/, and
the sections they and the README cite by title (``development.md, "Errors"``), are checked the
same way.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
SOURCES = ("desktop_app", "tests", "benchmarks")

# The old notes' names, each followed by what made a citation of it (a section sign, a number, a
# threat, a pitfall, a practice, the file name). Identifiers such as WARNING_STYLE or
# COMPLIANCE_DESK_DATA_DIR are not followed by any of these, so they never match.
OUTSIDE = re.compile(
    r"\b(?:ARCHITECTURE|DOMAIN|RELIABILITY|ENVIRONMENT|STYLE)(?:\.md)?"
    r"(?=\s*(?:§|\d|T\d|\(|pitfall|practice)|(?<=md))"
    r"|\.\./shared\b|\bshared/(?:design|corpora)\b"
)

DOC_CITATION = re.compile(r"\bdocs/([\w.-]+\.md)(?:#([\w-]+))?")
THREAT_CITATION = re.compile(r"\bdocs/reliability\.md((?:,?\s+(?:and\s+)?T\d+\b)+)")
THREAT_HEADING = re.compile(r"^#{2,6}\s+(T\d+)\b", re.MULTILINE)
SECTION_CITATION = re.compile(r'(?<![\w./-])(docs/)?([\w-]+\.md),\s+"([^"]{1,200})"')
"""``docs/<name>.md, "<Section title>"``: a heading cited by its title (wrapped, in a comment)."""
DOC_LINK = re.compile(r"\]\(((?:[\w.-]+\.md)?)(?:#([\w-]+))?\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def python_files() -> list[Path]:
    """Every .py file the rule covers, and the sample data the app shows to counsel."""
    code = [p for top in SOURCES for p in _walk(ROOT / top, ".py")]
    return sorted([*code, *_walk(ROOT / "resources" / "sample", ".json")])


def _walk(top: Path, suffix: str) -> list[Path]:
    """The files under ``top`` ending in ``suffix``, skipping hidden folders.

    A benchmark's cache (benchmarks/.cache, hundreds of thousands of files) is not source.
    """
    found = []
    for folder, subfolders, files in os.walk(top):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found += [Path(folder, f) for f in files if f.endswith(suffix)]
    return found


def outside_citations(text: str) -> list[str]:
    """The citations of the old design notes in ``text``, each with the words that follow it."""
    return [text[m.start() : m.end() + 16].partition("\n")[0] for m in OUTSIDE.finditer(text)]


def slug(heading: str) -> str:
    """The anchor a Markdown heading gets (GitHub's rule: lower case, punctuation dropped)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@cache
def headings(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The anchors of docs/``name``, and the threat numbers it has headings for."""
    text = FENCE.sub("", (DOCS / name).read_text(encoding="utf-8"))
    titles = re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    return frozenset(slug(t) for t in titles), frozenset(THREAT_HEADING.findall(text))


def broken_section_citations(text: str, *, bare: bool) -> list[str]:
    """Each ``NAME.md, "Title"`` in ``text`` whose file or heading is missing.

    Only ``docs/<name>.md, …`` counts unless ``bare`` (the docs pages cite each other by name).
    """
    broken = []
    for match in SECTION_CITATION.finditer(text):
        prefix, name, title = match.groups()
        if prefix is None and not bare:
            continue
        title = " ".join(re.sub(r"\n\s*#*", " ", title).split())  # a title wrapped in a comment
        if not (DOCS / name).is_file():
            broken.append(f'docs/{name}, "{title}": no such file')
        elif slug(title) not in headings(name)[0]:
            broken.append(f'docs/{name}, "{title}": no such heading')
    return broken


def broken_doc_citations(text: str) -> list[str]:
    """Each ``docs/…`` citation in ``text`` that names no file, or a heading the file lacks."""
    broken = []
    for match in DOC_CITATION.finditer(text):
        name, anchor = match.groups()
        if not (DOCS / name).is_file():
            broken.append(f"{match.group(0)}: no such file")
        elif anchor and anchor not in headings(name)[0]:
            broken.append(f"{match.group(0)}: no such heading")
    for match in THREAT_CITATION.finditer(text):
        for number in re.findall(r"T\d+", match.group(1)):
            if number not in headings("reliability.md")[1]:
                broken.append(f"docs/reliability.md {number}: no such threat")
    for problem in broken_section_citations(text, bare=False):
        if not problem.endswith("no such file"):  # said above, by DOC_CITATION
            broken.append(problem)
    return broken


@pytest.mark.parametrize(
    "text",
    [
        # Joined here so that this file does not cite them itself.
        "(" + "ARCHITECTURE" + " §2)",
        "DOMAIN" + " §7.4 rule 1",
        "DOMAIN" + ".md §4.2",
        "the " + "DOMAIN" + " 6.4 state machine",
        "(" + "RELIABILITY" + " T21)",
        "RELIABILITY" + ".md (c)",
        "RELIABILITY" + ".md T1",
        "(" + "ENVIRONMENT" + " pitfall 2)",
        "(" + "STYLE" + " practice 21)",
        "see " + "STYLE" + ".md",
        "in ../" + "shared" + "/design/",
        "the emails of " + "shared" + "/corpora/email",
    ],
)
def test_the_rule_catches_each_form_of_an_outside_citation(text: str) -> None:
    assert outside_citations(text), text


@pytest.mark.parametrize(
    "text",
    [
        "WARNING_STYLE = 'color: #a60'",
        "os.environ['COMPLIANCE_DESK_DATA_DIR']",
        "(docs/domain.md#conditions)",
        "(docs/reliability.md T21)",
        "the shared folder",
    ],
)
def test_the_rule_leaves_names_that_are_not_citations(text: str) -> None:
    assert not outside_citations(text), text


def test_no_source_file_cites_the_design_notes_outside_the_repository() -> None:
    found = {}
    for path in python_files():
        hits = outside_citations(path.read_text(encoding="utf-8"))
        if hits:
            found[path.relative_to(ROOT).as_posix()] = hits
    assert not found, f"cite docs/*.md instead: {found}"


def test_every_docs_citation_in_the_code_leads_to_a_file_and_a_heading() -> None:
    broken = {}
    for path in python_files():
        problems = broken_doc_citations(path.read_text(encoding="utf-8"))
        if problems:
            broken[path.relative_to(ROOT).as_posix()] = problems
    assert not broken, broken


def test_the_checks_see_a_broken_citation() -> None:
    # Joined here so that this file holds no broken citation itself.
    assert broken_doc_citations("(docs/" + "domain.md#no-such-section)")
    assert broken_doc_citations("(docs/" + "no-such-file.md)")
    assert broken_doc_citations("(docs/" + "reliability.md T19, T" + "99)") == [
        "docs/reliability.md T" + "99: no such threat"
    ]
    assert not broken_doc_citations("(docs/domain.md#conditions; docs/reliability.md T1, T2)")
    assert broken_doc_citations("(docs/" + 'architecture.md, "The two faces")') == [
        "docs/" + 'architecture.md, "The two faces": no such heading'
    ]
    assert broken_doc_citations("docs/" + 'architecture.md, "Background work"') == [
        "docs/" + 'architecture.md, "Background work": no such heading'
    ]
    wrapped = "# (docs/" + 'architecture.md, "How a change reaches\n# the screen")'
    assert not broken_doc_citations(wrapped)
    assert not broken_doc_citations("(docs/" + 'development.md, "Errors"; "quoted" elsewhere)')
    assert broken_section_citations('see rules.md, "No such rule"', bare=True)
    assert not broken_section_citations('see rules.md, "No such rule"', bare=False)


def test_the_links_between_the_docs_lead_to_a_file_and_a_heading() -> None:
    broken = []
    for page in sorted(DOCS.glob("*.md")):
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        for match in DOC_LINK.finditer(text):
            name = match.group(1) or page.name
            anchor = match.group(2)
            if not (DOCS / name).is_file():
                broken.append(f"{page.name}: {match.group(0)} (no such file)")
            elif anchor and anchor not in headings(name)[0]:
                broken.append(f"{page.name}: {match.group(0)} (no such heading)")
    assert not broken, broken


def test_the_sections_the_docs_cite_by_title_exist() -> None:
    broken = []
    for page in [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]:
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        broken += [f"{page.name}: {p}" for p in broken_section_citations(text, bare=True)]
    assert not broken, broken
