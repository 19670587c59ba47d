"""A lapsed permanent residency, tried as a new user would: `load` the matter file, then `show`.

Pattern 68: Parisa Tehrani, an Iranian citizen, was a permanent resident of Canada from 2018
until the residency lapsed on August 1, 2026. 15 CFR 734.13(b) reads what she holds on the day
asked: Canada on July 31, Iran from August 1. Pattern 69 adds a flagged nationality (a Chinese
residency, Country Group D:5) that `show` lists while it is held.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cli_run import run_cli

pytestmark = pytest.mark.e2e

DATA = Path(__file__).parents[1] / "data" / "coverage"
LOADED = re.compile(r"^loaded (EC-\d{4}-\d{4,})\s", re.MULTILINE)


def _load(data_dir: Path, file: str) -> str:
    done = run_cli(data_dir, "load", str(DATA / file))
    assert done.returncode == 0, done.stderr
    found = LOADED.search(done.stdout)
    assert found, done.stdout
    return found.group(1)


def _person(data_dir: Path, case: str, as_of: str, name: str) -> dict[str, Any]:
    done = run_cli(data_dir, "show", case, "--as-of", as_of, "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    found: dict[str, Any] = next(p for p in shown["parties"] if p["name"] == name)
    return found


@pytest.mark.parametrize(
    ("as_of", "country", "reason"),
    [
        ("2026-07-31", "CA", "most recent permanent residency (since 2018-04-02)"),
        ("2026-08-01", "IR", "only citizenship held on 2026-08-01"),
    ],
)
def test_show_json_reads_the_deemed_destination_on_the_day_asked(
    tmp_path: Path, as_of: str, country: str, reason: str
) -> None:
    case = _load(tmp_path / "data", "68-lapsed-residency-deemed-destination.json")
    person = _person(tmp_path / "data", case, as_of, "Parisa Tehrani")
    assert person["deemed_destination"]["country"] == country
    assert person["deemed_destination"]["reason"] == reason
    assert person["nationalities"][1] == {
        "country": "CA",
        "basis": "permanent_residency",
        "since": "2018-04-02",
        "until": "2026-08-01",
    }


def test_show_flags_a_d5_nationality_only_while_it_is_held(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    case = _load(data_dir, "69-lapsed-residency-excluded-nationals.json")
    held = _person(data_dir, case, "2026-07-31", "Meera Pillai")["nationality_flags"]
    assert len(held) == 1
    assert held[0].startswith("Country Group D:5")
    assert _person(data_dir, case, "2026-08-01", "Meera Pillai")["nationality_flags"] == []
    text = run_cli(data_dir, "show", case, "--as-of", "2026-07-31")
    assert text.returncode == 0, text.stderr
    assert "CN permanent residency since 2016-01-15 until 2026-08-01" in text.stdout
    assert "flag: Country Group D:5" in text.stdout
