"""Peak memory of an import, parent and reader apart, for hostile and very large inputs.

    .venv/bin/python -m benchmarks.import_memory [--gib 3] [--keep DIR]

Builds the inputs of issue 16 point 1 in a temporary folder — a 39 MB DOCX whose
``document.xml`` unpacks to 900 MB of elements, a 410 MB email with one attachment, and a
file of ``--gib`` GiB — and imports each into a fresh library with the real isolated readers,
in a process of its own. For each it prints the outcome, the seconds, and the peak resident
memory of the importing process (``VmHWM``) and of its reader (``ru_maxrss`` of its waited-for
children). Needs about ``--gib`` + 2 GB free on the disk of the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

_RUN = """
import json, resource, sys, time
from pathlib import Path
from desktop_app.core.models import Matter
from desktop_app.core.enums import MatterKind
from desktop_app.core.services import MatterService
from desktop_app.importing import import_files
from desktop_app.storage.library import Library
from desktop_app.paths import LibraryPaths
library = Library.open(LibraryPaths(Path(sys.argv[1])), write=True)
draft = Matter(title="memory", kind=MatterKind.LICENSE_APPLICATION, number="EC-2026-0001")
MatterService(library, "bench").create_matter(draft)
started = time.monotonic()
outcomes = import_files(library, "EC-2026-0001", [Path(sys.argv[2])], "bench", lambda *_: None)
seconds = time.monotonic() - started
library.close()
print(json.dumps({
    "outcome": f"{outcomes[0].outcome.value}: {outcomes[0].reason}"[:90],
    "seconds": round(seconds, 1),
    "parent_mib": next(
        int(line.split()[1]) // 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    ),
    "reader_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
}))
"""


def docx_bomb(path: Path, unpacked: int = 900_000_000) -> None:
    """A DOCX whose document.xml is ``unpacked`` bytes of text-less paragraphs (ratio ~25)."""
    rng = random.Random(16)  # noqa: S311 - test input, not a secret
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>'
            )
            written = 0
            while written < unpacked:
                block = "".join(
                    f'<w:p w:rsidR="{rng.getrandbits(6):08X}"><w:r/></w:p>' for _ in range(20_000)
                ).encode()
                part.write(block)
                written += len(block)
            part.write(b"</w:body></w:document>")


def big_email(path: Path, attachment: int = 300_000_000) -> None:
    """An email of about 410 MB: one base64 attachment of ``attachment`` random bytes."""
    with path.open("wb") as out:
        out.write(
            b"From: a@example.com\r\nTo: b@example.com\r\nSubject: large\r\n"
            b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--B\r\n"
            b'Content-Type: application/octet-stream; name="scan.bin"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n"
        )
        import base64  # noqa: PLC0415

        left = attachment
        while left > 0:
            chunk = os.urandom(min(left, 57 * 100_000))
            out.write(base64.encodebytes(chunk).replace(b"\n", b"\r\n"))
            left -= len(chunk)
        out.write(b"--B--\r\n")


def big_file(path: Path, gib: float) -> None:
    """A file of ``gib`` GiB of random-looking bytes (written in 64 MiB chunks)."""
    block = os.urandom(64 << 20)
    with path.open("wb") as out:
        for _ in range(int(gib * 16)):
            out.write(block)


def measure(folder: Path, source: Path) -> dict[str, object]:
    """Import ``source`` into a fresh library in its own process; its figures."""
    library = folder / f"lib-{source.name}"
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(library), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"the import of {source.name} failed:\n{done.stderr}")
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["input"] = f"{source.name} ({source.stat().st_size / 1e6:,.0f} MB)"
    return figures


def main() -> None:
    """Build the inputs, import each, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=3.0)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        inputs = [folder / "bomb.docx", folder / "large.eml", folder / "huge.bin"]
        docx_bomb(inputs[0])
        big_email(inputs[1])
        big_file(inputs[2], args.gib)
        print(f"{'input':28} {'parent MiB':>10} {'reader MiB':>10} {'s':>6}  outcome")
        for source in inputs:
            row = measure(folder, source)
            print(
                f"{row['input']:28} {row['parent_mib']:>10} {row['reader_mib']:>10} "
                f"{row['seconds']:>6}  {row['outcome']}"
            )
            source.unlink()


if __name__ == "__main__":
    main()
