"""The catalogue of stable reason codes: the machine-readable names of errors and findings.

The strings are identical in Rust, Python, JavaScript and Kotlin. ``REASON_CODES`` comes from the
native core at import time; ``ReasonCode`` is the same list as a ``Literal`` type for type checkers
(the tests check that both equal ``test-vectors/reason-codes.json``).
"""

from __future__ import annotations

from typing import Dict, Literal, Tuple

from . import _native

__all__ = [
    "CATALOGUE",
    "REASON_CODES",
    "ReasonCode",
    "Severity",
    "Verdict",
    "severity",
    "summary",
]

#: A stable reason code, for example ``"code.check_failed"``.
ReasonCode = Literal[
    "code.empty",
    "code.invalid_character",
    "code.wrong_length",
    "code.check_failed",
    "code.field_invalid",
    "code.structure_only",
    "key.malformed",
    "key.wrong_length",
    "key.weak",
    "key.mismatch",
    "key.encoding_failed",
    "key.not_yet_valid",
    "key.expired",
    "key.compromised",
    "key.compromised_later",
    "key.valid",
    "envelope.malformed",
    "envelope.too_large",
    "envelope.too_deep",
    "envelope.duplicate_key",
    "envelope.bad_encoding",
    "envelope.no_signatures",
    "envelope.too_many_signatures",
    "envelope.payload_type_unknown",
    "envelope.payload_type_unexpected",
    "envelope.well_formed",
    "signature.malformed",
    "signature.invalid",
    "signature.valid",
    "signer.unknown",
    "signer.issuer_mismatch",
    "signer.known",
    "role.not_permitted",
    "role.permitted",
    "scope.outside",
    "scope.within",
    "statement.malformed",
    "statement.duplicate_key",
    "statement.too_deep",
    "statement.field_invalid",
    "statement.subject_invalid",
    "statement.well_formed",
    "time.in_future",
    "time.not_in_future",
    "trust_list.malformed",
    "trust_list.duplicate_key",
    "trust_list.too_deep",
    "trust_list.invalid",
    "trust_list.anchor_invalid",
    "trust_list.threshold_not_met",
    "trust_list.rollback",
    "trust_list.version_skipped",
    "trust_list.not_yet_valid",
    "trust_list.expired",
    "trust_list.expired_grace",
    "trust_list.current",
    "history.malformed",
    "history.too_large",
    "history.too_many_events",
    "history.subject_invalid",
    "history.empty",
    "history.subject_mismatch",
    "history.well_formed",
    "history.attestations_verified",
    "chain.seq_gap",
    "chain.prev_mismatch",
    "chain.fork",
    "chain.duplicate",
    "chain.time_decreasing",
    "chain.intact",
    "lifecycle.first_not_manufactured",
    "lifecycle.manufacturer_not_owner",
    "lifecycle.registration_not_second",
    "lifecycle.registrar_not_registry",
    "lifecycle.market_before_registration",
    "lifecycle.production_after_registration",
    "lifecycle.sale_after_scrap",
    "lifecycle.transfer_after_scrap",
    "lifecycle.deployment_after_scrap",
    "lifecycle.telemetry_after_scrap",
    "lifecycle.event_after_scrap",
    "lifecycle.sale_while_suspended",
    "lifecycle.deployment_while_suspended",
    "lifecycle.deployment_after_decommission",
    "lifecycle.consistent",
    "telemetry.hours_decreased",
    "telemetry.battery_cycles_decreased",
    "software.lineage_broken",
    "software.previous_digest_missing",
    "recall.malformed",
    "recall.issuer_not_permitted",
    "recall.scope_outside",
    "recall.valid",
    "recall.open",
    "recall.remedied",
    "recall.remedy_unknown",
    "passport.malformed",
    "passport.version_unknown",
    "passport.field_invalid",
    "passport.subject_mismatch",
    "passport.issued_in_future",
    "passport.fresh",
    "passport.stale",
    "passport.expired",
    "passport.clock_set_back",
    "access.allowed",
    "access.no_evidence",
    "access.code_invalid",
    "access.evidence_unverifiable",
    "access.evidence_other_subject",
    "access.evidence_conflict",
    "access.not_registered",
    "access.scrapped",
    "access.decommissioned",
    "access.suspended",
    "access.recall_open",
    "audit.scrapped_part_reused",
    "audit.cloned_code",
    "audit.part_in_two_robots",
    "audit.consistent",
    "custody.answered",
    "custody.history_unverified",
    "custody.before_manufacture",
    "custody.no_owner",
    "custody.no_operator",
    "custody.no_maintenance",
    "custody.no_ai_profile",
    "custody.no_telemetry",
    "custody.recall_open",
    "custody.operated_while_scrapped",
    "custody.operated_while_suspended",
]

#: How a reason code is normally reported.
Severity = Literal["failure", "warning", "indeterminate", "passed"]

#: The outcome of a verification.
Verdict = Literal["accepted", "rejected", "indeterminate"]

#: Every reason code, in catalogue order.
REASON_CODES: Tuple[str, ...] = tuple(code for code, _, _ in _native.reason_catalogue())

#: ``code -> (severity, summary)``, in catalogue order.
CATALOGUE: Dict[str, Tuple[Severity, str]] = {
    code: (sev, text) for code, sev, text in _native.reason_catalogue()
}


def severity(code: str) -> Severity:
    """How ``code`` is normally reported: ``failure``, ``warning``, ``indeterminate`` or ``passed``.

    Raises ``KeyError`` for an unknown code.
    """
    return CATALOGUE[code][0]


def summary(code: str) -> str:
    """One sentence, in words a clerk understands, of what ``code`` means.

    Raises ``KeyError`` for an unknown code.
    """
    return CATALOGUE[code][1]
