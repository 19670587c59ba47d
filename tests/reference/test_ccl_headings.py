"""CCL headings read as printed: a superscript the text lost is a power of ten again."""

from __future__ import annotations

import pytest

from desktop_app.reference.ccl import load_ccl, shown_heading


def test_4e091_reads_ten_to_the_twenty_sixth() -> None:
    heading = load_ccl().heading("4E091.a")
    assert heading is not None
    assert "utilizing 10^26 or more 'operations.'" in heading


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a specific modulus of 3.18 × 10 6 m or", "a specific modulus of 3.18 × 10^6 m or"),
        ("between 10 and 26 items", "between 10 and 26 items"),  # not a power
        ("10.15 x 10 6 m", "10.15 x 10^6 m"),
        ("in 2010 26 items", "in 2010 26 items"),  # a year, then a count
        ("10 260 operations", "10 260 operations"),  # three digits: not a lost exponent
        ("1.10 26", "1.10 26"),  # a decimal, not a power
    ],
)
def test_only_a_ten_followed_by_a_one_or_two_digit_exponent_is_read_as_a_power(
    text: str, shown: str
) -> None:
    assert shown_heading(text) == shown
