"""Composing services for the command line and the window: the sample matters, issued memos.

The sample documents are shipped files we made ourselves, so they are read in this process.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from desktop_app.assets import read_bytes, read_json
from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.decisions import DecisionService
from desktop_app.core.documents import Direction, DocumentKind, FileOutcome, Filing, ParsedFile
from desktop_app.core.memos import MemoService, new_draft
from desktop_app.core.models import Matter
from desktop_app.core.obligations import ConditionService
from desktop_app.core.sample import Json, Keys, add_samples
from desktop_app.core.sample_decisions import add_decisions
from desktop_app.core.services import MatterService
from desktop_app.ingest.parsers import parse_in_process
from desktop_app.ingest.references import find_references
from desktop_app.storage.anchor_check import printed_heads
from desktop_app.storage.library import Library


def add_sample_matters(library: Library, actor: str = "sample") -> list[Matter]:
    """Add the sample matters not yet in ``library``, documents and all, in one transaction."""
    matters = MatterService(library, actor)
    documents = CorrespondenceService(library, library.blobs, actor, find_refs=find_references)

    decisions = DecisionService(library, actor)
    conditions = ConditionService(library, actor)

    def attach(matter_id: int, file: str, filing: Filing) -> int | None:
        name = PurePosixPath(file).name
        parsed = parse_in_process(name, read_bytes(f"sample/{file}"))
        return documents.file(matter_id, name, parsed, filing).document_id

    def decide(matter_id: int, spec: Json, keys: Keys) -> None:
        add_decisions(decisions, conditions, matter_id, spec, keys)

    def draft(matter: Matter, memo: Json) -> None:
        MemoService(library, actor).save_draft(replace(new_draft(matter), **memo))

    return add_samples(matters, read_json("sample/matters.json"), attach, decide, draft)


def issue_memo(library: Library, number: str, filename: str, pdf: bytes, actor: str) -> FileOutcome:
    """File an issued memo on its matter as an outgoing document (its text read for search).

    The same bytes issued twice are a duplicate; a memo generated at another time is new bytes,
    so every issue is kept as its own version.
    """
    matter = library.reads.matter(number)
    documents = CorrespondenceService(library, library.blobs, actor, find_refs=find_references)
    filing = Filing(DocumentKind.MEMO, Direction.OUTGOING, note="Issued memo", title=filename)
    parsed = parse_in_process(filename, pdf)
    outcome = documents.file(matter.id, filename, parsed, filing)
    what = f"the memo {filename} issued on {number} as document {outcome.document_id}"
    for head in printed_heads(parsed.text if isinstance(parsed, ParsedFile) else ""):
        library.publish(head, what)
    return outcome
