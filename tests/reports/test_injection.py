"""Markup payloads in every part of a memo, the draft included, open no file and no socket.

docs/reliability.md T17.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import desktop_app
from desktop_app.core.memos import new_draft
from desktop_app.core.models import MatterRecord
from desktop_app.reports.memo_data import case_memo
from desktop_app.reports.render import build
from tests.reports.conftest import EDITIONS, GENERATED_AT, pdf_text, squeezed

PAYLOADS = (
    '<font color="[[[">x</font>',
    '<img src="file:///etc/passwd"/>',
    '<img src="http://127.0.0.1:9/"/>',
    '<a href="javascript:alert(1)">a</a>',
    "a < b & c",
    "S&P 500",
)
ALLOWED = tuple(
    str(Path(root).resolve())
    for root in (Path(desktop_app.__file__).parent.parent, sys.prefix, sys.base_prefix)
)
opened: list[str] = []
watching = False


def _hook(event: str, args: tuple[object, ...]) -> None:
    if watching and event == "open" and isinstance(args[0], str | bytes | Path):
        opened.append(str(args[0]))


sys.addaudithook(_hook)


def _memo_pdf(record: MatterRecord) -> bytes:
    text = "\n\n".join(f"- **{p}** and *{p}*" for p in PAYLOADS)
    draft = replace(
        new_draft(record.matter),
        to=PAYLOADS[0],
        cc=PAYLOADS[1],
        re=PAYLOADS[2],
        legend=PAYLOADS[3],
        marking=PAYLOADS[4],
        facts=text,
        analysis=text,
        recommendation=text,
        open_questions=text,
    )
    memo = case_memo(
        record, date(2026, 12, 31), (1, "0" * 64), GENERATED_AT, None, editions=EDITIONS,
        draft=draft,
    )  # fmt: skip
    return build(memo, invariant=True)


def test_payloads_print_literally_and_reach_nothing_outside(
    sample_record: MatterRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    global watching  # noqa: PLW0603 - the audit hook cannot be removed, only told to listen
    _memo_pdf(sample_record)  # once first, so lazy imports inside reportlab are done

    def refuse(*_args: object) -> None:
        raise AssertionError("the memo build tried to connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    opened.clear()
    watching = True
    try:
        pdf = _memo_pdf(sample_record)
    finally:
        watching = False
    outside = [p for p in opened if not str(Path(p).resolve()).startswith(ALLOWED)]
    assert outside == []
    text = squeezed(pdf_text(pdf))
    for payload in PAYLOADS:
        assert squeezed(payload) in text
    assert "S&P 500" in pdf_text(pdf)
