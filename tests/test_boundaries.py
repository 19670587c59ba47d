"""The layers' boundaries hold, and the checks that guard them would catch a breach.

Each import contract in pyproject.toml is broken on purpose in a copy of the package, and
import-linter must then name that contract as broken; the copy as it is keeps every contract.
The database handle (`Library.db`) is read nowhere outside ``desktop_app.storage``: both faces
and the reports go through `Library.reads`.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop_app"
LINT = Path(sys.executable).with_name("lint-imports")

# (contract name as import-linter prints it, file to change, the import that breaks it)
BREACHES = [
    ("Only desktop_app.gui imports Qt", "reports/escape.py", "import PySide6"),
    ("The core imports no other layer", "core/text.py", "import desktop_app.storage.codec"),
    ("Layers beside the core stay independent", "storage/codec.py", "import desktop_app.ingest"),
    ("reportlab stays off the start-up path", "cli/common.py", "import reportlab"),
    ("Only the storage layer reaches the database", "gui/shell.py", "import sqlite_utils"),
    ("No circle of imports in the window", "gui/shell.py", "import desktop_app.gui.main_window"),
]


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "desktop_app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}  # the copy, not the installed package
    return subprocess.run(
        [str(LINT), "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    done = _lint(_copy(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    for name, _file, _line in BREACHES:
        assert f"{name} KEPT" in done.stdout


@pytest.mark.parametrize(("contract", "module", "line"), BREACHES, ids=[b[0] for b in BREACHES])
def test_a_contract_broken_on_purpose_is_reported(
    tmp_path: Path, contract: str, module: str, line: str
) -> None:
    root = _copy(tmp_path)
    target = root / "desktop_app" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", "utf-8")
    done = _lint(root)
    assert done.returncode != 0
    assert f"{contract} BROKEN" in done.stdout, done.stdout


def _reads_the_handle(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "db"
    ]


def test_no_module_outside_storage_reads_the_database_handle() -> None:
    outside = [p for p in PACKAGE.rglob("*.py") if "storage" not in p.relative_to(PACKAGE).parts]
    found = {str(p.relative_to(ROOT)): lines for p in outside if (lines := _reads_the_handle(p))}
    assert found == {}


def test_the_handle_check_sees_a_read(tmp_path: Path) -> None:
    sample = tmp_path / "face.py"
    sample.write_text("def f(library):\n    return library.db.execute('SELECT 1')\n")
    assert _reads_the_handle(sample) == [2]
