"""Turning an original's recorded name into a safe name for a copy outside the library.

The name an email gives an attachment is data, never a path: it may be ``../../x``, ``CON``,
300 characters long, or hide ``.exe`` behind a right-to-left override. The library stores
originals under their hash; only "Save as" and "Open" need a file name, and they get this one.
"""

from __future__ import annotations

import unicodedata

RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{stem}{n}" for stem in ("COM", "LPT") for n in range(1, 10)
}
FORBIDDEN = set('<>:"/\\|?*')
MAX_NAME = 120
RISKY = frozenset(
    {
        # Windows programs, installers, scripts and shell items
        *("exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "mst", "msix", "msixbundle"),
        *("appx", "appxbundle", "application", "appref-ms", "gadget", "cpl", "dll", "ocx"),
        *("sys", "drv", "inf", "ins", "isp", "reg", "lnk", "url", "website", "scf", "shb", "shs"),
        *("library-ms", "searchconnector-ms", "settingcontent-ms", "msc", "chm", "hlp", "hta"),
        *("js", "jse", "vbs", "vbe", "vb", "vba", "wsf", "wsh", "wsc", "ws", "sct", "ps1"),
        *("psm1", "psd1", "ps1xml", "psc1", "msh", "mshxml", "cab", "vhd", "vhdx", "img", "iso"),
        # macOS and Linux: launchers, scripts, installers, disk images
        *("desktop", "command", "tool", "terminal", "webloc", "inetloc", "fileloc", "app"),
        *("workflow", "action", "scpt", "applescript", "pkg", "mpkg", "dmg", "appimage", "run"),
        *("sh", "bash", "csh", "ksh", "zsh", "fish", "deb", "rpm", "jar", "py", "pl", "rb"),
        # Office with macros or add-ins, OneNote, pages that run script
        *("docm", "dotm", "xlsm", "xltm", "xlam", "xla", "xll", "pptm", "potm", "ppam", "ppsm"),
        *("sldm", "one", "onepkg", "html", "htm", "xhtml", "mht", "mhtml", "svg", "xsl"),
    }
)
"""Types that can run code when opened (Windows, macOS, Linux, Office add-ins and macros)."""


def safe_filename(name: str, sha256: str) -> str:
    """A name safe on Windows, macOS and Linux that keeps as much of ``name`` as it can."""
    cleaned = "".join(_safe_char(ch) for ch in name).strip(" .")
    stem, dot, ext = cleaned.rpartition(".")
    if not dot:
        stem, ext = cleaned, ""
    if stem.split(".")[0].upper() in RESERVED:
        stem = f"_{stem}"
    ext = ext[:16]
    stem = stem[: MAX_NAME - len(ext) - 1]
    result = f"{stem}.{ext}" if ext and stem else stem or ext
    return result or f"document-{sha256[:12]}"


def _safe_char(ch: str) -> str:
    if ch in FORBIDDEN or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co"):
        return "_"
    return ch


def is_risky(name: str) -> bool:
    """True when opening a file of this type could run code (scripts, programs, macros)."""
    return safe_filename(name, "0" * 64).rpartition(".")[2].casefold() in RISKY
