"""The memory ceiling of an import, measured from the reader's and the parent's peak RSS.

Each import runs in a fresh Python process (so earlier tests' peaks do not count); it prints
its own peak (``VmHWM``: ``ru_maxrss`` would carry the peak of the test process it was forked
from across ``exec``) and its reader's (``RUSAGE_CHILDREN``, the reader having been joined).
A whole-tree parse of the DOCX below peaks near 600 MB; the streamed one stays near the size of
the file plus the interpreter.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

MIB = 1024 * 1024
_RUN = """
import json, resource, sys
from pathlib import Path
from desktop_app.importing import FileReader
staging = Path(sys.argv[2])
with FileReader.isolated() as reader:
    result = reader(Path(sys.argv[1]), staging)
print(json.dumps({
    "kind": type(result).__name__,
    "text": len(getattr(result, "text", "")),
    "reason": getattr(result, "reason", ""),
    "staged": result.staged.size if result.staged else 0,
    "parent": next(
        int(line.split()[1]) * 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    ),
    "reader": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
}))
"""


def _peaks(source: Path, staging: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(source), str(staging)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB as Linux reports it")
def test_a_docx_of_many_elements_is_read_within_the_ceiling(tmp_path: Path) -> None:
    rng = random.Random(16)
    source = tmp_path / "many.docx"
    body = "".join(f'<w:p w:rsidR="{rng.getrandbits(6):08X}"><w:r/></w:p>' for _ in range(900_000))
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}<w:p><w:r><w:t>ECCN 4E091</w:t></w:r></w:p></w:body></w:document>",
        )
    staging = tmp_path / "staging"
    staging.mkdir()
    figures = _peaks(source, staging)
    assert figures["kind"] == "ParsedFile"
    assert figures["text"] == len("ECCN 4E091")  # the empty paragraphs leave no lines
    assert int(str(figures["reader"])) < 200 * MIB
    assert int(str(figures["parent"])) < 100 * MIB


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB as Linux reports it")
def test_a_file_past_the_read_limit_is_copied_not_held(tmp_path: Path) -> None:
    source = tmp_path / "scan.bin"
    with source.open("wb") as out:
        block = random.Random(3).randbytes(MIB)
        for _ in range(300):
            out.write(block)
    staging = tmp_path / "staging"
    staging.mkdir()
    figures = _peaks(source, staging)
    assert figures["kind"] == "Rejected"
    assert str(figures["reason"]).startswith("too large to read: 314.6 MB")
    assert figures["staged"] == 300 * MIB  # the copy is kept for the quarantine
    assert int(str(figures["reader"])) < 100 * MIB
    assert int(str(figures["parent"])) < 100 * MIB
