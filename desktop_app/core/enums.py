"""The closed vocabularies of a matter file, with the citations they come from.

Values are stored in the library and printed in JSON, so they never change once shipped; labels
are what a person reads. Their background, with the sections of 15 CFR parts 734, 748 and 750
they come from, is docs/domain.md.
"""

from __future__ import annotations

from enum import StrEnum


class LabeledEnum(StrEnum):
    """A string enum whose members carry a human label."""

    @property
    def label(self) -> str:
        """The words shown to a person for this value."""
        found = _LABELS.get(self.value)
        return found if found is not None else self.value.replace("_", " ").capitalize()

    @classmethod
    def parse(cls, value: str) -> LabeledEnum:
        """Return the member for a stored value or a label, case-insensitively."""
        wanted = value.strip().casefold()
        for member in cls:
            if wanted in (member.value, member.label.casefold()):
                return member
        raise ValueError(value)


class MatterKind(LabeledEnum):
    """What sort of matter this is (docs/domain.md#matters, grouped as counsel file them)."""

    LICENSE_APPLICATION = "license_application"
    CLASSIFICATION_REQUEST = "classification_request"
    ADVISORY_OPINION = "advisory_opinion"
    AUTHORIZATION_LETTER = "authorization_letter"
    VOLUNTARY_SELF_DISCLOSURE = "voluntary_self_disclosure"
    INTERNAL_REVIEW = "internal_review"


class MatterStatus(LabeledEnum):
    """Where a matter stands (derived as :mod:`desktop_app.core.matter_status` documents)."""

    OPEN = "open"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ON_HOLD = "on_hold"
    DENIED_APPEAL_OPEN = "denied_appeal_open"
    DECIDED = "decided"
    CLOSED = "closed"


class Agency(LabeledEnum):
    """The agency a matter is before."""

    BIS = "bis"
    DDTC = "ddtc"
    OFAC = "ofac"
    OTHER = "other"


class Privilege(LabeledEnum):
    """The privilege marking printed on everything about a matter."""

    AC_WP = "ac_wp"
    ATTORNEY_CLIENT = "attorney_client"
    WORK_PRODUCT = "work_product"
    CONFIDENTIAL = "confidential"
    NONE = "none"


class PartyRole(LabeledEnum):
    """A party's function in the transaction (15 CFR 748.5; docs/domain.md#parties)."""

    APPLICANT = "applicant"
    OTHER_PARTY_TO_RECEIVE_LICENSE = "other_party_to_receive_license"
    PURCHASER = "purchaser"
    INTERMEDIATE_CONSIGNEE = "intermediate_consignee"
    ULTIMATE_CONSIGNEE = "ultimate_consignee"
    END_USER = "end_user"
    ORIGINAL_ULTIMATE_CONSIGNEE = "original_ultimate_consignee"
    CONTACT_PERSON = "contact_person"
    LICENSEE = "licensee"
    ANNEX_A_ENTITY = "annex_a_entity"
    FOREIGN_NATIONAL = "foreign_national"
    DEVELOPER = "developer"
    OTHER = "other"


class PartyKind(LabeledEnum):
    """What sort of person or body a party is (docs/domain.md#parties)."""

    ENTITY = "entity"
    INDIVIDUAL = "individual"
    GOVERNMENT = "government"
    INTERNATIONAL_ORG = "international_org"


class UsStatus(LabeledEnum):
    """Immigration status; the first three are not foreign persons (BIS deemed-export FAQ)."""

    US_CITIZEN = "us_citizen"
    LPR = "lpr"
    PROTECTED_INDIVIDUAL = "protected_individual"
    NONIMMIGRANT_VISA = "nonimmigrant_visa"
    OTHER = "other"
    NOT_APPLICABLE = "not_applicable"


class NationalityBasis(LabeledEnum):
    """Why a country counts for a person: citizenship or permanent residency (734.13(b))."""

    CITIZENSHIP = "citizenship"
    PERMANENT_RESIDENCY = "permanent_residency"


class ProtectedBasis(LabeledEnum):
    """Why a person is a "protected individual" (8 U.S.C. 1324b(a)(3)(B)); "" is not recorded.

    A refugee admitted under 8 U.S.C. 1157, an asylee granted asylum under 1158, or an alien
    lawfully admitted for temporary residence under 1160(a) or 1255a(a)(1).
    """

    NONE = ""
    REFUGEE = "refugee"
    ASYLEE = "asylee"
    TEMPORARY_RESIDENT = "temporary_resident"


class ItemKind(LabeledEnum):
    """What an item is (docs/domain.md#items)."""

    COMMODITY = "commodity"
    SOFTWARE_SOURCE = "software_source"
    SOFTWARE_OBJECT = "software_object"
    TECHNOLOGY = "technology"
    AI_MODEL_WEIGHTS = "ai_model_weights"


class TransactionType(LabeledEnum):
    """The licensable acts of 15 CFR 734.13, 734.14 and 734.16 (docs/domain.md#transactions)."""

    EXPORT = "export"
    REEXPORT = "reexport"
    TRANSFER_IN_COUNTRY = "transfer_in_country"
    DEEMED_EXPORT = "deemed_export"
    DEEMED_REEXPORT = "deemed_reexport"

    @property
    def is_deemed(self) -> bool:
        """True for releases to a foreign person rather than a shipment."""
        return self in (TransactionType.DEEMED_EXPORT, TransactionType.DEEMED_REEXPORT)


class ReleaseMechanism(LabeledEnum):
    """How the item or technology reaches the recipient (docs/domain.md#transactions)."""

    SHIPMENT = "shipment"
    ELECTRONIC_TRANSMISSION = "electronic_transmission"
    VISUAL_INSPECTION = "visual_inspection"
    ORAL_OR_WRITTEN_EXCHANGE = "oral_or_written_exchange"
    ACCESS_INFORMATION = "access_information"
    CLOUD_STORAGE = "cloud_storage"
    API_ACCESS_ONLY = "api_access_only"


class ActivityStatus(LabeledEnum):
    """Whether an activity is planned, authorized, done or blocked."""

    PLANNED = "planned"
    AUTHORIZED = "authorized"
    PERFORMED = "performed"
    BLOCKED = "blocked"


_LABELS: dict[str, str] = {
    "license_application": "License application",
    "classification_request": "Classification request",
    "advisory_opinion": "Advisory opinion",
    "authorization_letter": "Authorization letter",
    "voluntary_self_disclosure": "Voluntary self-disclosure",
    "internal_review": "Internal review",
    "bis": "BIS",
    "notify_bis_event": "Notify BIS of an event",
    "ddtc": "DDTC",
    "ofac": "OFAC",
    "ac_wp": "Privileged & Confidential — Attorney-Client / Work Product",
    "attorney_client": "Privileged — Attorney-Client Communication",
    "work_product": "Privileged — Attorney Work Product",
    "confidential": "Confidential",
    "none": "No marking",
    "annex_a_entity": "Annex A entity",
    "other_party_to_receive_license": "Other party to receive license",
    "us_citizen": "US citizen",
    "lpr": "Lawful permanent resident",
    "denied_appeal_open": "Denied (appeal open)",
    "": "Not recorded",
    "refugee": "Refugee (8 U.S.C. 1157)",
    "asylee": "Asylee (8 U.S.C. 1158)",
    "temporary_resident": "Temporary resident (8 U.S.C. 1160(a), 1255a(a)(1))",
    "nonimmigrant_visa": "Nonimmigrant visa",
    "not_applicable": "Not applicable",
    "international_org": "International organization",
    "ai_model_weights": "AI model weights",
    "transfer_in_country": "In-country transfer",
    "api_access_only": "API access only",
    "standard_4y": "4 years (standard)",
    "one_year": "1 year",
    "emergency": "Emergency (to the end of next month)",
    "set_by_bis": "Set by BIS",
    "awaiting_ack": "Awaiting acknowledgment",
    "itd_issued": "Intent to deny issued",
    "escalated_oc": "Escalated to the Operating Committee",
    "oc_decided": "Operating Committee chair decided",
    "escalated_acep": "Appealed to the ACEP",
    "acep_decided": "ACEP decided",
    "escalated_earb": "Appealed to the EARB",
    "earb_decided": "EARB decided",
    "escalated_president": "Appealed to the President",
    "info_requested": "Information requested",
    "itd_negotiation": "Negotiating after an intent to deny",
    "dod_tcp_approval": "DoD approval of a technology control plan",
    "not_subject_to_ear": "Not subject to the EAR",
    "no_release": "No release of technology (hosted access)",
    "other_agency": "Other agency",
    "no_resale_transfer_reexport": "No resale, transfer or reexport without authorization",
}
