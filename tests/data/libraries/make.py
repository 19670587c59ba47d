"""Make the fixture libraries: the sample matters as each earlier version of the app filed them.

For each schema version, the commit of this repository whose newest migration it was is checked
out into a temporary worktree, and that version's own ``compliance-desk sample`` builds a library
(with that version's services, audit chain and search index). The library folder, without its
lock, logs and backups, is packed into ``schema-NNNN.tar.xz`` here. tests/storage/
test_fixture_libraries.py upgrades a copy of each with today's code and verifies it.

Run from the repository root: ``.venv/bin/python tests/data/libraries/make.py [NNNN ...]``
(every version, or only those named: a new migration needs only its own). It needs the git
history and writes only into this folder and a temporary one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

# schema version -> the commit whose newest migration it is (the parent of the commit that
# added the next migration; the last one is the commit that added it).
VERSIONS = {
    "0001": "2288856^",
    "0002": "80472b8^",
    "0003": "9ad7785^",
    "0004": "63ee4ae^",
    "0005": "c7fc07a^",
    "0006": "74f9519^",
    "0007": "5b6c081^",
    "0008": "9145855^",
    "0009": "b6f720c",  # 6878d6d and f82c696 need the migrations 1210e81 brought
    "0011": "e9821c3^",
    "0012": "e9821c3",
    "0013": "7851a59",
    "0014": "5eb8bc1",
    "0015": "9d80c15",
}
KEPT = ("library.db", "blobs")


def build(schema: str, commit: str, work: Path) -> Path:
    """Build the sample library with the code of ``commit``; return its folder."""
    tree = work / f"tree-{schema}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), commit],
                   check=True)  # fmt: skip
    try:
        library = work / f"library-{schema}"
        env = {
            **os.environ,
            "PYTHONPATH": str(tree),
            "HOME": str(work / "home"),
            "COMPLIANCE_DESK_KEY_DIR": str(work / "keys"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        run = [sys.executable, "-c", "import sys; from desktop_app.cli import main; "
               "sys.exit(main(sys.argv[1:]))", "--data-dir", str(library), "sample"]  # fmt: skip
        subprocess.run(run, check=True, env=env, cwd=tree)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                       check=True)  # fmt: skip
    return library


def pack(schema: str, library: Path) -> Path:
    """Pack the library's database and originals into this folder."""
    out = HERE / f"schema-{schema}.tar.xz"
    with tarfile.open(out, "w:xz") as tar:
        for name in KEPT:
            if (library / name).exists():
                tar.add(library / name, arcname=f"library/{name}")
    return out


def main(wanted: list[str]) -> int:
    """Build and pack every version, or the ``wanted`` ones."""
    unknown = [w for w in wanted if w not in VERSIONS]
    if unknown:
        print(f"no such schema version: {', '.join(unknown)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp:
        for schema, commit in VERSIONS.items():
            if wanted and schema not in wanted:
                continue
            packed = pack(schema, build(schema, commit, Path(temp)))
            print(f"{packed.name}: {packed.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
