"""The memo and report commands, run for real: `python -m desktop_app memo CASE -o m.pdf`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e


_run = run_in


def test_memo_and_docket_report(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    done = _run(tmp_path, "memo", "EC-2026-0001", "-o", "m.pdf")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "m.pdf"
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF-")

    conditions = _run(tmp_path, "memo", "ec-2026-0001", "--kind", "conditions")
    assert conditions.returncode == 0, conditions.stderr
    assert (tmp_path / "EC-2026-0001-conditions.pdf").read_bytes().startswith(b"%PDF-")

    docket = _run(tmp_path, "report", "docket")
    assert docket.returncode == 0, docket.stderr
    assert (tmp_path / "docket-report.pdf").read_bytes().startswith(b"%PDF-")

    missing = _run(tmp_path, "memo", "EC-2030-0001")
    assert missing.returncode == 2
    assert "EC-2030-0001" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_issuing_a_memo_files_it_as_an_outgoing_document(tmp_path: Path) -> None:
    import hashlib
    import json

    given_sample(tmp_path / "data")
    first = _run(tmp_path, "memo", "EC-2026-0002", "--issue", "-o", "m1.pdf")
    assert first.returncode == 0, first.stderr
    assert "issued as document" in first.stdout
    shown = _run(tmp_path, "show", "EC-2026-0002", "--json")
    memos = [d for d in json.loads(shown.stdout)["documents"] if d["kind"] == "memo"]
    assert len(memos) == 1
    assert memos[0]["direction"] == "outgoing"
    assert memos[0]["sha256"] == hashlib.sha256((tmp_path / "m1.pdf").read_bytes()).hexdigest()


def test_issuing_to_a_path_that_cannot_be_written_issues_nothing(tmp_path: Path) -> None:
    import json

    given_sample(tmp_path / "data")
    bad = _run(tmp_path, "memo", "EC-2026-0002", "--issue", "-o", "no-such-folder/m.pdf")
    assert bad.returncode == 2
    assert "cannot write no-such-folder/m.pdf" in bad.stderr
    shown = json.loads(_run(tmp_path, "show", "EC-2026-0002", "--json").stdout)
    assert [d for d in shown["documents"] if d["kind"] == "memo"] == []  # a retry issues once


def test_an_email_subject_that_is_markup_prints_as_typed_in_the_chronology(
    tmp_path: Path,
) -> None:
    from email.message import EmailMessage

    from pypdf import PdfReader

    subject = '<font color="[[[">Re: <b>scope</b></font> <img src="file:///etc/passwd"/> S&P 500'
    message = EmailMessage()
    message["From"] = "Outside Counsel <counsel@example.com>"
    message["To"] = "legal@example.com"
    message["Subject"] = subject
    message["Date"] = "Tue, 07 Jul 2026 09:30:00 +0000"
    message.set_content("Illustrative test email.")
    (tmp_path / "payload.eml").write_bytes(bytes(message))
    given_sample(tmp_path / "data")
    imported = _run(tmp_path, "import", "EC-2026-0002", "payload.eml")
    assert imported.returncode == 0, imported.stderr
    assert _run(tmp_path, "memo", "EC-2026-0002", "-o", "m.pdf").returncode == 0
    reader = PdfReader(tmp_path / "m.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "".join(subject.split()) in "".join(text.split())


def test_paper_setting_and_draft_versions(tmp_path: Path) -> None:
    from pypdf import PdfReader

    given_sample(tmp_path / "data")
    assert _run(tmp_path, "paper").stdout.strip() == "letter"
    assert _run(tmp_path, "paper", "a4").stdout.strip() == "a4"
    done = _run(tmp_path, "memo", "EC-2026-0001", "--draft", "1", "-o", "m.pdf")
    assert done.returncode == 0, done.stderr
    page = PdfReader(tmp_path / "m.pdf").pages[0]
    assert round(float(page.mediabox.width)) == 595
    assert "General Counsel" in page.extract_text()  # the sample draft's To line
    missing = _run(tmp_path, "memo", "EC-2026-0001", "--draft", "9")
    assert missing.returncode == 2
    assert "no memo draft version 9" in missing.stderr
    assert _run(tmp_path, "paper", "legal").returncode == 2


def test_reports_take_to_from_and_cc(tmp_path: Path) -> None:
    from pypdf import PdfReader

    given_sample(tmp_path / "data")
    done = _run(
        tmp_path, "report", "conditions", "--to", "Audit Committee", "--from", "Jane Doe",
        "--cc", "", "-o", "c.pdf",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "c.pdf").pages).split())
    assert "To: Audit Committee From: Jane Doe CC: —" in text
    blank = _run(tmp_path, "report", "docket", "--to", " ", "-o", "d.pdf")
    assert blank.returncode == 2
    assert "To is required" in blank.stderr
    assert not (tmp_path / "d.pdf").exists()


def test_an_issued_memo_says_issued_on_every_page_and_a_draft_says_draft(tmp_path: Path) -> None:
    from pypdf import PdfReader

    given_sample(tmp_path / "data")
    assert _run(tmp_path, "memo", "EC-2026-0001", "-o", "draft.pdf").returncode == 0
    assert _run(tmp_path, "memo", "EC-2026-0001", "--issue", "-o", "issued.pdf").returncode == 0
    drafts = [p.extract_text() for p in PdfReader(tmp_path / "draft.pdf").pages]
    issued = [p.extract_text() for p in PdfReader(tmp_path / "issued.pdf").pages]
    assert all("DRAFT — draft version 1 — not issued" in page for page in drafts)
    assert all("ISSUED " in page and "— draft version 1" in page for page in issued)


def test_a_draft_printed_after_an_issue_says_where_the_issued_memo_is(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    before = _run(tmp_path, "memo", "EC-2026-0002", "-o", "d0.pdf")
    assert "this is a DRAFT" not in before.stdout  # nothing issued yet: nothing to point to
    issued = _run(tmp_path, "memo", "EC-2026-0002", "--issue", "-o", "m1.pdf")
    number = issued.stdout.split("issued as document ")[1].split()[0]
    draft = _run(tmp_path, "memo", "EC-2026-0002", "-o", "d1.pdf")
    assert draft.returncode == 0, draft.stderr
    assert f"the memo last issued is document {number}" in draft.stdout
    copy = _run(tmp_path, "original", "EC-2026-0002", number, "-o", "again.pdf")
    assert copy.returncode == 0, copy.stderr
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "m1.pdf").read_bytes()
