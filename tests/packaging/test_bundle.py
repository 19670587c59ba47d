"""Smoke test of the built one-folder bundle, run as counsel's IT would run it.

Needs dist/compliance-desk/compliance-desk (``packaging/build.sh``; ``packaging/build.sh
--smoke`` builds and runs this file). Without a bundle every test here is skipped, so
``./test.sh`` passes on a fresh clone. The bundle runs with a bare environment: no Python
on PATH, no PYTHONPATH, a temporary HOME and library, offscreen. Screenshots of the bundle and of
the virtual environment are kept in dist/smoke/ to be looked at.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from desktop_app import __version__

ROOT = Path(__file__).parents[2]
FOLDER = ROOT / "dist" / "compliance-desk"
BUNDLE = FOLDER / "compliance-desk"
SHOTS = ROOT / "dist" / "smoke"
SAMPLE = ROOT / "resources" / "sample" / "correspondence"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(
        not BUNDLE.is_file(),
        reason="no built bundle at dist/compliance-desk/compliance-desk; "
        "build and test it with packaging/build.sh --smoke",
    ),
]


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with nothing of Python or the virtual environment in it."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


def run(args: list[str], home: Path, *, program: Path = BUNDLE, code: int = 0, **env: str) -> str:
    """Run the bundle with ``args``; check its exit code and return its stdout."""
    done = subprocess.run(
        [str(program), *args],
        env=bare_env(home, **env),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=home,
        check=False,
    )
    assert done.returncode == code, f"{args}: exit {done.returncode}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home folder, with a library holding the sample matters in home/lib."""
    folder = tmp_path_factory.mktemp("bundle-home")
    out = run(["--data-dir", "lib", "sample"], folder)
    assert "added EC-2026-0001" in out
    return folder


def test_version_is_the_package_version(tmp_path: Path) -> None:
    assert run(["--version"], tmp_path).strip() == f"compliance-desk {__version__}"


def test_memo_is_a_valid_pdf_with_the_shipped_fonts(home: Path) -> None:
    run(["--data-dir", "lib", "memo", "EC-2026-0001", "-o", "m.pdf"], home)
    pdf = home / "m.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("qpdf"):
        check = subprocess.run(
            ["qpdf", "--check", str(pdf)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("pdffonts"):
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert "DejaVuSans" in fonts
        assert "Helvetica" not in fonts


def test_verify_passes(home: Path) -> None:
    assert "0 problems" in run(["--data-dir", "lib", "verify"], home)


def test_search_json(home: Path) -> None:
    hits = json.loads(run(["--data-dir", "lib", "search", "quarterly", "--json"], home))
    assert hits
    assert all("quarterly" in hit["snippet"].lower() for hit in hits)


def test_show_computes_expiry_with_the_holiday_calendar(home: Path) -> None:
    record = json.loads(run(["--data-dir", "lib", "show", "EC-2026-0003", "--json"], home))
    assert record["matter"]["number"] == "EC-2026-0003"


def test_import_reads_files_in_child_processes(home: Path) -> None:
    """Spawned readers in a frozen program: multiprocessing.freeze_support in the entry."""
    files = [
        SAMPLE / "2026-09-11-tcp-briefing-confirmation.msg",
        SAMPLE / "2026-08-03-classification-request-cover-letter.pdf",
        home / "note.eml",
    ]
    files[2].write_text(
        "From: a@example.com\nTo: b@example.com\nSubject: Bundle smoke\n\nQuarterly check.\n",
        encoding="utf-8",
    )
    out = run(["--data-dir", "lib", "import", "EC-2026-0001", *map(str, files), "--json"], home)
    outcomes = [o["outcome"] for o in json.loads(out)]
    assert outcomes == ["imported", "imported", "imported"], out


def _screenshot(home: Path, name: str, program: list[str], **env: str) -> Image.Image:
    out = SHOTS / name
    SHOTS.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [*program, "--data-dir", str(home / "lib"), "screenshot", str(out)],
        env={**bare_env(home), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return Image.open(out).convert("RGB")


def different_pixels(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels that differ between two images of one size."""
    assert a.size == b.size
    diff = ImageChops.difference(a, b).convert("L")
    same = diff.histogram()[0]
    return 1 - same / (a.size[0] * a.size[1])


def test_screenshot_looks_like_the_one_from_the_virtual_environment(home: Path) -> None:
    bundle = _screenshot(home, "bundle.png", [str(BUNDLE)])
    venv = _screenshot(
        home, "venv.png", [sys.executable, "-m", "desktop_app"], PYTHONPATH=str(ROOT)
    )
    assert different_pixels(bundle, venv) <= 0.001


def test_window_has_text_without_system_fonts(home: Path, tmp_path: Path) -> None:
    """With fontconfig finding no font, the shipped DejaVu Sans draws the window."""
    empty = tmp_path / "fonts.conf"
    empty.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path}/fc</cachedir></fontconfig>\n',
        encoding="utf-8",
    )
    with_fonts = _screenshot(home, "bundle.png", [str(BUNDLE)])
    without = _screenshot(
        home, "bundle-no-system-fonts.png", [str(BUNDLE)], FONTCONFIG_FILE=str(empty)
    )
    assert different_pixels(with_fonts, without) <= 0.02


@pytest.mark.skipif(not shutil.which("strace"), reason="strace is not installed")
def test_never_opens_a_network_connection(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "strace.log"
    for args in (["search", "quarterly"], ["screenshot", str(tmp_path / "s.png")]):
        subprocess.run(
            [
                "strace",
                "-f",
                "-qq",
                "-e",
                "trace=socket,connect",
                "-o",
                str(log),
                str(BUNDLE),
                "--data-dir",
                str(home / "lib"),
                *args,
            ],
            env=bare_env(home),
            capture_output=True,
            timeout=120,
            check=True,
        )
        calls = log.read_text(encoding="utf-8")
        assert "AF_INET" not in calls, calls


@pytest.fixture
def portable_copy() -> Iterator[Path]:
    """The bundle hard-linked into a sibling folder (cheap), removed afterwards."""
    copy = FOLDER.with_name(".portable-test")
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["cp", "-al", str(FOLDER), str(copy)], check=True)
    yield copy
    shutil.rmtree(copy, ignore_errors=True)


def test_portable_txt_keeps_the_library_beside_the_program(
    portable_copy: Path, tmp_path: Path
) -> None:
    program = portable_copy / "compliance-desk"
    (portable_copy / "portable.txt").write_text("", encoding="utf-8")
    run(["sample"], tmp_path, program=program)
    assert (portable_copy / "data" / "library.db").is_file()
    assert not (tmp_path / ".local").exists()


def test_portable_flag_and_the_per_user_default(portable_copy: Path, tmp_path: Path) -> None:
    program = portable_copy / "compliance-desk"
    run(["cases"], tmp_path, program=program)
    assert (tmp_path / ".local" / "share" / "compliance-desk" / "library.db").is_file()
    run(["--portable", "cases"], tmp_path, program=program)
    assert (portable_copy / "data" / "library.db").is_file()
