"""Matter-file documents for the tests: a minimal one and one with every key of every record.

The full one is a fictional fact pattern (an Annex A letter, a license, a pending application's
clock, a condition with its history); every company, person and number in it is invented.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from desktop_app.core.matter_file_format import FORMAT, VERSION

Json = dict[str, Any]
SCHEMA_PATH = Path(__file__).parents[2] / "docs" / "matter-file.schema.json"


def schema() -> Json:
    """The canonical schema, as docs/ has it."""
    found: Json = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return found


def encode(document: Any) -> bytes:
    """A document as the bytes of a file (non-ASCII escaped, so any string can travel)."""
    return json.dumps(document).encode("utf-8")


def minimal(**matter: Any) -> Json:
    """The smallest file that loads: a matter with a title and a kind."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "matter": {"title": "Osprey 2 release review", "kind": "internal_review", **matter},
    }


def full() -> Json:
    """A file giving every key of every kind of record at least once."""
    return copy.deepcopy(_FULL)


_PARTY = {
    "ref": "mira",
    "name": "Mira Castellanos",
    "role": "foreign_national",
    "kind": "individual",
    "country": "GB",
    "address": "4 Quay Lane, London",
    "aliases": ["M. Castellanos"],
    "annex_row": None,
    "employer": "kestrel",
    "nationalities": [
        {"country": "AR", "basis": "citizenship", "since": "1991-04-02", "until": None},
        {"country": "ES", "basis": "citizenship", "since": None},
        {
            "country": "SG",
            "basis": "permanent_residency",
            "since": "2015-01-05",
            "until": "2021-06-30",
        },
    ],
    "us_status": "not_applicable",
    "visa_type": "",
    "visa_expiry": None,
    "notes": "Joins the Osprey team in August.",
    "employed_since": "2025-03-01",
    "employed_until": None,
    "regular_employee": True,
    "stateless": False,
    "protected_basis": "",
    "protected_exclusions_clear": None,
}
_FULL: Json = {
    "format": FORMAT,
    "version": VERSION,
    "matter": {
        "title": "Orrin Labs: Annex A employees and the Osprey 2 weights",
        "kind": "license_application",
        "number": "EC-2026-0101",
        "summary": "Release of Osprey 2 weights to Annex A entities and their staff.",
        "status": "under_review",
        "agency": "bis",
        "acn": "Z123456",
        "license_number": "D123456",
        "counsel": "R. Vale",
        "opened": "2026-06-01",
        "closed": None,
        "tags": ["annex-a", "weights"],
        "privilege": "ac_wp",
        "status_reason": "registered with BIS",
    },
    "parties": [
        _PARTY,
        {"ref": "orrin", "name": "Orrin Labs Inc.", "role": "applicant", "country": "US"},
        {
            "ref": "kestrel",
            "name": "Kestrel Analytics Ltd",
            "role": "annex_a_entity",
            "country": "GB",
            "annex_row": 1,
        },
    ],
    "items": [
        {
            "ref": "osprey",
            "name": "Osprey 2 weights",
            "kind": "ai_model_weights",
            "eccn": "4E091",
            "description": "Trained parameters of Osprey 2.",
            "model_name": "Osprey",
            "model_version": "2.0",
            "training_ops": 3e26,
            "weights_published": False,
            "hosting_location": "Orrin cluster, Oregon",
            "hosting_country": "US",
        }
    ],
    "activities": [
        {
            "ref": "release",
            "type": "deemed_reexport",
            "item": "osprey",
            "party": "mira",
            "from_country": "GB",
            "to_country": "GB",
            "mechanism": "access_information",
            "description": "Read access to the weights bucket.",
            "status": "planned",
            "on": "2026-08-03",
            "to_address": "4 Quay Lane, London",
        }
    ],
    "determinations": [
        {
            "ref": "lifted",
            "kind": "requirement_lifted",
            "decided_on": "2026-06-26",
            "decided_by": "bis",
            "decider_name": "Office of Exporter Services",
            "reference": "BIS letter of June 26, 2026",
            "excerpt": "The license requirement is removed for the entities in Annex A.",
            "regulation_edition": "EAR as of 2026-06-20",
            "enforcement_note": "",
            "license_exception": "",
            "items": ["osprey"],
            "activities": ["release"],
            "withdrawn_on": None,
            "withdrawn_reason": "",
        }
    ],
    "licenses": [
        {
            "ref": "d1",
            "number": "D654321",
            "validated_on": "2026-07-01",
            "validity": "set_by_bis",
            "expires_on_set": "2028-06-30",
            "status": "active",
            "parties": ["kestrel", "mira"],
            "items": ["osprey"],
            "transaction_types": ["deemed_reexport"],
            "employee_release": True,
            "excluded_countries": ["D:5", "CU"],
            "replaces": None,
            "determination": "lifted",
            "withdrawn_on": None,
            "withdrawn_reason": "",
        }
    ],
    "letters": [
        {
            "ref": "june",
            "effect": "removes_requirement",
            "dated": "2026-06-26",
            "effective_from": "2026-06-26",
            "effective_until": "2027-06-25",
            "reference": "BIS/OES/2026-0626",
            "signatory": "Director, Office of Exporter Services",
            "items": ["osprey"],
            "model_versions": ["2.0"],
            "transaction_types": ["export", "reexport", "deemed_export", "deemed_reexport"],
            "includes_foreign_national_employees": True,
            "includes_own_employees": False,
            "supersedes": "",
            "verbatim": "Annex A entities may receive Osprey 2 weights …",
            "determination": "lifted",
            "addressee": "orrin",
            "supersedes_letter": None,
            "modifies_letter": None,
            "excluded_destinations": ["D:5", "KP"],
            "revoked_on": None,
            "withdrawn_on": None,
            "withdrawn_reason": "",
            "annex_a": [
                {
                    "row_no": 1,
                    "name_as_written": "Kestrel Analytics Ltd",
                    "address_as_written": "London",
                    "country": "United Kingdom",
                    "party": "kestrel",
                    "confirmed": True,
                }
            ],
        }
    ],
    "conditions": [
        {
            "ref": "ack",
            "kind": "letter_safeguard",
            "category": "acknowledgment_required",
            "text": "Each Annex A entity acknowledges the safeguards in writing before release.",
            "number": "S-1",
            "license": "d1",
            "letter": "june",
            "bound_parties": ["kestrel"],
            "owner": "Trade compliance",
            "obligation": "recurring",
            "first_due": "2026-07-31",
            "rrule": "FREQ=YEARLY",
            "grace_days": 5,
            "acknowledgment_required": True,
            "status": "awaiting_ack",
            "before_release": True,
            "withdrawn_on": "2026-07-20",
            "withdrawn_reason": "Recorded on the wrong letter; kept for the file.",
            "log": [
                {
                    "kind": "transition",
                    "on": "2026-07-02",
                    "from_status": "imposed",
                    "to_status": "communicated",
                    "party": "kestrel",
                    "due": None,
                    "note": "Notice sent",
                },
                {
                    "kind": "transition",
                    "on": "2026-07-02",
                    "from_status": "communicated",
                    "to_status": "awaiting_ack",
                },
                {"kind": "performed", "on": "2026-07-30", "due": "2026-07-31", "note": ""},
            ],
        }
    ],
    "clock_events": [
        {"kind": "registered", "on": "2026-06-02", "hold_reason": None, "note": ""},
        {
            "kind": "hold_started",
            "on": "2026-06-05",
            "hold_reason": "info_requested",
            "note": "BIS asked for the org chart",
        },
    ],
    "notes": [
        {
            "text": "Mira starts in August.",
            "author": "rvale",
            "created_at": "2026-06-30T09:30:00+00:00",
        }
    ],
}
