"""``keys``, ``trust`` and ``untrust`` from the command line, between two libraries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli_run import run_in

pytestmark = pytest.mark.e2e


def test_two_libraries_trust_each_other_by_public_key_and_fingerprint(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    their_keys = json.loads(run_in(theirs, "keys", "--json").stdout)
    assert json.loads(run_in(theirs, "keys", "--json").stdout) == their_keys  # made once
    assert (
        json.loads(run_in(mine, "keys", "--json").stdout)["public_key"]
        != (their_keys["public_key"])
    )
    trusted = run_in(mine, "trust", "Priya Raman", their_keys["public_key"])
    assert trusted.returncode == 0, trusted.stderr
    assert their_keys["fingerprint"] in trusted.stdout
    listed = run_in(mine, "keys").stdout
    assert f"Priya Raman  {their_keys['fingerprint']}" in listed
    again = run_in(mine, "trust", "P. Raman", their_keys["public_key"])
    assert again.returncode == 2
    assert "trusted as Priya Raman" in again.stderr
    gone = run_in(mine, "untrust", their_keys["fingerprint"])
    assert gone.returncode == 0, gone.stderr
    assert "No colleague's key is trusted yet." in run_in(mine, "keys").stdout
