"""The real command, run as a person or a script would: `python -m desktop_app ...`."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app import __version__
from tests.e2e.cli_run import given_sample, run_cli

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).parents[2]


_run = run_cli


def _json(data_dir: Path, *args: str) -> Any:
    done = _run(data_dir, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_version(data_dir: Path) -> None:
    done = _run(data_dir, "--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"compliance-desk {__version__}"


def test_sample_then_cases_and_show(data_dir: Path) -> None:
    added = _run(data_dir, "sample")
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("added EC-2026-") == 3

    cases = _json(data_dir, "cases")
    assert [c["number"] for c in cases] == ["EC-2026-0001", "EC-2026-0002", "EC-2026-0003"]

    shown = _json(data_dir, "show", "EC-2026-0001")
    assert shown["matter"]["number"] == "EC-2026-0001"
    roles = [p["role"] for p in shown["parties"]]
    assert roles.count("annex_a_entity") >= 5
    assert roles.count("foreign_national") >= 8
    assert shown["items"]
    assert shown["activities"]
    people = [p for p in shown["parties"] if p["kind"] == "individual"]
    assert people
    assert all({"country", "reason"} <= set(p["deemed_destination"]) for p in people)
    assert any(p["deemed_destination"]["country"] for p in people)

    again = _run(data_dir, "sample")
    assert again.returncode == 0, again.stderr
    assert "added" not in again.stdout
    assert _json(data_dir, "cases") == cases
    assert _json(data_dir, "show", "EC-2026-0001") == shown


def test_an_unknown_matter_is_bad_input_without_a_traceback(data_dir: Path) -> None:
    done = _run(data_dir, "show", "EC-9999-0001")
    assert done.returncode == 2
    assert "EC-9999-0001" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_a_damaged_library_is_a_library_problem_without_a_traceback(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "library.db").write_bytes(b"\x00\xff garbage " * 4096)
    done = _run(data_dir, "cases")
    assert done.returncode == 3
    assert "damaged" in done.stderr
    assert "Restore" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_locked_library_is_explained_and_still_readable(data_dir: Path) -> None:
    from desktop_app.paths import LibraryPaths
    from desktop_app.storage.library import Library

    given_sample(data_dir)
    holder = Library.open(LibraryPaths(data_dir), write=True)
    try:
        refused = _run(data_dir, "sample")
        assert refused.returncode == 3
        assert "Another Compliance Desk" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert len(_json(data_dir, "cases")) == 3
        out = data_dir.parent / "while-open.png"  # the window has the library: screenshot reads
        shot = _run(data_dir, "screenshot", str(out), "--view", "docket")
        assert shot.returncode == 0, shot.stderr
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        holder.close()


def test_screenshot_writes_a_png(data_dir: Path, tmp_path: Path) -> None:
    given_sample(data_dir)
    out = tmp_path / "matter.png"
    done = _run(data_dir, "screenshot", str(out), "--case", "EC-2026-0003", "--view", "parties")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    missing = _run(data_dir, "screenshot", str(tmp_path / "x.png"), "--case", "EC-2030-0001")
    assert missing.returncode == 2
    assert "No matter numbered" in missing.stderr


def test_the_installed_console_script_runs(data_dir: Path) -> None:
    script = Path(sys.executable).with_name("compliance-desk")
    done = subprocess.run(
        [str(script), "--data-dir", str(data_dir), "cases", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_a_data_dir_that_is_a_file_is_explained(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    done = _run(not_a_folder, "cases")
    assert done.returncode == 3
    assert "Choose a folder you can write to" in done.stderr
    assert "Traceback" not in done.stderr


CORPUS = REPO_ROOT / "tests" / "data" / "email"


def test_import_reports_each_file_and_keeps_originals_exact(data_dir: Path, tmp_path: Path) -> None:
    given_sample(data_dir)
    email = CORPUS / "mikel-mail" / "attachment_pdf.eml"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = _run(data_dir, "import", "EC-2026-0002", str(email), str(email), str(empty), "--json")
    assert done.returncode == 2, done.stderr
    first, again, refused = json.loads(done.stdout)
    assert first["outcome"] == "imported"
    assert first["sha256"] == hashlib.sha256(email.read_bytes()).hexdigest()
    assert first["children"] >= 1
    assert again["outcome"] == "duplicate"
    assert refused["outcome"] == "quarantined"
    assert "empty" in refused["reason"]
    blob = data_dir / "blobs" / first["sha256"][:2] / first["sha256"][2:4] / first["sha256"]
    assert blob.read_bytes() == email.read_bytes()
    shown = _json(data_dir, "show", "EC-2026-0002")
    filed = next(d for d in shown["documents"] if d["id"] == first["document_id"])
    assert filed["kind"] == "email"
    assert filed["sender"]
    assert filed["children"][0]["media_type"] == "application/pdf"
    assert shown["quarantined"][0]["reason"] == refused["reason"]


def test_import_sets_the_direction_of_a_file_and_its_attachments(data_dir: Path) -> None:
    given_sample(data_dir)
    email = CORPUS / "mikel-mail" / "attachment_pdf.eml"
    done = _run(data_dir, "import", "EC-2026-0002", str(email), "--direction", "incoming")
    assert done.returncode == 0, done.stderr
    shown = _json(data_dir, "show", "EC-2026-0002")
    filed = next(d for d in shown["documents"] if d["filename"] == email.name)
    assert filed["direction"] == "incoming"
    assert filed["children"][0]["direction"] == "incoming"
    wrong = _run(data_dir, "import", "EC-2026-0002", str(email), "--direction", "inbound")
    assert wrong.returncode == 2
    assert "invalid choice: 'inbound'" in wrong.stderr


def test_agenda_and_decisions_of_the_sample(data_dir: Path) -> None:
    given_sample(data_dir)
    rows = _json(data_dir, "agenda", "--as-of", "2026-12-31", "--days", "45")
    overdue = [r for r in rows if r["kind"] == "obligation" and r["state"] == "overdue"]
    assert overdue
    assert {r["matter_number"] for r in overdue} == {"EC-2026-0001"}
    assert any(r["kind"] == "bis_clock" and r["matter_number"] == "EC-2026-0003" for r in rows)
    assert any(r["kind"] == "license" and r["state"] == "expiring" for r in rows)
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    shown = _json(data_dir, "show", "EC-2026-0001")
    assert shown["licenses"][0]["expires_on"]
    lifted = next(x for x in shown["letters"] if x["effect"] == "removes_requirement")
    assert len(lifted["annex_a"]) >= 5
    assert all(row["party_id"] for row in lifted["annex_a"])
    conditions = shown["conditions"]
    assert any(c["next_due"] for c in conditions)
    assert {c["status"] for c in conditions} >= {"active"}
    coverage = shown["coverage"]
    assert [c["party_id"] for c in coverage] == [p["id"] for p in shown["parties"]]
    assert {c["answer"] for c in coverage} <= {"covered", "not_covered", "needs_review"}
    assert all(c["as_of"] == shown["as_of"] for c in coverage)
    assert all(c["factors"] and all(f["source"] for f in c["factors"]) for c in coverage)
    assert all(c["summary"].startswith(c["answer"].replace("_", " ")) for c in coverage)
    bad = _run(data_dir, "agenda", "--as-of", "31/12/2026")
    assert bad.returncode == 2
    assert "not a date" in bad.stderr


class _ClosedPipe:
    """A stdout whose reader has gone away once the command's output is buffered."""

    def __init__(self, fileno: int) -> None:
        self._fileno = fileno
        self.written: list[str] = []
        self.flushes = 0

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        self.flushes += 1
        raise BrokenPipeError

    def fileno(self) -> int:
        return self._fileno


def test_output_left_in_the_buffer_for_a_gone_reader_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.cli import main

    spare = tmp_path / "stdout"
    with spare.open("w") as target:
        pipe = _ClosedPipe(target.fileno())
        monkeypatch.setattr(sys, "stdout", pipe)
        assert main(["--data-dir", str(tmp_path / "data"), "cases", "--json"]) == 0
    assert pipe.written  # the command wrote; only the final flush met the closed pipe
    assert pipe.flushes == 1  # flushed before main returned, not left to the interpreter's exit


def test_a_refusal_with_json_is_json_on_standard_output(tmp_path: Path) -> None:
    done = _run(tmp_path / "lib", "show", "EC-2099-0001", "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout) == {
        "error": "No matter numbered 'EC-2099-0001'. `compliance-desk cases` lists them.",
        "exit_code": 2,
    }
    assert "No matter numbered" in done.stderr


def test_an_empty_data_dir_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", "", "cases"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "--data-dir was given an empty folder name" in done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="a display is DISPLAY or WAYLAND_DISPLAY here")
def test_the_window_without_a_display_says_so_and_stops(tmp_path: Path) -> None:
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = run_cli(tmp_path / "lib", "gui", env=env)
    assert done.returncode == 2
    assert "no display found" in done.stderr
    assert "the window cannot be shown" in done.stderr
    assert not (tmp_path / "lib" / "library.db").exists()  # no library was opened
