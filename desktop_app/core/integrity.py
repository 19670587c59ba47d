"""What a library verification found: checks, named problems, figures, and the text report.

Plain data only; ``desktop_app.storage.integrity`` fills it in. Every problem names what a
person can look up (an audit entry's seq, a table and id, a document and its matter, a file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.serialize import to_plain
from desktop_app.core.text import visible

Progress = Callable[[int, int, str], None]

CHECK_TITLES: dict[str, str] = {
    "sqlite": "SQLite integrity check",
    "foreign_keys": "foreign keys",
    "text": "text cells (UTF-8)",
    "blobs": "stored originals (SHA-256, MD5, size)",
    "stray_files": "stray files in blobs/ and staging/",
    "audit_chain": "audit chain",
    "records": "records against the audit log",
    "anchor": "audit anchor and published heads",
}


@dataclass(frozen=True)
class Problem:
    """One thing found wrong, named so a person can find it: ``subject`` says where."""

    check: str
    subject: str
    detail: str
    seq: int | None = None
    table: str = ""
    record_id: int | None = None
    sha256: str = ""
    matters: tuple[str, ...] = ()

    def line(self) -> str:
        """The problem as one line of the text report (control characters escaped)."""
        return visible(f"{CHECK_TITLES.get(self.check, self.check)}: {self.subject}: {self.detail}")


@dataclass(frozen=True)
class CheckResult:
    """One check: its name, the problems it lists, and how many more it found but left off."""

    name: str
    problems: tuple[Problem, ...] = ()
    more: int = 0

    @property
    def ok(self) -> bool:
        """True when the check found nothing wrong."""
        return not self.problems and not self.more

    @property
    def count(self) -> int:
        """How many problems the check found (listed or not)."""
        return len(self.problems) + self.more


@dataclass(frozen=True)
class Figures:
    """How much was verified and how long it took."""

    documents: int = 0
    audit_entries: int = 0
    records: int = 0
    blobs: int = 0
    blob_bytes: int = 0
    hash_seconds: float = 0.0
    audit_seconds: float = 0.0
    seconds: float = 0.0
    published_heads: int = 0

    @property
    def hash_mb_per_s(self) -> float:
        """Fixity throughput in MB/s (0 when nothing was hashed)."""
        return self.blob_bytes / 1e6 / self.hash_seconds if self.hash_seconds > 0 else 0.0


@dataclass(frozen=True)
class VerifyReport:
    """Every check of one verification, with its figures."""

    checks: tuple[CheckResult, ...]
    figures: Figures = field(default_factory=Figures)

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(c.ok for c in self.checks)

    @property
    def problem_count(self) -> int:
        """How many problems were found in all."""
        return sum(c.count for c in self.checks)


def report_lines(report: VerifyReport) -> list[str]:
    """The text report: one line per problem, a figures line, then the summary line."""
    lines: list[str] = []
    for check in report.checks:
        lines += [p.line() for p in check.problems]
        if check.more:
            lines.append(f"{CHECK_TITLES.get(check.name, check.name)}: … and {check.more} more")
    f = report.figures
    lines.append(
        f"Checked {f.blobs} stored originals ({f.blob_bytes / 1e6:.1f} MB hashed at "
        f"{f.hash_mb_per_s:.0f} MB/s), {f.audit_entries} audit entries, {f.records} records "
        f"and {f.published_heads} published heads in {f.seconds:.2f} s"
    )
    problems = report.problem_count
    lines.append(
        f"Library verified: {f.documents} documents, {f.audit_entries} audit entries, "
        f"{problems} problem{'' if problems == 1 else 's'}"
    )
    return lines


def report_plain(report: VerifyReport) -> dict[str, Any]:
    """The report as one JSON-ready document (``verify --json``)."""
    figures = to_plain(report.figures)
    figures["hash_mb_per_s"] = round(report.figures.hash_mb_per_s, 1)
    return {
        "ok": report.ok,
        "problems": report.problem_count,
        "checks": [
            {
                "name": c.name,
                "title": CHECK_TITLES.get(c.name, c.name),
                "ok": c.ok,
                "problems": [{**to_plain(p), "text": p.line()} for p in c.problems],
                "more": c.more,
            }
            for c in report.checks
        ],
        "figures": figures,
    }
