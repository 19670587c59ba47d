"""The memo markup: what counsel type becomes blocks and runs, and nothing else is markup."""

from __future__ import annotations

import re

import pytest

from desktop_app.core.markup import Block, Run, inline, parse


def test_paragraphs_split_at_blank_lines_and_keep_line_breaks() -> None:
    assert parse("First line\nsecond line\n\n\nNext paragraph\r\n") == (
        Block((Run("First line\nsecond line"),)),
        Block((Run("Next paragraph"),)),
    )


def test_bullets_start_with_a_dash_star_or_dot_and_continue_on_plain_lines() -> None:
    text = "Steps:\n- file the request\n  * chase BIS\n• wait\nfor the answer\n\nAfter."
    assert parse(text) == (
        Block((Run("Steps:"),)),
        Block((Run("file the request"),), bullet=True),
        Block((Run("chase BIS"),), bullet=True),
        Block((Run("wait\nfor the answer"),), bullet=True),
        Block((Run("After."),)),
    )


def test_bold_italic_and_bold_around_italic() -> None:
    assert inline("a **b** *c* **d *e* f**") == (
        Run("a "),
        Run("b", bold=True),
        Run(" "),
        Run("c", italic=True),
        Run(" "),
        Run("d ", bold=True),
        Run("e", bold=True, italic=True),
        Run(" f", bold=True),
    )


@pytest.mark.parametrize(
    "text",
    [
        "5 * 3 * 2",
        "**not closed",
        "*not closed",
        "a* b *c",
        "file_name_v2 and snake_case",
        "<b>tags</b> <i>are</i> text &amp; S&P 500",
        '<font color="[[[">x</font>',
        "* ",
        "",
    ],
)
def test_everything_else_is_text(text: str) -> None:
    blocks = parse(text)
    assert all(run == Run(run.text) for block in blocks for run in block.runs)
    assert "".join(b.text for b in blocks) == text.removeprefix("* ").strip()


def test_an_escaped_star_is_literal_even_beside_private_use_characters() -> None:
    assert inline("\\*not italic\\* \ue000") == (Run("*not italic* \ue000"),)
    assert inline("**bold \\* star**") == (Run("bold * star", bold=True),)


def _letters(text: str) -> str:
    """The characters markup can never remove: all but space, asterisks, backslashes, markers."""
    return re.sub(r"[\s*\\•-]", "", text)


def test_every_naughty_string_keeps_its_characters_in_order(blns: list[str]) -> None:
    for text in blns:
        assert _letters("".join(b.text for b in parse(text))) == _letters(text), text
