"""Three fact patterns as a new user tries them: `load FILE.json`, then `coverage CASE --json`.

A covered Annex A export, a superseding letter (before, on and after its effective day) and a
Cuban national beside a Spanish colleague: the real command loads each file into a fresh
library and answers every activity as the manifest says (answer, deciding factor, phrase).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.core.fact_pattern_files import DATA, DECIDING, Expectation, expectations, position
from tests.e2e.cli_run import run_cli

pytestmark = pytest.mark.e2e

FILES = ("01-annex-a-entity-export.json", "28-superseded-letter.json", "41-cuba-national.json")
LOADED = re.compile(r"^loaded (EC-\d{4}-\d{4,})\s", re.MULTILINE)


def _coverage(data_dir: Path, file: str, as_of: str) -> dict[str, Any]:
    done = run_cli(data_dir, "load", str(DATA / file))
    assert done.returncode == 0, done.stderr
    found = LOADED.search(done.stdout)
    assert found is not None, done.stdout
    done = run_cli(data_dir, "coverage", found.group(1), "--as-of", as_of, "--json")
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def _check(expectation: Expectation, row: dict[str, Any]) -> None:
    assert row["answer"] == expectation.answer.value, row["summary"]
    outcome = DECIDING[expectation.answer].value
    deciding = [f for f in row["factors"] if f["dimension"] == expectation.dimension]
    assert any(f["outcome"] == outcome for f in deciding), row["factors"]
    assert expectation.contains in row["summary"]


@pytest.mark.parametrize("file", FILES)
def test_load_then_coverage_answers_as_the_manifest_says(tmp_path: Path, file: str) -> None:
    asked = [e for e in expectations() if e.file == file and "activity" in e.ask]
    assert asked
    document = _coverage(tmp_path / "data", file, asked[0].as_of.isoformat())
    rows = [r for r in document["rows"] if r["activity"] is not None]
    for expectation in asked:
        _check(expectation, rows[position(file, "activities", expectation.ask["activity"])])
