"""Determinations that remove the license requirement for an item or an activity.

A license exception (Part 740, e.g. AIA, 740.27), "no license required" (NLR, 758.1(g)(3);
so returned by BIS under 750.4(c)(3)), "not subject to the EAR" (734.3(b), 734.7: published
weights; object code; a model under the 4E091 threshold) or counsel's determination that hosted
access releases no technology (734.15) gives "no license required: determination of DATE"
instead of "not covered". Only a determination naming the item or the activity counts; one
made after the release asks whether it held then. A license exception or NLR does not lift a
Part 746 embargo, and neither a not-subject nor a no-release determination lifts OFAC's bar on
services to a sanctioned country. The terms of the determination itself are BIS's or
counsel's and are not re-checked here.
"""

from __future__ import annotations

from desktop_app.core.authorizations import Decider, Determination, DeterminationKind
from desktop_app.core.coverage_later import later_factors
from desktop_app.core.coverage_model import Factor
from desktop_app.core.coverage_rules import embargo_factors, sanctions_factors
from desktop_app.core.coverage_subject import PASS, UNKNOWN, Subject
from desktop_app.core.enums import ReleaseMechanism

K = DeterminationKind
REMOVING = (K.LICENSE_EXCEPTION_APPLIES, K.LICENSE_NOT_REQUIRED, K.NOT_SUBJECT_TO_EAR, K.NO_RELEASE)
OUTSIDE_THE_EAR = (K.NOT_SUBJECT_TO_EAR, K.NO_RELEASE)
EXCEPTIONS = {  # 15 CFR Part 740 (docs/domain.md#license-exceptions)
    "LVS": "740.3", "GBS": "740.4", "TSR": "740.6", "APP": "740.7", "NAC": "740.8",
    "ACA": "740.8", "TMP": "740.9", "RPL": "740.10", "GOV": "740.11", "GFT": "740.12",
    "TSU": "740.13", "BAG": "740.14", "AVS": "740.15", "APR": "740.16", "ENC": "740.17",
    "AGR": "740.18", "CCD": "740.19", "STA": "740.20", "SCP": "740.21", "ACE": "740.22",
    "MED": "740.23", "IEC": "740.24", "HBM": "740.25", "RFF": "740.26", "AIA": "740.27",
    "ACM": "740.28", "LPP": "740.29",
}  # fmt: skip
SECTIONS = {
    K.NOT_SUBJECT_TO_EAR: "15 CFR 734.3(b), 734.7",
    K.NO_RELEASE: "15 CFR 734.15",
}


def reaches(determination: Determination, subject: Subject) -> bool:
    """True when the determination removes the requirement and names this activity or item.

    A no-release determination on an item speaks only of hosted access to it.
    """
    question = subject.question
    if determination.kind not in REMOVING:
        return False
    if question.activity_id is not None and question.activity_id in determination.activity_ids:
        return True
    if question.item_id is None or question.item_id not in determination.item_ids:
        return False
    hosted = question.mechanism is ReleaseMechanism.API_ACCESS_ONLY
    return determination.kind is not K.NO_RELEASE or hosted


def determination_factors(
    determination: Determination, subject: Subject
) -> tuple[str, list[Factor], list[str]]:
    """The basis a determination gives, the factors it rests on, and its caveats."""
    what, section = describe(determination)
    dated = f"determination of {determination.decided_on}"
    source = f"{dated}{': ' + determination.reference if determination.reference else ''}"
    if determination.decided_on > subject.on:
        detail = f"{what} was determined on {determination.decided_on}, after {subject.on}"
        missing = f"whether the {dated} holds for the release of {subject.on}"
        factors = [Factor("determination", UNKNOWN, detail, source, missing)]
    else:
        factors = [Factor("determination", PASS, f"{what} ({section})", source)]
    if determination.kind is K.LICENSE_EXCEPTION_APPLIES and not determination.license_exception:
        missing = f"the license exception the {dated} applies"
        factors.append(Factor("determination", UNKNOWN, "no symbol recorded", source, missing))
    if not subject.kind.is_deemed and not subject.question.destination.strip():
        missing = "the activity's destination country"
        factors.append(Factor("destination", UNKNOWN, "no destination recorded", source, missing))
    if subject.item is None:
        factors.append(
            Factor("item", UNKNOWN, "the release names no item", source, "the item released")
        )
    scope = _scope_factor(determination, subject, source)
    if scope is not None:
        factors.append(scope)
    factors += later_factors(determination.decided_on, subject)
    if determination.kind not in OUTSIDE_THE_EAR:
        factors += embargo_factors(subject)
    else:
        factors += sanctions_factors(subject)
    caveat = f"the terms of the {dated} ({section}) are not re-checked by the app"
    return f"no license required: {what}, {dated}", factors, [caveat]


def _scope_factor(determination: Determination, subject: Subject, source: str) -> Factor | None:
    """Whether an item-wide license exception or NLR reaches this party and destination.

    A license exception is destination- and party-specific (740.2; e.g. 740.27), and an NLR
    turns on the destination (Country Chart, Part 738) unless the item is EAR99: one that names
    the item but not this activity is counsel's to extend to it. Whether an item is subject to
    the EAR, or hosted access releases it, is a fact about the item and needs no such step.
    """
    question = subject.question
    if determination.kind in OUTSIDE_THE_EAR or question.activity_id in determination.activity_ids:
        return None
    eccn = subject.item.eccn.strip().upper() if subject.item is not None else ""
    if determination.kind is K.LICENSE_NOT_REQUIRED and eccn == "EAR99":
        return Factor("determination", PASS, f"{subject.item_label} is EAR99", source)
    where = question.destination or "this destination"
    dated = determination.decided_on
    missing = f"whether the determination of {dated} reaches {subject.party.name} in {where}"
    detail = "the determination names the item, not this activity"
    return Factor("determination", UNKNOWN, detail, source, missing)


def describe(determination: Determination) -> tuple[str, str]:
    """The words and the section of a removing determination."""
    if determination.kind is K.LICENSE_EXCEPTION_APPLIES:
        symbol = determination.license_exception.strip().upper()
        section = EXCEPTIONS.get(symbol)
        where = f"15 CFR {section}" if section else "15 CFR Part 740"
        return f"License Exception {symbol or '(symbol not recorded)'}", where
    if determination.kind is K.LICENSE_NOT_REQUIRED and determination.decided_by is Decider.BIS:
        return determination.kind.label, "15 CFR 750.4(c)(3)"
    if determination.kind is K.LICENSE_NOT_REQUIRED:
        return determination.kind.label, "NLR, 15 CFR 758.1(g)(3)"
    return determination.kind.label, SECTIONS.get(determination.kind, "")
