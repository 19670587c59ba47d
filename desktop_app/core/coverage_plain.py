"""Coverage answers as plain data, and the words that name a row: what every face prints from.

The rows of ``coverage --json``, ``show``'s coverage part, the terminal text and the memo all have
one shape, made here from ``Coverage`` values and the matter's records, so every face says the
same thing in the same words: who, which item, which activity, the answer, as of which day, its
basis and summary, each factor with its source, the facts still missing and the caveats. Nothing
here runs the coverage engine (see :mod:`present_coverage`), so the terminal text can import it
without loading the rules.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.coverage_model import Answer, Coverage, Factor
from desktop_app.core.enums import TransactionType
from desktop_app.core.models import Activity, Item, Party

Plain = dict[str, Any]


def factor_plain(factor: Factor) -> Plain:
    """One factor: dimension, outcome, detail, source and the missing fact (empty when known)."""
    return {
        "dimension": factor.dimension,
        "outcome": factor.outcome.value,
        "detail": factor.detail,
        "source": factor.source,
        "missing": factor.missing,
    }


def coverage_plain(coverage: Coverage) -> Plain:
    """An answer with everything it rests on; ``authorization`` is None when none is named."""
    pointed = coverage.kind is not None or coverage.authorization_id is not None
    return {
        "answer": coverage.answer.value,
        "summary": coverage.summary,
        "basis": coverage.basis,
        "as_of": coverage.as_of.isoformat(),
        "factors": [factor_plain(f) for f in coverage.factors],
        "missing": list(coverage.missing),
        "caveats": list(coverage.caveats),
        "authorization": {"kind": coverage.kind, "id": coverage.authorization_id}
        if pointed
        else None,
    }


def party_ref(party: Party | None) -> Plain | None:
    """Who a row is about: id, name, kind, role and country; None for nobody."""
    if party is None:
        return None
    return {
        "id": party.id,
        "name": party.name,
        "kind": party.kind.value,
        "role": party.role.value,
        "country": party.country,
    }


def item_ref(item: Item | None) -> Plain | None:
    """What a row is about: id, name, ECCN and model version; None for no item."""
    if item is None:
        return None
    return {
        "id": item.id,
        "name": item.name,
        "eccn": item.eccn,
        "model_version": item.model_version,
    }


def activity_ref(activity: Activity | None) -> Plain | None:
    """The activity a row answers: id, type, date (None when undated), status and destination."""
    if activity is None:
        return None
    return {
        "id": activity.id,
        "type": activity.type.value,
        "on": activity.on.isoformat() if activity.on else None,
        "status": activity.status.value,
        "from_country": activity.from_country,
        "to_country": activity.to_country,
        "to_address": activity.to_address,
    }


def row_plain(
    party: Party | None,
    item: Item | None,
    activity: Activity | None,
    transaction_type: TransactionType,
    coverage: Coverage,
) -> Plain:
    """One row of the coverage table: who, what, which activity, and the answer."""
    return {
        "party": party_ref(party),
        "item": item_ref(item),
        "activity": activity_ref(activity),
        "transaction_type": transaction_type.value,
        **coverage_plain(coverage),
    }


def row_subject(row: Plain) -> str:
    """Who, what and which activity, in words: ``Wen Jiahui · Model (4E091) · export on D``."""
    party = row["party"]
    who = "no recipient" if party is None else f"{party['name']} ({_place(party['country'])})"
    item = row["item"]
    what = "no item" if item is None else item["name"] + _item_detail(item)
    kind = TransactionType(row["transaction_type"]).label.lower()
    activity = row["activity"]
    if activity is None:
        return f"{who} · {what} · {kind}, asked for the party"
    where = f" to {activity['to_country']}" if activity["to_country"] else ""
    return f"{who} · {what} · activity {activity['id']}: {kind}{where}"


def reason(answer: Plain) -> str:
    """The summary without the answer's own words in front (``not covered: `` and the like)."""
    summary: str = answer["summary"]
    prefix = f"{Answer(answer['answer']).label.lower()}: "
    return summary[len(prefix) :] if summary.lower().startswith(prefix) else summary


def summary_line(answer: Plain) -> str:
    """The summary as said beside the answer's label and basis, without repeating either.

    With no basis, the summary's reason alone (the label already says "not covered"); with a
    basis, the whole summary unless it only repeats the basis; then nothing.
    """
    why = reason(answer)
    if not answer["basis"]:
        return why
    return "" if why == answer["basis"] else str(answer["summary"])


def row_as_of(row: Plain) -> str:
    """Which day the answer speaks for, and why that day."""
    activity = row["activity"]
    if activity is None:
        return f"As of {row['as_of']}"
    if activity["on"] is None:
        return f"As of {row['as_of']} (the activity is undated)"
    return f"As of {row['as_of']}, the activity's date ({activity['status']})"


def _item_detail(item: Plain) -> str:
    version = f"version {item['model_version']}" if item["model_version"] else ""
    details = ", ".join(d for d in (item["eccn"], version) if d)
    return f" ({details})" if details else ""


def _place(country: str) -> str:
    return f"in {country}" if country else "country unknown"
