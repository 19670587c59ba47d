"""Matter numbers are given once: a voided, purged or renumbered matter's number is never reused.

The audit chain still names the old number, and a memo or a letter may print it; giving it to
another matter would make one number mean two matters. The numbers no live matter holds any
longer are kept in one library setting (``retired-matter-numbers``, audited like any setting);
a library made before the setting existed has it built once from the audit chain.
"""

from __future__ import annotations

import json
import re
from datetime import date

from desktop_app.core.drafts import Setting
from desktop_app.core.ports import UnitOfWork

RETIRED = "retired-matter-numbers"
SEQUENCE = re.compile(r"EC-(\d{4})-(\d+)")


def retired(tx: UnitOfWork) -> set[str]:
    """Every number a matter once had and no longer has."""
    setting = tx.find_setting(RETIRED)
    if setting is None:
        return set(tx.numbers_in_audit())
    try:
        found = json.loads(setting.value)
    except ValueError:  # a damaged setting: the audit chain still has every number
        return set(tx.numbers_in_audit())
    return {n for n in found if isinstance(n, str)} if isinstance(found, list) else set()


def retire(tx: UnitOfWork, number: str) -> None:
    """Keep ``number`` from ever being given again (a void, a purge, a renumbering)."""
    numbers = sorted(retired(tx) | {number})
    value = json.dumps(numbers)
    setting = tx.find_setting(RETIRED)
    if setting is None:
        tx.insert(Setting(RETIRED, value))
    elif setting.value != value:
        tx.update(Setting(RETIRED, value, setting.id))


def ever_given(tx: UnitOfWork, number: str, gone: set[str] | None = None) -> bool:
    """Whether a matter has, or once had, ``number``; ``gone``: `retired` read already."""
    gone = retired(tx) if gone is None else gone
    return tx.find_matter(number) is not None or number.upper() in {n.upper() for n in gone}


def next_number(tx: UnitOfWork, opened: date, gone: set[str] | None = None) -> str:
    """EC-<year>-NNNN: one past the highest number of that year ever given.

    ``gone`` is `retired` when the caller read it already (on an older library without the
    setting it is a scan of the audit chain: read it once per matter opened).
    """
    year = opened.year
    old = [SEQUENCE.fullmatch(n) for n in (retired(tx) if gone is None else gone)]
    of_year = [int(m.group(2)) for m in old if m is not None and int(m.group(1)) == year]
    highest = max([tx.last_matter_sequence(year), *of_year])
    return f"EC-{year:04d}-{highest + 1:04d}"
