"""`compliance-desk report conditions`, run for real on the sample library, read with pdftotext."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e


_run = run_in


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_conditions_report_names_every_condition_of_every_matter(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    done = _run(tmp_path, "report", "conditions", "-o", "c.pdf", "--as-of", "2026-12-31")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "c.pdf"
    text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "c.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert "Conditionsasof2026-12-31" in flat
    numbers = [case["number"] for case in json.loads(_run(tmp_path, "cases", "--json").stdout)]
    assert numbers
    conditions = 0
    for number in numbers:
        shown = json.loads(_run(tmp_path, "show", number, "--json").stdout)
        assert number in flat
        for condition in shown["conditions"]:
            conditions += 1
            assert re.sub(r"\s+", "", condition["text"]) in flat
    assert conditions > 0

    default = _run(tmp_path, "report", "conditions")
    assert default.returncode == 0, default.stderr
    assert (tmp_path / "conditions-report.pdf").read_bytes().startswith(b"%PDF-")
    bad = _run(tmp_path, "report", "conditions", "--as-of", "31/12/2026")
    assert bad.returncode == 2
