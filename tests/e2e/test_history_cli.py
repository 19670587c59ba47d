"""``history CASE`` prints a matter's changes in words; ``person`` names whoever makes them."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_cli

pytestmark = pytest.mark.e2e


def test_history_names_the_person_and_speaks_in_labels(tmp_path: Path) -> None:
    data = tmp_path / "data"
    given_sample(data)
    account = getpass.getuser()
    named = run_cli(data, "person", "--name", "Jane Doe", "--title", "Senior Counsel")
    assert named.returncode == 0, named.stderr
    assert "Jane Doe" in named.stdout
    held = run_cli(data, "hold", "EC-2026-0001", "on", "--by", "BIS", "--note", "Subpoena 26-114")
    assert held.returncode == 0, held.stderr

    shown = run_cli(data, "history", "EC-2026-0001", "--limit", "1")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].endswith("changes, the newest 1 shown, newest first")
    assert f"Jane Doe ({account}): Added the legal hold" in lines[1]
    assert "Subpoena 26-114" in lines[2]
    for code in ("legal_holds", "null", "insert"):
        assert code not in shown.stdout

    as_json = json.loads(run_cli(data, "history", "EC-2026-0001", "--json").stdout)
    assert as_json[0]["who"] == f"Jane Doe ({account})"
    assert as_json[0]["actor"] == account  # the audit chain keeps the account
    assert len(as_json) > 10


def test_a_title_on_two_lines_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    given_sample(data)
    refused = run_cli(data, "person", "--title", "Senior\nCounsel")
    assert refused.returncode != 0
    assert "Give the title on one line." in refused.stderr
    shown = json.loads(run_cli(data, "person", "--json").stdout)
    assert shown["title"] == ""
