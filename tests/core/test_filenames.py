"""Safe names for copies of originals: no path, no device name, no hidden extension."""

from __future__ import annotations

import pytest

from desktop_app.core.filenames import is_risky, safe_filename

SHA = "ab" * 32


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("letter.pdf", "letter.pdf"),
        ("../../x", "_.._x"),
        ("..\\..\\x", "_.._x"),
        ("/etc/passwd", "_etc_passwd"),
        ("C:\\Windows\\win.ini", "C__Windows_win.ini"),
        ("\\\\server\\share\\f.txt", "__server_share_f.txt"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("COM1.pdf", "_COM1.pdf"),
        ("CONIN$", "_CONIN$"),
        ("invoice\u202efdp.exe", "invoice_fdp.exe"),
        ("a\x00b.txt", "a_b.txt"),
        ("trailing. ", "trailing"),
        ("", "document-abababababab"),
        (".", "document-abababababab"),
        ("..", "document-abababababab"),
        ("Zoë Ångström.pdf", "Zoë Ångström.pdf"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name, SHA) == expected


def test_long_names_keep_their_extension() -> None:
    result = safe_filename("a" * 300 + ".pdf", SHA)
    assert len(result) <= 120
    assert result.endswith(".pdf")


def test_every_result_is_a_plain_name(blns: list[str]) -> None:
    for name in blns:
        result = safe_filename(name, SHA)
        assert result
        assert "/" not in result
        assert "\\" not in result
        assert result not in (".", "..")
        assert len(result) <= 120


@pytest.mark.parametrize(
    ("name", "risky"),
    [
        ("run.exe", True),
        ("invoice\u202efdp.exe", True),
        ("macro.DOCM", True),
        ("letter.pdf", False),
        ("notes.txt", False),
        ("page.html", True),
        # launchers and shell items that run code on a double click (issue 16 point 9)
        *((f"evidence.{ext}", True) for ext in ("desktop", "command", "url", "scf", "chm")),
        *((f"evidence.{ext}", True) for ext in ("msc", "xll", "one", "Desktop", "webloc")),
        ("letter.docx", False),
        ("mail.eml", False),
        ("mail.msg", False),
        ("sheet.xlsx", False),
    ],
)
def test_risky_types(name: str, risky: bool) -> None:
    assert is_risky(name) is risky
