"""Which open hold counsel mean when they release one (762.6(b)): the rule lives in the core."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.retention import LegalHold
from desktop_app.core.retention_state import RetentionState
from desktop_app.errors import ValidationError

ON = date(2026, 11, 2)
MATTER = Matter("Annex A", MatterKind.AUTHORIZATION_LETTER, number="EC-2026-0001", id=1)


def _state(*holds: LegalHold) -> RetentionState:
    return RetentionState(MATTER, holds=holds)


def test_the_only_open_hold_is_released_without_naming_it() -> None:
    released = LegalHold(1, "DOJ", ON, released_on=date(2026, 11, 3), id=1)
    bis = LegalHold(1, "BIS OEE", ON, id=2)
    assert _state(released, bis).hold_to_release(None) is bis


def test_several_open_holds_need_the_agency_named_in_any_case() -> None:
    bis, doj = LegalHold(1, "BIS OEE", ON, id=1), LegalHold(1, "DOJ", ON, id=2)
    with pytest.raises(ValidationError, match=r"has 2 open holds \(BIS OEE, DOJ\); --by one"):
        _state(bis, doj).hold_to_release(None)
    assert _state(bis, doj).hold_to_release("doj") is doj


def test_no_open_hold_or_none_by_that_agency_is_said() -> None:
    with pytest.raises(ValidationError, match=r"EC-2026-0001 has no open hold\."):
        _state().hold_to_release(None)
    with pytest.raises(ValidationError, match="has no open hold requested by OFAC"):
        _state(LegalHold(1, "DOJ", ON, id=1)).hold_to_release("OFAC")
