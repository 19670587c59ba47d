"""The PDFs we print pass `qpdf --check` with no warning and embed every font (`pdffonts`)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.models import MatterRecord
from desktop_app.reports.make import docket_pdf
from desktop_app.reports.memo_data import case_memo
from desktop_app.reports.render import build
from desktop_app.storage.library import Library
from tests.reports.conftest import EDITIONS, GENERATED_AT

AS_OF = date(2026, 12, 31)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not on PATH (scripts/bootstrap.sh installs it as root)")
    return path


@pytest.fixture(scope="module")
def pdfs(
    sample_library: Library,
    sample_record: MatterRecord,
    audit_head: tuple[int, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> list[Path]:
    folder = tmp_path_factory.mktemp("pdf-check")
    memo = case_memo(sample_record, AS_OF, audit_head, GENERATED_AT, None, editions=EDITIONS)
    out = [folder / "memo.pdf", folder / "docket.pdf"]
    out[0].write_bytes(build(memo, invariant=True))
    out[1].write_bytes(docket_pdf(sample_library.reads, AS_OF, invariant=True))
    return out


def test_qpdf_finds_no_error_or_warning(pdfs: list[Path]) -> None:
    qpdf = _tool("qpdf")
    for pdf in pdfs:
        done = subprocess.run(
            [qpdf, "--check", str(pdf)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, (pdf.name, done.stdout, done.stderr)
        assert "WARNING" not in (done.stdout + done.stderr).upper(), (pdf.name, done.stdout)
        assert "No syntax or stream encoding errors found" in done.stdout


def test_every_font_is_embedded(pdfs: list[Path]) -> None:
    pdffonts = _tool("pdffonts")
    for pdf in pdfs:
        done = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True)
        header, rule, *rows = done.stdout.splitlines()
        assert rule.startswith("---")
        assert rows, pdf.name
        emb = header.index("emb")
        for row in rows:
            assert row[emb : emb + 3] == "yes", (pdf.name, row)
