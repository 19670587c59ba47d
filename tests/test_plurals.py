"""Counts read as English: "1 matter", "2 matters", "0 matters"."""

from __future__ import annotations

import pytest

from desktop_app.i18n import n_


@pytest.mark.parametrize(("n", "said"), [(0, "0 matters"), (1, "1 matter"), (2, "2 matters")])
def test_one_is_singular_and_every_other_count_plural(n: int, said: str) -> None:
    assert n_("{n} matter", "{n} matters", n).format(n=n) == said
