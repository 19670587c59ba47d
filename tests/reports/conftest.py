"""Fixtures for the report tests: the sample library, built once per module, and PDF helpers."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.core.models import MatterRecord
from desktop_app.paths import LibraryPaths
from desktop_app.samples import add_sample_matters
from desktop_app.storage import queries
from desktop_app.storage.library import Library

SAMPLE = "EC-2026-0001"
GENERATED_AT = "2026-12-31T12:00:00Z"
EDITIONS = (("Commerce Control List", "eCFR 2026-11-01"), ("Country Groups", "eCFR 2026-11-01"))


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    library = Library.open(LibraryPaths(tmp_path_factory.mktemp("reports") / "lib"), write=True)
    try:
        add_sample_matters(library)
        yield library
    finally:
        library.close()


@pytest.fixture(scope="module")
def sample_record(sample_library: Library) -> MatterRecord:
    db = sample_library.db
    return queries.matter_record(db, queries.matter_by_number(db, SAMPLE))


@pytest.fixture(scope="module")
def audit_head(sample_library: Library) -> tuple[int, str]:
    return queries.audit_head(sample_library.db)


def pdf_text(pdf: bytes) -> str:
    """Every page's extracted text, joined."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeezed(text: str) -> str:
    """``text`` without any whitespace, so line wrapping cannot hide a match."""
    return re.sub(r"\s+", "", text)


def write(tmp_path: Path, pdf: bytes, name: str = "memo.pdf") -> Path:
    out = tmp_path / name
    out.write_bytes(pdf)
    return out
