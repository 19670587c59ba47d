"""Adding the sample matters with their correspondence: shared by the command line and window.

The sample documents are shipped files we made ourselves, so they are read in this process.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from desktop_app.assets import read_bytes, read_json
from desktop_app.core.correspondence import CorrespondenceService
from desktop_app.core.documents import FileOutcome, Filing
from desktop_app.core.models import Matter
from desktop_app.core.sample import add_samples
from desktop_app.core.services import MatterService
from desktop_app.ingest.isolated import parse_in_process
from desktop_app.ingest.references import find_references
from desktop_app.storage.library import Library


def add_sample_matters(library: Library, actor: str = "sample") -> list[Matter]:
    """Add the sample matters not yet in ``library``, documents and all, in one transaction."""
    matters = MatterService(library, actor)
    documents = CorrespondenceService(library, library.blobs, actor, find_refs=find_references)

    def attach(matter_id: int, file: str, filing: Filing) -> FileOutcome:
        name = PurePosixPath(file).name
        parsed = parse_in_process(name, read_bytes(f"sample/{file}"))
        return documents.file(matter_id, name, parsed, filing)

    return add_samples(matters, read_json("sample/matters.json"), attach)
