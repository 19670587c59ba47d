"""`backup` and `restore` run as a person or a script would: `python -m desktop_app ...`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli_run import run_cli

pytestmark = pytest.mark.e2e


_run = run_cli


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith((".log", "-wal", "-shm")) and p.name != "lock"
    }


def test_sample_backup_restore_then_the_same_cases(tmp_path: Path) -> None:
    data, other, out = tmp_path / "data", tmp_path / "other", tmp_path / "out"
    assert _run(data, "sample").returncode == 0
    made = _run(data, "backup", str(out), "--json")
    assert made.returncode == 0, made.stderr
    summary = json.loads(made.stdout)
    assert summary["matters"] == 3
    assert summary["backup"] == str(out)

    done = _run(other, "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert "restored" in done.stdout
    assert "audit head entry" in done.stdout
    first = _run(data, "cases", "--json")
    second = _run(other, "cases", "--json")
    assert first.returncode == second.returncode == 0
    assert json.loads(first.stdout) == json.loads(second.stdout)

    again = _run(other, "restore", str(out))
    assert again.returncode == 2
    assert "holds 3 matters; run again with --replace" in again.stderr
    replaced = _run(other, "restore", str(out), "--replace", "--json")
    assert replaced.returncode == 0, replaced.stderr
    assert Path(json.loads(replaced.stdout)["kept_aside"]).is_dir()


def test_a_truncated_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    data, other, out = tmp_path / "data", tmp_path / "other", tmp_path / "out"
    assert _run(data, "sample").returncode == 0
    assert _run(other, "sample").returncode == 0
    assert _run(data, "backup", str(out)).returncode == 0
    database = out / "library.db"
    database.chmod(0o600)
    database.write_bytes(database.read_bytes()[:4096])
    before = _files(other)
    done = _run(other, "restore", str(out), "--replace")
    assert done.returncode == 3
    assert "cannot be restored" in done.stderr
    assert "truncated" in done.stderr
    assert "Traceback" not in done.stderr
    assert _files(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "home", "other", "out"]


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    assert _run(data, "sample").returncode == 0
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    done = _run(data, "backup", str(out))
    assert done.returncode == 2
    assert "not empty" in done.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_restore_of_something_that_is_not_a_backup(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _run(tmp_path / "data", "restore", str(empty))
    assert done.returncode == 2
    assert "not a Compliance Desk backup" in done.stderr
