"""What was decided and what is owed: determinations, licenses, letters, Annex A, conditions.

Vocabularies follow docs/domain.md: docs/domain.md#outcomes, docs/domain.md#licenses,
docs/domain.md#conditions and docs/domain.md#condition-states (conditions and riders), and
docs/domain.md#letters (letters that impose or lift a requirement). The verbatim text of a letter
or license stays the controlling record; the structured fields are counsel's reading of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.enums import LabeledEnum, TransactionType


class Decider(LabeledEnum):
    """Who decided."""

    BIS = "bis"
    OTHER_AGENCY = "other_agency"
    INTERNAL_COUNSEL = "internal_counsel"


class DeterminationKind(LabeledEnum):
    """What was decided: outcomes, letters, classifications, opinions (docs/domain.md#outcomes)."""

    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    APPROVED_IN_PART = "approved_in_part"
    DENIED = "denied"
    RETURNED_WITHOUT_ACTION = "returned_without_action"
    RETURNED_NOT_REGISTERED = "returned_not_registered"
    LICENSE_NOT_REQUIRED = "license_not_required"
    WITHDRAWN = "withdrawn"
    REQUIREMENT_IMPOSED = "requirement_imposed"
    REQUIREMENT_LIFTED = "requirement_lifted"
    CLASSIFICATION_RESULT = "classification_result"
    ADVISORY_OPINION = "advisory_opinion"
    LICENSE_EXCEPTION_APPLIES = "license_exception_applies"
    NOT_SUBJECT_TO_EAR = "not_subject_to_ear"
    NO_RELEASE = "no_release"
    INTERNAL_DETERMINATION = "internal_determination"


class ValidityBasis(LabeledEnum):
    """How long a license runs (15 CFR 750.7(g))."""

    STANDARD_4Y = "standard_4y"
    ONE_YEAR = "one_year"
    EMERGENCY = "emergency"
    SET_BY_BIS = "set_by_bis"


class LicenseStatus(LabeledEnum):
    """Where a license stands (docs/domain.md#licenses); expiry by date is derived, not stored."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


class LetterEffect(LabeledEnum):
    """What a BIS letter does to a license requirement (docs/domain.md#letters)."""

    REMOVES_REQUIREMENT = "removes_requirement"
    IMPOSES_REQUIREMENT = "imposes_requirement"
    MODIFIES_REQUIREMENT = "modifies_requirement"
    INTERPRETIVE = "interpretive"


class ConditionKind(LabeledEnum):
    """Where a condition comes from."""

    LICENSE_CONDITION = "license_condition"
    RIDER = "rider"
    LETTER_SAFEGUARD = "letter_safeguard"
    INTERNAL_SAFEGUARD = "internal_safeguard"


class ConditionCategory(LabeledEnum):
    """Categories from practice, and the June 2026 safeguard layers (docs/domain.md#conditions)."""

    STATED_END_USE_ONLY = "stated_end_use_only"
    NO_RESALE_TRANSFER_REEXPORT = "no_resale_transfer_reexport"
    INFORM_CONSIGNEE_OF_CONDITIONS = "inform_consignee_of_conditions"
    ACKNOWLEDGMENT_REQUIRED = "acknowledgment_required"
    REPORTING = "reporting"
    PARTY_RESTRICTION = "party_restriction"
    SECURITY_SAFEGUARD = "security_safeguard"
    DEEMED_EXPORT_SPECIFIC = "deemed_export_specific"
    QUANTITY_VALUE_LIMIT = "quantity_value_limit"
    TIME_LIMIT = "time_limit"
    NOTIFY_BIS_EVENT = "notify_bis_event"
    TECHNICAL_SAFEGUARDS = "technical_safeguards"
    MONITORING = "monitoring"
    USER_VETTING = "user_vetting"
    TRANSPARENCY = "transparency"
    GOVERNMENT_OVERSIGHT = "government_oversight"
    OTHER = "other"


class ObligationKind(LabeledEnum):
    """What kind of duty a condition creates (docs/domain.md#conditions)."""

    ONE_TIME = "one_time"
    RECURRING = "recurring"
    CONTINUING_PROHIBITION = "continuing_prohibition"
    EVENT_TRIGGERED = "event_triggered"


class ConditionStatus(LabeledEnum):
    """The states of docs/domain.md#condition-states."""

    PROPOSED = "proposed"
    NEGOTIATING = "negotiating"
    ACCEPTED = "accepted"
    IMPOSED = "imposed"
    COMMUNICATED = "communicated"
    AWAITING_ACK = "awaiting_ack"
    ACKNOWLEDGED = "acknowledged"
    ACTIVE = "active"
    SATISFIED = "satisfied"
    BREACHED = "breached"
    REMEDIATED = "remediated"
    SUPERSEDED = "superseded"
    TERMINATED_BY_REGULATION = "terminated_by_regulation"
    CLOSED = "closed"
    ACKNOWLEDGED_INTERNALLY = "acknowledged_internally"


class ClockEventKind(LabeledEnum):
    """Events on the BIS processing clock of a pending application (docs/domain.md#bis-clock)."""

    REGISTERED = "registered"
    HOLD_STARTED = "hold_started"
    HOLD_ENDED = "hold_ended"
    REFERRED = "referred"
    ITD_ISSUED = "itd_issued"
    DENIED = "denied"
    DECIDED = "decided"
    # The escalation of 750.4(f), in the order it runs.
    ESCALATED_OC = "escalated_oc"
    OC_DECIDED = "oc_decided"
    ESCALATED_ACEP = "escalated_acep"
    ACEP_DECIDED = "acep_decided"
    ESCALATED_EARB = "escalated_earb"
    EARB_DECIDED = "earb_decided"
    ESCALATED_PRESIDENT = "escalated_president"


class HoldReason(LabeledEnum):
    """Why BIS stopped the clock (15 CFR 750.4(b))."""

    INFO_REQUESTED = "info_requested"
    CONDITIONS_PROPOSED = "conditions_proposed"
    ITD_NEGOTIATION = "itd_negotiation"
    PRE_LICENSE_CHECK = "pre_license_check"
    GOV_TO_GOV_ASSURANCES = "gov_to_gov_assurances"
    FOREIGN_GOV_CONSULTATION = "foreign_gov_consultation"
    MULTILATERAL_REVIEW = "multilateral_review"
    CONGRESSIONAL_NOTIFICATION = "congressional_notification"
    DOD_TCP_APPROVAL = "dod_tcp_approval"


class LogKind(LabeledEnum):
    """What an entry in a condition's log records."""

    TRANSITION = "transition"
    COMMUNICATED = "communicated"
    ACKNOWLEDGED = "acknowledged"
    PERFORMED = "performed"
    NOTE = "note"


@dataclass(frozen=True)
class Determination:
    """A decision on a matter, with the text it rests on and the rules edition relied on.

    ``item_ids`` and ``activity_ids`` say what a license-exception, no-license-required,
    not-subject-to-the-EAR or no-release determination is about; one naming neither is about
    nothing coverage can use.
    """

    matter_id: int
    kind: DeterminationKind
    decided_on: date
    decided_by: Decider = Decider.BIS
    decider_name: str = ""
    reference: str = ""
    excerpt: str = ""
    source_document_ids: tuple[int, ...] = ()
    regulation_edition: str = ""
    enforcement_note: str = ""
    license_exception: str = ""
    item_ids: tuple[int, ...] = ()
    activity_ids: tuple[int, ...] = ()
    withdrawn_on: date | None = None
    withdrawn_reason: str = ""
    id: int = 0


@dataclass(frozen=True)
class License:
    """A BIS license: its number, validity, scope and place in a replacement chain."""

    matter_id: int
    number: str
    validated_on: date
    validity: ValidityBasis = ValidityBasis.STANDARD_4Y
    expires_on_set: date | None = None
    status: LicenseStatus = LicenseStatus.ACTIVE
    party_ids: tuple[int, ...] = ()
    item_ids: tuple[int, ...] = ()
    transaction_types: tuple[TransactionType, ...] = ()
    employee_release: bool = True
    excluded_countries: tuple[str, ...] = ()
    replaces_license_id: int | None = None
    determination_id: int | None = None
    withdrawn_on: date | None = None
    withdrawn_reason: str = ""
    id: int = 0


@dataclass(frozen=True)
class AuthorizationLetter:
    """A BIS letter that imposes or lifts a license requirement for named parties.

    ``addressee_id`` is the party the letter is addressed to (whose "own" employees it may
    cover). ``supersedes_letter_id`` ends an earlier letter from this one's effective date;
    ``modifies_letter_id`` changes one: from its effective date the earlier letter is read with
    this one's Annex A (when it has rows), transaction types and items (when recorded).
    ``excluded_destinations`` are countries or Country Groups (``D:5``) the letter leaves out;
    ``revoked_on`` is the day a revocation took effect.
    """

    matter_id: int
    effect: LetterEffect
    dated: date
    effective_from: date
    effective_until: date | None = None
    reference: str = ""
    signatory: str = ""
    item_ids: tuple[int, ...] = ()
    model_versions: tuple[str, ...] = ()
    transaction_types: tuple[TransactionType, ...] = ()
    includes_foreign_national_employees: bool = False
    includes_own_employees: bool = False
    supersedes: str = ""
    verbatim: str = ""
    document_id: int | None = None
    determination_id: int | None = None
    addressee_id: int | None = None
    supersedes_letter_id: int | None = None
    modifies_letter_id: int | None = None
    excluded_destinations: tuple[str, ...] = ()
    revoked_on: date | None = None
    withdrawn_on: date | None = None
    withdrawn_reason: str = ""
    id: int = 0


@dataclass(frozen=True)
class AnnexRow:
    """One row of a letter's Annex A, kept exactly as written, linked to a party if known.

    A link (``party_id``) decides coverage only once counsel has ``confirmed`` it; a link the
    app suggested from the name is a suggestion until then.
    """

    matter_id: int
    letter_id: int
    row_no: int
    name_as_written: str
    address_as_written: str = ""
    country: str = ""
    party_id: int | None = None
    confirmed: bool | None = None
    id: int = 0


@dataclass(frozen=True)
class Condition:
    """A license condition, rider or safeguard, as an obligation with an owner and schedule.

    ``before_release`` marks one that must be met before the authorization may be used (a
    written acknowledgment, vetting): coverage then asks for its dated evidence.
    """

    matter_id: int
    kind: ConditionKind
    category: ConditionCategory
    text: str
    number: str = ""
    license_id: int | None = None
    letter_id: int | None = None
    bound_party_ids: tuple[int, ...] = ()
    owner: str = ""
    obligation: ObligationKind = ObligationKind.CONTINUING_PROHIBITION
    first_due: date | None = None
    rrule: str = ""
    grace_days: int = 0
    acknowledgment_required: bool = False
    status: ConditionStatus = ConditionStatus.IMPOSED
    evidence_document_ids: tuple[int, ...] = ()
    before_release: bool | None = None
    withdrawn_on: date | None = None
    withdrawn_reason: str = ""
    id: int = 0


@dataclass(frozen=True)
class ConditionLog:
    """One entry in a condition's log, with its evidence.

    A transition, a notice sent, an acknowledgment, a performance (with the due date it meets),
    or a note.
    """

    matter_id: int
    condition_id: int
    kind: LogKind
    on: date
    from_status: ConditionStatus | None = None
    to_status: ConditionStatus | None = None
    party_id: int | None = None
    due: date | None = None
    document_id: int | None = None
    note: str = ""
    id: int = 0


@dataclass(frozen=True)
class ClockEvent:
    """An event on the BIS processing clock of a pending application."""

    matter_id: int
    kind: ClockEventKind
    on: date
    hold_reason: HoldReason | None = None
    note: str = ""
    id: int = 0
