"""Coverage answers as terminal text: one block per row, read from the plain view.

Each block says who, which item, which activity (its type and date, or "undated, as of D"), the
answer in capitals, its basis and summary, then every factor (outcome, dimension, detail,
source), the facts still missing and the caveats. Anything a person typed is shown with
``visible`` so a control or direction-override character cannot disguise a line.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from desktop_app.cli.wrap import wrap_words
from desktop_app.core.coverage_model import Answer, Outcome
from desktop_app.core.coverage_plain import row_subject, summary_line
from desktop_app.core.text import visible

Plain = dict[str, Any]
INDENT = "  "


def coverage_text(document: Plain) -> str:
    """The whole ``coverage`` output: a heading line, then one block per row."""
    rows: list[Plain] = document["rows"]
    head = f"{document['matter']}: coverage as of {document['as_of']}, {_counts(rows)}"
    if not rows:
        return head + "\nNo parties to answer for."
    return "\n\n".join([head, *(row_block(row) for row in rows)])


def row_block(row: Plain) -> str:
    """One row: the who/what/which line, then the answer and what it rests on."""
    return "\n".join([_subject(row), *answer_lines(row)])


def party_coverage_lines(view: Plain) -> list[str]:
    """``show``'s coverage part: each party row's answer as of the day asked, with its factors."""
    answers: list[Plain] | None = view.get("coverage")
    if answers is None:
        return []
    lines = ["", f"Coverage as of {view['as_of']}:"]
    if not answers:
        lines.append(f"{INDENT}none: the matter has no items")
    for answer in answers:
        lines.append(f"{INDENT}{visible(answer['party'])}")
        lines += answer_lines(answer, INDENT * 2)
    return lines


def answer_lines(answer: Plain, indent: str = INDENT) -> list[str]:
    """The answer (capitals), basis, summary, factors, missing facts and caveats, indented."""
    label = Answer(answer["answer"]).label.upper()
    basis, said = visible(answer["basis"]), visible(summary_line(answer))
    first = basis or said
    lines = wrap_words(f"{label} — {first}" if first else label, indent, indent * 2)
    if basis and said:
        lines += wrap_words(said, indent)
    if answer["factors"]:
        lines.append(f"{indent}Factors:")
        for factor in answer["factors"]:
            lines += factor_lines(factor, indent + INDENT)
    lines += _listed("Missing", answer["missing"], indent)
    lines += _listed("Caveats", answer["caveats"], indent)
    return lines


def factor_lines(factor: Plain, indent: str = INDENT * 2) -> list[str]:
    """``pass     dimension: detail`` then the source on its own line, both wrapped."""
    outcome = Outcome(factor["outcome"]).label.lower()
    text = f"{outcome:<8} {visible(factor['dimension'])}: {visible(factor['detail'])}"
    hanging = indent + " " * 9
    lines = wrap_words(text, indent, hanging)
    if factor["source"]:
        lines += wrap_words(f"source: {visible(factor['source'])}", hanging)
    return lines


def _subject(row: Plain) -> str:
    activity = row["activity"]
    if activity is None:
        when = f"as of {row['as_of']}"
    elif activity["on"]:
        when = f"on {activity['on']} ({activity['status']})"
    else:
        when = f"undated, as of {row['as_of']}"
    return "\n".join(wrap_words(f"{visible(row_subject(row))}, {when}", "", INDENT * 2))


def _listed(title: str, values: list[str], indent: str) -> list[str]:
    if not values:
        return []
    lines = [f"{indent}{title}:"]
    for value in values:
        lines += wrap_words(f"- {visible(value)}", indent + INDENT, indent + INDENT * 2)
    return lines


def _counts(rows: list[Plain]) -> str:
    counted = Counter(row["answer"] for row in rows)
    parts = [f"{counted[a.value]} {a.label.lower()}" for a in Answer if counted[a.value]]
    total = f"{len(rows)} answer" + ("" if len(rows) == 1 else "s")
    return total + (f" ({', '.join(parts)})" if parts else "")
