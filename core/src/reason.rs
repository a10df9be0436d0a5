//! The catalogue of stable reason codes.
//!
//! Every error and every finding that hrid reports carries one of these codes. The strings are a
//! public contract shared by every language binding and by `test-vectors/reason-codes.json`: once
//! published, a code is never renamed or reused for another meaning. Human-readable text may change;
//! codes do not.

use core::fmt;
use core::str::FromStr;

/// How a reason code is normally reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[non_exhaustive]
pub enum Severity {
    /// The input is wrong or the check failed: a rejection.
    Failure,
    /// Something a person should look at, which does not by itself reject.
    Warning,
    /// A check that could not be completed (an unknown signer, an outdated trust list): neither
    /// accepted nor rejected.
    Indeterminate,
    /// A check that ran and passed.
    Passed,
}

impl Severity {
    /// The stable lowercase name of the severity (`failure`, `warning`, `indeterminate`, `passed`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Failure => "failure",
            Severity::Warning => "warning",
            Severity::Indeterminate => "indeterminate",
            Severity::Passed => "passed",
        }
    }
}

macro_rules! reason_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $severity:ident, $summary:literal; )*) => {
        /// A stable reason code: the machine-readable name of an error or a finding.
        ///
        /// The string form (see [`ReasonCode::as_str`]) is identical in every binding.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[non_exhaustive]
        pub enum ReasonCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ReasonCode {
            /// Every reason code, in catalogue order.
            pub const ALL: &'static [ReasonCode] = &[ $( ReasonCode::$variant, )* ];

            /// The stable dotted string, for example `code.check_failed`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $( ReasonCode::$variant => $code, )* }
            }

            /// The severity with which this code is normally reported.
            #[must_use]
            pub const fn severity(self) -> Severity {
                match self { $( ReasonCode::$variant => Severity::$severity, )* }
            }

            /// One sentence, in words a clerk understands, of what the code means.
            #[must_use]
            pub const fn summary(self) -> &'static str {
                match self { $( ReasonCode::$variant => $summary, )* }
            }
        }

        impl FromStr for ReasonCode {
            type Err = UnknownReasonCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $code => Ok(ReasonCode::$variant), )*
                    _ => Err(UnknownReasonCode),
                }
            }
        }
    };
}

reason_codes! {
    /// The input holds no code symbols at all.
    CodeEmpty => "code.empty", Failure, "no identity code was given";
    /// A character that is not in the identity-code alphabet.
    CodeInvalidCharacter => "code.invalid_character", Failure, "the code contains a character that identity codes never use";
    /// The code does not have 29 symbols.
    CodeWrongLength => "code.wrong_length", Failure, "the code does not have 29 characters";
    /// The check characters do not match: at least one character is wrong.
    CodeCheckFailed => "code.check_failed", Failure, "the check characters do not match: the code is mistyped or forged";
    /// A field given to build a code is malformed.
    CodeFieldInvalid => "code.field_invalid", Failure, "a field of the code (country, manufacturer, model or unit) is malformed";
    /// The code is well-formed but its check characters were not verified.
    CodeStructureOnly => "code.structure_only", Warning, "the code has the right shape, but its check characters were not verified";

    // --- keys: import and export, and validity at the time of an event ---
    /// Bytes, hex, DER or PEM that are not an Ed25519 key of the expected kind.
    KeyMalformed => "key.malformed", Failure, "the key is not a valid Ed25519 key or key file";
    /// Raw key bytes of the wrong length.
    KeyWrongLength => "key.wrong_length", Failure, "the key has the wrong number of bytes";
    /// A small-order public key, which would accept signatures anyone can make.
    KeyWeak => "key.weak", Failure, "the public key is a weak key that proves nothing";
    /// A PKCS#8 file whose embedded public key does not belong to its private key.
    KeyMismatch => "key.mismatch", Failure, "the key file's public key does not belong to its private key";
    /// A key could not be written in the requested format.
    KeyEncodingFailed => "key.encoding_failed", Failure, "the key could not be written in the requested format";
    /// The signing key's validity starts after the event time.
    KeyNotYetValid => "key.not_yet_valid", Failure, "the signing key was not yet valid at the time of the event";
    /// The signing key's validity ended before the event time.
    KeyExpired => "key.expired", Failure, "the signing key had expired by the time of the event";
    /// The signing key was reported compromised at or before the event time.
    KeyCompromised => "key.compromised", Failure, "the signing key had been reported compromised by the time of the event";
    /// The signing key was reported compromised, after the event time.
    KeyCompromisedLater => "key.compromised_later", Warning, "the signing key was reported compromised after the event, so the stated time deserves scrutiny";
    /// The signing key was valid and not compromised at the event time.
    KeyValid => "key.valid", Passed, "the signing key was valid at the time of the event";

    // --- envelopes ---
    /// The envelope is not JSON, or not of the DSSE shape.
    EnvelopeMalformed => "envelope.malformed", Failure, "the signed document is not well-formed";
    /// The envelope exceeds the size limit.
    EnvelopeTooLarge => "envelope.too_large", Failure, "the signed document is larger than allowed";
    /// The envelope's JSON nests deeper than allowed.
    EnvelopeTooDeep => "envelope.too_deep", Failure, "the signed document nests deeper than allowed";
    /// A JSON object in the envelope repeats a key.
    EnvelopeDuplicateKey => "envelope.duplicate_key", Failure, "the signed document repeats a field name, which could hide a second meaning";
    /// The payload or a signature is not canonical standard base64.
    EnvelopeBadEncoding => "envelope.bad_encoding", Failure, "the signed document holds data that is not correctly encoded";
    /// The envelope carries no signature.
    EnvelopeNoSignatures => "envelope.no_signatures", Failure, "the document carries no signature";
    /// The envelope carries more signatures than allowed.
    EnvelopeTooManySignatures => "envelope.too_many_signatures", Failure, "the document carries more signatures than allowed";
    /// The payload type is not one hrid knows.
    EnvelopePayloadTypeUnknown => "envelope.payload_type_unknown", Failure, "the document is of a type hrid does not know";
    /// The payload type is known but not the one expected here.
    EnvelopePayloadTypeUnexpected => "envelope.payload_type_unexpected", Failure, "the document is of another type than expected here";
    /// The envelope is well-formed and of the expected type.
    EnvelopeWellFormed => "envelope.well_formed", Passed, "the signed document is well-formed and of the expected type";

    // --- signatures ---
    /// A signature that is not 64 bytes.
    SignatureMalformed => "signature.malformed", Failure, "a signature has the wrong length";
    /// No signature verifies under the trusted keys its key ID names.
    SignatureInvalid => "signature.invalid", Failure, "the signature does not verify: the document was altered or signed with another key";
    /// A signature verified under a trusted key (strict Ed25519).
    SignatureValid => "signature.valid", Passed, "the signature verifies with a trusted key";

    // --- signers ---
    /// No trusted key matches any signature's key ID.
    SignerUnknown => "signer.unknown", Indeterminate, "the document was signed with a key the trust list does not know";
    /// The statement names another issuer than the participant owning the verified key.
    SignerIssuerMismatch => "signer.issuer_mismatch", Failure, "the statement names another issuer than the participant who signed it";
    /// The signing key belongs to the participant named as issuer.
    SignerKnown => "signer.known", Passed, "the signer is a registered participant and the named issuer";

    // --- roles and scopes ---
    /// None of the issuer's roles may attest this kind of event.
    RoleNotPermitted => "role.not_permitted", Failure, "the signer's role may not attest this kind of event";
    /// One of the issuer's roles may attest this kind of event.
    RolePermitted => "role.permitted", Passed, "the signer's role may attest this kind of event";
    /// The subject's manufacturer is outside the issuer's scope.
    ScopeOutside => "scope.outside", Failure, "the signer may not attest robots of this manufacturer";
    /// The subject's manufacturer is within the issuer's scope.
    ScopeWithin => "scope.within", Passed, "the signer may attest robots of this manufacturer";

    // --- statements ---
    /// The signed statement is not JSON of the statement shape.
    StatementMalformed => "statement.malformed", Failure, "the signed statement is not of the expected shape";
    /// The signed statement repeats a key in a JSON object.
    StatementDuplicateKey => "statement.duplicate_key", Failure, "the signed statement repeats a field name, which could hide a second meaning";
    /// The signed statement's JSON nests deeper than allowed.
    StatementTooDeep => "statement.too_deep", Failure, "the signed statement nests deeper than allowed";
    /// A statement field has a value outside its allowed range or format.
    StatementFieldInvalid => "statement.field_invalid", Failure, "a field of the statement has a value outside its allowed range or format";
    /// The statement's subject is not a valid identity code.
    StatementSubjectInvalid => "statement.subject_invalid", Failure, "the statement is about something that is not a valid identity code";
    /// The statement is well-formed.
    StatementWellFormed => "statement.well_formed", Passed, "the signed statement is well-formed";

    // --- time ---
    /// The event time is later than the verification time plus the allowed clock skew.
    TimeInFuture => "time.in_future", Failure, "the event is dated in the future";
    /// The event time is not in the future.
    TimeNotInFuture => "time.not_in_future", Passed, "the event is not dated in the future";

    // --- trust lists ---
    /// The trust list payload is not JSON of the trust-list shape.
    TrustListMalformed => "trust_list.malformed", Failure, "the trust list is not of the expected shape";
    /// The trust list repeats a key in a JSON object.
    TrustListDuplicateKey => "trust_list.duplicate_key", Failure, "the trust list repeats a field name, which could hide a second meaning";
    /// The trust list's JSON nests deeper than allowed.
    TrustListTooDeep => "trust_list.too_deep", Failure, "the trust list nests deeper than allowed";
    /// The trust list is well-formed JSON but inconsistent (duplicate participants or keys, ...).
    TrustListInvalid => "trust_list.invalid", Failure, "the trust list contradicts itself or breaks a rule of its format";
    /// The trust anchor given by the caller is unusable (no keys, threshold 0 or above the key count).
    TrustListAnchorInvalid => "trust_list.anchor_invalid", Failure, "the trusted root keys or their threshold are unusable";
    /// Fewer distinct root keys signed than the threshold requires.
    TrustListThresholdNotMet => "trust_list.threshold_not_met", Failure, "too few of the required root keys signed the trust list";
    /// The trust list's version is older than one already seen.
    TrustListRollback => "trust_list.rollback", Failure, "the trust list is older than one already seen";
    /// An update skips a version.
    TrustListVersionSkipped => "trust_list.version_skipped", Failure, "the trust list update skips a version";
    /// The trust list is issued later than the verification time.
    TrustListNotYetValid => "trust_list.not_yet_valid", Failure, "the trust list is dated in the future";
    /// The trust list expired longer ago than the grace period.
    TrustListExpired => "trust_list.expired", Indeterminate, "the trust list has expired: fetch a current one";
    /// The trust list expired, within the grace period.
    TrustListExpiredGrace => "trust_list.expired_grace", Warning, "the trust list has expired recently: fetch a current one soon";
    /// The trust list is current.
    TrustListCurrent => "trust_list.current", Passed, "the trust list is current";

    // --- history bundles ---
    /// The history bundle is not JSON of the bundle shape (or repeats a key, or nests too deep).
    HistoryMalformed => "history.malformed", Failure, "the history file is not of the expected shape";
    /// The history bundle exceeds the size limit.
    HistoryTooLarge => "history.too_large", Failure, "the history file is larger than allowed";
    /// The history bundle holds more attestations or recall notices than allowed.
    HistoryTooManyEvents => "history.too_many_events", Failure, "the history holds more events than allowed";
    /// The bundle's subject is not a valid identity code in canonical form.
    HistorySubjectInvalid => "history.subject_invalid", Failure, "the history is about something that is not a valid identity code";
    /// The bundle holds no attestation at all.
    HistoryEmpty => "history.empty", Failure, "the history holds no attestation";
    /// A verified statement is about another robot than the bundle's subject.
    HistorySubjectMismatch => "history.subject_mismatch", Failure, "an attestation in the history is about another robot";
    /// The bundle is well-formed.
    HistoryWellFormed => "history.well_formed", Passed, "the history file is well-formed";
    /// The bundle contradicts the registry's status feed: it ends before the registry's head for
    /// the robot, differs at it, or shows alive a robot the registry says has ended.
    HistoryRegistryConflict => "history.registry_conflict", Failure, "the history contradicts the registry's status feed: it was cut short or diverges";
    /// Every attestation of the bundle verified.
    HistoryAttestationsVerified => "history.attestations_verified", Passed, "every attestation in the history verifies";

    // --- chains ---
    /// A statement's `seq` is not its position in the chain.
    ChainSeqGap => "chain.seq_gap", Failure, "an attestation is missing or out of order in the history";
    /// A statement's `prev` is not the statement hash of the one before it.
    ChainPrevMismatch => "chain.prev_mismatch", Failure, "an attestation does not link to the one before it";
    /// Two statements name the same predecessor: the history was forked (equivocation).
    ChainFork => "chain.fork", Failure, "two different attestations claim the same place in the history";
    /// The same statement appears twice.
    ChainDuplicate => "chain.duplicate", Failure, "the same attestation appears twice in the history";
    /// An event is dated before the event preceding it.
    ChainTimeDecreasing => "chain.time_decreasing", Failure, "an event is dated before the event that precedes it";
    /// The chain is complete, linked and in time order.
    ChainIntact => "chain.intact", Passed, "the history is complete, linked and in time order";

    // --- lifecycle rules ---
    /// The first statement is not `manufactured`.
    LifecycleFirstNotManufactured => "lifecycle.first_not_manufactured", Failure, "the history does not start with the robot's manufacture";
    /// `manufactured` is signed by someone other than the manufacturer owning the code.
    LifecycleManufacturerNotOwner => "lifecycle.manufacturer_not_owner", Failure, "the manufacture was attested by someone other than the manufacturer named in the code";
    /// The statement after `manufactured` is not `registered`.
    LifecycleRegistrationNotSecond => "lifecycle.registration_not_second", Failure, "the robot was not registered right after its manufacture";
    /// `registered` is signed by a participant without the registry role.
    LifecycleRegistrarNotRegistry => "lifecycle.registrar_not_registry", Failure, "the registration was attested by someone other than the registry";
    /// A sale, transfer or deployment before the robot was registered.
    LifecycleMarketBeforeRegistration => "lifecycle.market_before_registration", Failure, "the robot was sold, transferred or deployed before it was registered";
    /// The production date is after the registration.
    LifecycleProductionAfterRegistration => "lifecycle.production_after_registration", Failure, "the production date is later than the registration";
    /// A sale after the robot was scrapped.
    LifecycleSaleAfterScrap => "lifecycle.sale_after_scrap", Failure, "the robot was sold after it was scrapped or dismantled";
    /// A transfer after the robot was scrapped.
    LifecycleTransferAfterScrap => "lifecycle.transfer_after_scrap", Failure, "the robot changed hands after it was scrapped or dismantled";
    /// A deployment after the robot was scrapped.
    LifecycleDeploymentAfterScrap => "lifecycle.deployment_after_scrap", Failure, "the robot was put into service after it was scrapped or dismantled";
    /// Telemetry after the robot was scrapped.
    LifecycleTelemetryAfterScrap => "lifecycle.telemetry_after_scrap", Failure, "the robot reported operating data after it was scrapped or dismantled";
    /// Another event (not `dismantled`) after the robot was scrapped.
    LifecycleEventAfterScrap => "lifecycle.event_after_scrap", Failure, "something happened after the robot's end of life (scrapped or dismantled) other than the one recycling step left";
    /// A sale or transfer while suspended.
    LifecycleSaleWhileSuspended => "lifecycle.sale_while_suspended", Failure, "the robot was sold or transferred while suspended";
    /// A deployment while suspended.
    LifecycleDeploymentWhileSuspended => "lifecycle.deployment_while_suspended", Failure, "the robot was put into service while suspended";
    /// A deployment after the robot was decommissioned.
    LifecycleDeploymentAfterDecommission => "lifecycle.deployment_after_decommission", Failure, "the robot was put into service after it was decommissioned";
    /// Every lifecycle rule holds.
    LifecycleConsistent => "lifecycle.consistent", Passed, "the robot's life follows the rules";

    // --- telemetry and software ---
    /// Operating hours went down.
    TelemetryHoursDecreased => "telemetry.hours_decreased", Failure, "the operating hours went down: the counter was turned back";
    /// The battery cycle count went down without a battery replacement.
    TelemetryBatteryCyclesDecreased => "telemetry.battery_cycles_decreased", Failure, "the battery cycle count went down without a battery replacement";
    /// A software update names another previous image than the one installed.
    SoftwareLineageBroken => "software.lineage_broken", Failure, "a software update does not follow from the software that was installed";
    /// A software update names no previous image although the installed one is known.
    SoftwarePreviousDigestMissing => "software.previous_digest_missing", Failure, "a software update does not say which software it replaced";

    // --- recall notices ---
    /// The recall notice is not of the recall shape, or breaks a rule of its format.
    RecallMalformed => "recall.malformed", Failure, "the recall notice is not of the expected shape";
    /// The recall notice's issuer is neither a manufacturer nor a regulator.
    RecallIssuerNotPermitted => "recall.issuer_not_permitted", Failure, "the recall notice was issued by someone who may not issue recalls";
    /// A manufacturer's recall covers robots of another manufacturer.
    RecallScopeOutside => "recall.scope_outside", Failure, "the manufacturer issued a recall for robots it did not make";
    /// The recall notice verified.
    RecallValid => "recall.valid", Passed, "the recall notice is authentic";
    /// The robot is in a recall that has not been remedied.
    RecallOpen => "recall.open", Warning, "the robot is in a recall that has not been remedied";
    /// The robot is in a recall that was remedied.
    RecallRemedied => "recall.remedied", Passed, "the robot is in a recall that has been remedied";
    /// A remedy names a recall that is not among the verified notices.
    RecallRemedyUnknown => "recall.remedy_unknown", Warning, "a remedy names a recall notice that was not supplied";

    // --- passports ---
    /// The passport text or frame is malformed.
    PassportMalformed => "passport.malformed", Failure, "the passport is not readable";
    /// The passport frame has an unknown version.
    PassportVersionUnknown => "passport.version_unknown", Failure, "the passport is of a version hrid does not know";
    /// A passport field is outside what the frame can hold.
    PassportFieldInvalid => "passport.field_invalid", Failure, "a passport field is outside its allowed range";
    /// The passport is for another robot than the one presented.
    PassportSubjectMismatch => "passport.subject_mismatch", Failure, "the passport belongs to another robot";
    /// The passport is issued later than the verification time.
    PassportIssuedInFuture => "passport.issued_in_future", Failure, "the passport is dated in the future";
    /// The passport is current.
    PassportFresh => "passport.fresh", Passed, "the passport is current";
    /// The passport expired, within the grace period.
    PassportStale => "passport.stale", Warning, "the passport has expired recently: ask for a new one";
    /// The passport expired longer ago than the grace period.
    PassportExpired => "passport.expired", Failure, "the passport has expired";
    /// The caller's clock is behind a signed time it has already seen.
    PassportClockSetBack => "passport.clock_set_back", Warning, "the device clock is behind a time it has already seen: it was set back";
    /// The passport's lifetime (`expires_at - issued_at`) is longer than the maximum.
    PassportLifetimeTooLong => "passport.lifetime_too_long", Failure, "the passport is valid for longer than a passport may be";

    // --- market access ---
    /// Access allowed.
    AccessAllowed => "access.allowed", Passed, "the robot may be placed on the market for this purpose";
    /// No evidence was presented.
    AccessNoEvidence => "access.no_evidence", Failure, "no passport or history was presented: no code, no market access";
    /// The code presented is not a valid identity code.
    AccessCodeInvalid => "access.code_invalid", Failure, "the identity code presented is not valid";
    /// The evidence did not verify.
    AccessEvidenceUnverifiable => "access.evidence_unverifiable", Failure, "the passport or history presented could not be verified";
    /// The evidence is about another robot.
    AccessEvidenceOtherSubject => "access.evidence_other_subject", Failure, "the passport or history presented belongs to another robot";
    /// Passport and history contradict each other.
    AccessEvidenceConflict => "access.evidence_conflict", Failure, "the evidence contradicts itself: the passport, the history and the registry's status feed disagree";
    /// No registry evidence recent enough for the policy: a passport issued within the policy's
    /// maximum age, or a current status feed.
    AccessEvidenceStale => "access.evidence_stale", Failure, "no recent word of the registry was presented: a fresh passport or a current status feed is needed";
    /// The only registry evidence is a passport signed with a registry key reported compromised.
    AccessPassportKeyCompromised => "access.passport_key_compromised", Failure, "the passport was signed with a registry key since reported compromised: it must be corroborated by a current status feed";
    /// The robot is not registered.
    AccessNotRegistered => "access.not_registered", Failure, "the robot is not registered";
    /// The robot was scrapped.
    AccessScrapped => "access.scrapped", Failure, "the robot was scrapped";
    /// The robot was decommissioned.
    AccessDecommissioned => "access.decommissioned", Failure, "the robot was permanently taken out of service";
    /// The robot is suspended.
    AccessSuspended => "access.suspended", Failure, "the robot is suspended";
    /// The robot is in an open recall.
    AccessRecallOpen => "access.recall_open", Failure, "the robot is in a recall that has not been remedied";

    // --- fleet audits ---
    /// A part harvested from a scrapped robot was installed in another robot.
    AuditScrappedPartReused => "audit.scrapped_part_reused", Failure, "a part taken from a scrapped robot was installed in another robot";
    /// The same code has two different histories: a cloned label.
    AuditClonedCode => "audit.cloned_code", Failure, "the same identity code has two different histories: a label was copied";
    /// The same part serial is installed in two robots in service.
    AuditPartInTwoRobots => "audit.part_in_two_robots", Failure, "the same part is installed in two robots at once";
    /// No cross-robot rule was broken.
    AuditConsistent => "audit.consistent", Passed, "no part or code appears where it should not";

    // --- custody at a moment (incident accountability) ---
    /// The custody questions were answered from the verified statements up to the moment.
    CustodyAnswered => "custody.answered", Passed, "who was responsible at that moment is answered from signed statements";
    /// The history did not verify completely: answers rest only on statements that did.
    CustodyHistoryUnverified => "custody.history_unverified", Indeterminate, "some of the robot's history could not be verified, so the answers may be incomplete";
    /// The moment is before the robot's manufacture on record.
    CustodyBeforeManufacture => "custody.before_manufacture", Warning, "the moment is before the robot was manufactured, as far as the record shows";
    /// No owner on record at the moment.
    CustodyNoOwner => "custody.no_owner", Warning, "no owner is on record at that moment";
    /// No deployment in effect at the moment: no operator, site or use on record.
    CustodyNoOperator => "custody.no_operator", Warning, "no operator or site is on record at that moment";
    /// No maintenance on record before the moment.
    CustodyNoMaintenance => "custody.no_maintenance", Warning, "no maintenance is on record before that moment";
    /// No AI training profile installed on record at the moment.
    CustodyNoAiProfile => "custody.no_ai_profile", Warning, "no AI training profile is on record at that moment";
    /// No telemetry report before the moment.
    CustodyNoTelemetry => "custody.no_telemetry", Warning, "no telemetry report is on record before that moment";
    /// An open recall covered the robot at the moment.
    CustodyRecallOpen => "custody.recall_open", Warning, "a recall covering the robot was open at that moment";
    /// The robot was scrapped, dismantled or decommissioned at the moment: it should not have been in operation.
    CustodyOperatedWhileScrapped => "custody.operated_while_scrapped", Failure, "the robot had been scrapped or taken out of service at that moment, yet it was in operation";
    /// The robot was suspended at the moment.
    CustodyOperatedWhileSuspended => "custody.operated_while_suspended", Failure, "the robot was suspended at that moment, yet it was in operation";

    // --- the registry's status feed ---
    /// The status feed document or its payload is not of the specified form.
    StatusFeedMalformed => "status_feed.malformed", Failure, "the registry's status feed is not of the specified form";
    /// The status feed document is larger than the limit.
    StatusFeedTooLarge => "status_feed.too_large", Failure, "the registry's status feed is larger than the limit";
    /// The status feed is signed by a participant without the registry role.
    StatusFeedSignerNotRegistry => "status_feed.signer_not_registry", Failure, "the status feed is not signed by the registry";
    /// The status feed names a registry that is not a registry of the trust list.
    StatusFeedOtherRegistry => "status_feed.other_registry", Failure, "the status feed is issued for another registry";
    /// The status feed's version is below the highest version already seen.
    StatusFeedRollback => "status_feed.rollback", Failure, "the status feed is older than one already seen: it was rolled back";
    /// The status feed is dated after the verification time.
    StatusFeedIssuedInFuture => "status_feed.issued_in_future", Failure, "the status feed is dated in the future";
    /// A recall notice the feed names is missing or does not verify.
    StatusFeedRecallMissing => "status_feed.recall_missing", Failure, "a recall notice that the status feed names is missing or not authentic";
    /// The status feed expired, within the grace period.
    StatusFeedExpiredGrace => "status_feed.expired_grace", Warning, "the registry's status feed expired a short while ago; get a new one";
    /// The status feed expired beyond the grace period.
    StatusFeedExpired => "status_feed.expired", Indeterminate, "the registry's status feed has expired: get a current one";
    /// The status feed is current.
    StatusFeedCurrent => "status_feed.current", Passed, "the registry's status feed is current";
    /// The status feed is authentic and every recall notice it names verifies.
    StatusFeedValid => "status_feed.valid", Passed, "the registry's status feed is authentic";
}

/// The error returned when a string is not a known reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown reason code")]
pub struct UnknownReasonCode;

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ReasonCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown reason code {s:?}")))
    }
}

/// The catalogue as a JSON value: `{"codes": [{"code", "severity", "summary"}, ...]}`.
///
/// This is what `test-vectors/reason-codes.json` holds; every binding checks that its own list of
/// codes equals it.
#[must_use]
pub fn catalogue_json() -> serde_json::Value {
    let codes: Vec<serde_json::Value> = ReasonCode::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "code": c.as_str(),
                "severity": c.severity().as_str(),
                "summary": c.summary(),
            })
        })
        .collect();
    serde_json::json!({
        "description": "The stable reason codes of hrid. Generated from core/src/reason.rs by `cargo xtask vectors`; do not edit.",
        "codes": codes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ReasonCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert_eq!(code.as_str().parse::<ReasonCode>(), Ok(*code));
            assert!(code.as_str().contains('.'));
            assert!(!code.summary().ends_with('.'));
        }
        assert!("nope.nope".parse::<ReasonCode>().is_err());
    }
}
