"""A text cell that is not UTF-8 never ends a command with a traceback (issue 16 point 7).

Before, one invalid byte in a title crashed `verify`, `cases`, `show`, `memo` and `search`.
Now every reading command answers, the bad bytes shown as U+FFFD, and `verify` names the cell.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e

CASE = "EC-2026-0001"


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample library whose first matter's title and a party's name hold non-UTF-8 bytes."""
    cwd = tmp_path_factory.mktemp("damaged")
    given_sample(cwd / "data")
    with sqlite3.connect(cwd / "data" / "library.db") as conn:
        conn.execute("UPDATE matters SET title = CAST(x'4869ff20c3' AS TEXT) WHERE id = 1")
        conn.execute("UPDATE parties SET name = CAST(x'41ff42' AS TEXT) WHERE id = 2")
    conn.close()
    return cwd


@pytest.mark.parametrize(
    "command",
    [
        ("cases",),
        ("show", CASE),
        ("coverage", CASE),
        ("agenda",),
        ("search", "Halcyon"),
        ("memo", CASE, "-o", "memo.pdf"),
    ],
)
def test_reading_commands_answer_with_the_bad_bytes_replaced(
    damaged: Path, command: tuple[str, ...]
) -> None:
    done = run_in(damaged, *command)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr


def test_the_cases_list_shows_the_replacement_character(damaged: Path) -> None:
    assert "Hi\ufffd \ufffd" in run_in(damaged, "cases").stdout


def test_verify_names_each_damaged_cell(damaged: Path) -> None:
    done = run_in(damaged, "verify", "--json")
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    (text,) = (c for c in report["checks"] if c["name"] == "text")
    found = {(p["table"], p["record_id"], p["subject"]) for p in text["problems"]}
    assert found == {
        ("matters", 1, f"matters 1 on {CASE}"),
        ("parties", 2, f"parties 2 on {CASE}"),
    }
    assert all("not UTF-8" in p["detail"] for p in text["problems"])
    assert report["ok"] is False
