/*
 * The Kotlin API of hrid: identity codes, Ed25519 keys, trust lists, attestations, histories,
 * recall notices, QR passports, the registry's status feed, health summaries, market-access
 * decisions and fleet audits, verified offline, with the same verdicts and reason codes as the Rust core.
 *
 * This file is a facade over the uniffi-generated packages `cn.hrid.ffi` (the binding) and
 * `uniffi.hrid` (the core's own records and enums) and holds no logic: it re-exports the
 * generated records and enums under `cn.hrid`, gives functions Kotlin default arguments, wraps
 * the native objects as AutoCloseable classes, reads each report's `findings` on the report
 * (`report.verdict`, `report.failures`, ...) and a statement's fields on the verified document,
 * and turns the generated `HridFfiException` (whose `message` is a field dump) into the sealed
 * [HridException], whose `message` is readable and whose `code` is the reason code.
 */
@file:JvmName("Hrid")

package cn.hrid

import cn.hrid.ffi.HridFfiException

// ---- Records and enums: the generated types, under this package ------------------------------
// The core's own types (its feature `uniffi`) are generated in package `uniffi.hrid`; the
// binding's options, code report and parsed passport in `cn.hrid.ffi`.

/** A stable reason code; [code] gives its dotted string (`code.check_failed`, ...). */
typealias ReasonCode = uniffi.hrid.ReasonCode
/** One entry of the reason-code catalogue. */
typealias ReasonCodeInfo = cn.hrid.ffi.ReasonCodeInfo
/** How a reason code is normally reported. */
typealias Severity = uniffi.hrid.Severity
/** Accepted, rejected or indeterminate. */
typealias Verdict = uniffi.hrid.Verdict
/** A valid identity code: canonical and display forms and fields. */
typealias IdentityCode = cn.hrid.ffi.ValidCode
/** The five fields of a code as text. */
typealias CodeFields = uniffi.hrid.Fields
/** What [checkCode] returns: validity, forms, fields, error, warning, suggestions. */
typealias CodeReport = cn.hrid.ffi.CodeReport
/** An error or warning inside a [CodeReport] or a [NearMiss]: code, message, position. */
typealias CodeIssue = uniffi.hrid.ErrorInfo
/** A proposed correction: show it, never apply it automatically. */
typealias Suggestion = uniffi.hrid.Suggestion
/** Suggestion confidence: A ("did you mean"), B (after the person confirms two errors). */
typealias Tier = uniffi.hrid.Tier
/** What a suggestion repairs. */
typealias Repair = uniffi.hrid.Repair
/** What [findCodes] returns. */
typealias CodeScan = uniffi.hrid.Scan
/** A valid code found in text; `start`/`end` count Unicode code points, like the core. */
typealias FoundCode = uniffi.hrid.Found
/** Code-like text that does not verify. */
typealias NearMiss = uniffi.hrid.NearMiss
/** Where in the text a match stands (code points, and UTF-8 bytes). */
typealias Span = uniffi.hrid.Span
/** Verification settings; `VerifyOptions()` gives the normative defaults. */
typealias VerifyOptions = cn.hrid.ffi.VerifyOptions
/** One check's result: reason code, subject, evidence, detail. */
typealias Finding = uniffi.hrid.Finding
/** A report's verdict and its findings in buckets (every report holds one as `findings`). */
typealias Findings = uniffi.hrid.Findings
/** What [Verifier.verify] returns. */
typealias VerificationReport = uniffi.hrid.VerificationReport
/** An attestation that verified and passed every check: the statement, its hash and key. */
typealias VerifiedAttestation = uniffi.hrid.VerifiedAttestation
/** A lifecycle statement: subject, seq, prev, time, issuer, event. */
typealias Attestation = uniffi.hrid.Attestation
/** What happened, with the event's fields. */
typealias LifecycleEvent = uniffi.hrid.LifecycleEvent
/** Firmware or AI profile. */
typealias SoftwareComponent = uniffi.hrid.SoftwareComponent
/** A registered participant of a trust list. */
typealias Participant = uniffi.hrid.Participant
/** One key of a participant (64 hex digits), with its validity period. */
typealias ParticipantKey = uniffi.hrid.ParticipantKey
/** The manufacturers a participant may attest. */
typealias Scope = uniffi.hrid.Scope
/** What a participant does in the robot's life. */
typealias Role = uniffi.hrid.Role

/** What [Verifier.verifyHistory] returns: verdict, findings, head, health, recalls, chain. */
typealias HistoryReport = uniffi.hrid.HistoryReport
/** The last statement of a chain: `seq` and statement hash. */
typealias ChainHead = uniffi.hrid.ChainHead
/** A robot's state from its verified history (status, owner, deployment, battery, software...). */
typealias HealthSummary = uniffi.hrid.HealthSummary
/** Where a robot stands in its life (from its history). */
typealias LifecycleStatus = uniffi.hrid.LifecycleStatus
/** Where a robot is in service. */
typealias Deployment = uniffi.hrid.Deployment
/** What a deployed robot is used for. */
typealias UseCategory = uniffi.hrid.UseCategory
/** Installed firmware or AI profile. */
typealias SoftwareState = uniffi.hrid.SoftwareState
/** Latest wear of one joint. */
typealias JointReport = uniffi.hrid.JointReport
/** An installed serialised part. */
typealias Component = uniffi.hrid.Component
/** Kinds of serialised parts. */
typealias ComponentKind = uniffi.hrid.ComponentKind
/** Where one recall stands for one robot. */
typealias RecallStatus = uniffi.hrid.RecallStatus
/** Open or remedied. */
typealias RecallState = uniffi.hrid.RecallState
/** What [Verifier.verifyRecall] returns. */
typealias RecallReport = uniffi.hrid.RecallReport
/** A recall notice that verified: the notice, its statement hash and key. */
typealias VerifiedRecall = uniffi.hrid.VerifiedRecall
/** A recall notice: ID, issuer, time, population, defect, remedy. */
typealias RecallNotice = uniffi.hrid.RecallNotice
/** Which robots a recall covers. */
typealias RecallPopulation = uniffi.hrid.RecallPopulation
/** An inclusive range of unit numbers. */
typealias UnitRange = uniffi.hrid.UnitRange
/** What [Verifier.custody] returns: who was responsible at a moment, each answer with its proof. */
typealias CustodyReport = uniffi.hrid.CustodyReport
/** The signed statement an answer of a [CustodyReport] rests on (hash, issuer, key, time). */
typealias CustodyProof = uniffi.hrid.Proof
/** Who made the robot. */
typealias CustodyManufacture = uniffi.hrid.Manufacture
/** Who owned the robot at the moment, and since when. */
typealias CustodyOwner = uniffi.hrid.Owner
/** Who operated the robot at the moment, where and for what. */
typealias CustodyOperation = uniffi.hrid.Operation
/** The last maintenance before the moment. */
typealias CustodyMaintenance = uniffi.hrid.Maintenance
/** Firmware or AI profile in effect at the moment, and who installed it. */
typealias CustodySoftware = uniffi.hrid.Software
/** A recall issued by the moment, open or remedied then. */
typealias CustodyRecall = uniffi.hrid.RecallAtMoment
/** A telemetry report near the moment. */
typealias CustodyTelemetry = uniffi.hrid.TelemetryAtMoment
/** The lifecycle status at the moment and the statement that set it. */
typealias CustodyStatus = uniffi.hrid.StatusAtMoment

/** A robot's status as a passport states it. */
typealias PassportStatus = uniffi.hrid.PassportStatus
/** A passport whose registry signature verified. */
typealias VerifiedPassport = uniffi.hrid.VerifiedPassport
/** What [Verifier.verifyPassport] returns. */
typealias PassportReport = uniffi.hrid.PassportReport
/** What [parsePassport] returns: what a passport claims, not verified. */
typealias ParsedPassport = uniffi.hrid.PassportReading
/** Passport verification settings: grace, newest signed time seen, expected subject. */
typealias PassportOptions = cn.hrid.ffi.PassportOptions
/** Passport settings of an access decision: grace and newest signed time seen. */
typealias AccessOptions = cn.hrid.ffi.AccessOptions
/** What [Verifier.decideAccess] returns. */
typealias AccessDecision = uniffi.hrid.AccessDecision
/** Listing, sale or deployment. */
typealias Policy = uniffi.hrid.Policy
/** Allowed or denied. */
typealias Decision = uniffi.hrid.Decision
/** One robot the registry's status feed lists (every robot that is not active): code, status, head, since. */
typealias RobotStatus = uniffi.hrid.RobotStatus
/** A robot's status in the status feed (every status but active). */
typealias FeedStatus = uniffi.hrid.FeedStatus
/** The head of a robot's chain as the registry has it. */
typealias FeedHead = uniffi.hrid.FeedHead
/** A history bundle with the caller's name for it, for [Verifier.audit]. */
typealias NamedBundle = cn.hrid.ffi.NamedBundle
/** One robot of an audit. */
typealias AuditedRobot = uniffi.hrid.AuditedRobot
/** What [Verifier.audit] returns. */
typealias AuditReport = uniffi.hrid.AuditReport

// ---- Errors --------------------------------------------------------------------------------

/**
 * Every error hrid reports. [code] is the stable reason code (match on it, or on its dotted
 * string `code.code`); [message] is for people and may change between releases.
 */
sealed class HridException(val code: ReasonCode, message: String) : Exception(message) {
    /** Text that is not a valid identity code ([position] and tier-A [suggestions] help fix it). */
    class InvalidCode(
        code: ReasonCode,
        message: String,
        /** Zero-based character position in the input (Unicode code points), where known. */
        val position: Int?,
        /** Tier-A suggestions, best first (possibly none). */
        val suggestions: List<Suggestion>,
    ) : HridException(code, message)

    /** A key that cannot be imported (`key.*`). */
    class InvalidKey(code: ReasonCode, message: String) : HridException(code, message)

    /**
     * A trust list, envelope or status feed that was not accepted (`envelope.*`, `signature.*`,
     * `trust_list.*`, `status_feed.*`, ...; [StatusFeedReport.requireFeed]).
     */
    class InvalidDocument(code: ReasonCode, message: String) : HridException(code, message) {
        /** True when the document could not be judged rather than failed (`trust_list.expired`). */
        val isIndeterminate: Boolean get() = code.severity == Severity.INDETERMINATE
    }

    /** Text that is not a passport ([parsePassport]: `passport.malformed`, `passport.version_unknown`). */
    class InvalidPassport(code: ReasonCode, message: String) : HridException(code, message)

    override fun toString(): String = "${this::class.simpleName}[${code.code}]: $message"
}

private fun HridFfiException.toHrid(): HridException = when (this) {
    is HridFfiException.InvalidCode -> HridException.InvalidCode(error.code, error.message, error.position, suggestions)
    is HridFfiException.InvalidKey -> HridException.InvalidKey(code, detail)
    is HridFfiException.InvalidDocument -> HridException.InvalidDocument(code, detail)
    is HridFfiException.InvalidPassport -> HridException.InvalidPassport(code, detail)
}

private inline fun <T> translated(block: () -> T): T =
    try {
        block()
    } catch (e: HridFfiException) {
        throw e.toHrid().also { it.initCause(e) }
    }

/**
 * JVM strings may hold unpaired surrogates, which are not text and cannot cross into Rust (the
 * generated code would throw `MalformedInputException`). Each becomes U+FFFD, one code point for
 * one code unit, so positions are unchanged and the input is reported as `code.invalid_character`
 * (or malformed JSON) like any other stray character.
 */
internal fun wellFormed(s: String): String {
    var bad = false
    var i = 0
    while (i < s.length) {
        val c = s[i]
        if (Character.isHighSurrogate(c) && i + 1 < s.length && Character.isLowSurrogate(s[i + 1])) {
            i += 2
            continue
        }
        if (Character.isSurrogate(c)) {
            bad = true
            break
        }
        i++
    }
    if (!bad) return s
    val out = StringBuilder(s.length)
    i = 0
    while (i < s.length) {
        val c = s[i]
        if (Character.isHighSurrogate(c) && i + 1 < s.length && Character.isLowSurrogate(s[i + 1])) {
            out.append(c).append(s[i + 1])
            i += 2
        } else {
            out.append(if (Character.isSurrogate(c)) '\uFFFD' else c)
            i++
        }
    }
    return out.toString()
}

// ---- Reason codes --------------------------------------------------------------------------

private val catalogue: Map<ReasonCode, ReasonCodeInfo> by lazy {
    cn.hrid.ffi.reasonCodes().associateBy { it.reason }
}
private val byString: Map<String, ReasonCode> by lazy {
    catalogue.values.associate { it.code to it.reason }
}

/** The whole reason-code catalogue, in the core's order (`test-vectors/reason-codes.json`). */
fun reasonCodes(): List<ReasonCodeInfo> = cn.hrid.ffi.reasonCodes()

/** The dotted string of a reason code, identical in every binding (`signature.invalid`). */
val ReasonCode.code: String get() = catalogue.getValue(this).code

/** How this reason code is normally reported. */
val ReasonCode.severity: Severity get() = catalogue.getValue(this).severity

/** One sentence, in words a clerk understands, of what the code means. */
val ReasonCode.summary: String get() = catalogue.getValue(this).summary

/** The reason code with this dotted string, or null. */
fun reasonCodeOf(code: String): ReasonCode? = byString[code]

// ---- Identity codes ------------------------------------------------------------------------

/**
 * Check one input and report everything a screen shows. Never throws.
 * [twoErrors]: also offer tier-B suggestions (the person confirmed two characters look wrong).
 * [structureOnly]: check alphabet and length only (for issuers without the check rule).
 */
fun checkCode(text: String, twoErrors: Boolean = false, structureOnly: Boolean = false): CodeReport =
    cn.hrid.ffi.checkCode(wellFormed(text), twoErrors, structureOnly)

/** Parse and verify a code in any accepted spelling; throws [HridException.InvalidCode]. */
fun validateCode(text: String): IdentityCode = translated { cn.hrid.ffi.validateCode(wellFormed(text)) }

/** True when [text] is a valid code in any accepted spelling. */
fun isValid(text: String): Boolean = cn.hrid.ffi.isValidCode(wellFormed(text))

/** The 29 canonical symbols, check characters not verified; throws [HridException.InvalidCode]. */
fun compact(text: String): String = translated { cn.hrid.ffi.compactCode(wellFormed(text)) }

/** The display form `CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK` of a valid code; throws [HridException.InvalidCode]. */
fun formatCode(text: String): String = translated { cn.hrid.ffi.formatCode(wellFormed(text)) }

/** Build a code from its fields (computes the check characters); throws [HridException.InvalidCode]. */
fun buildCode(country: String, manufacturer: String, model: String, unit: String): IdentityCode =
    translated { cn.hrid.ffi.buildCode(wellFormed(country), wellFormed(manufacturer), wellFormed(model), wellFormed(unit)) }

/** Suggestions for a mistyped code, best first. */
fun suggest(text: String, twoErrors: Boolean = false): List<Suggestion> = cn.hrid.ffi.suggestCode(wellFormed(text), twoErrors)

/** Find identity codes (and near misses) in free text. */
fun findCodes(text: String): CodeScan = cn.hrid.ffi.findCodes(wellFormed(text))

// ---- Keys ----------------------------------------------------------------------------------

/** An Ed25519 public key (strict: never small-order, canonical encoding). Close it when done. */
class VerifyingKey internal constructor(internal val raw: cn.hrid.ffi.VerifyingKey) : AutoCloseable {
    companion object {
        /** From 64 hex digits; throws [HridException.InvalidKey]. */
        @JvmStatic fun fromHex(hex: String) = VerifyingKey(translated { cn.hrid.ffi.VerifyingKey.fromHex(wellFormed(hex)) })

        /** From the raw 32 bytes; throws [HridException.InvalidKey]. */
        @JvmStatic fun fromBytes(bytes: ByteArray) = VerifyingKey(translated { cn.hrid.ffi.VerifyingKey.fromBytes(bytes) })

        /** From SubjectPublicKeyInfo PEM; throws [HridException.InvalidKey]. */
        @JvmStatic fun fromPem(pem: String) = VerifyingKey(translated { cn.hrid.ffi.VerifyingKey.fromPem(wellFormed(pem)) })

        /** From SubjectPublicKeyInfo DER; throws [HridException.InvalidKey]. */
        @JvmStatic fun fromDer(der: ByteArray) = VerifyingKey(translated { cn.hrid.ffi.VerifyingKey.fromDer(der) })
    }

    /** Strict Ed25519: true only for a valid 64-byte signature of [message]. */
    fun verify(message: ByteArray, signature: ByteArray): Boolean {
        val buffers = DirectBuffers.get()
        // The fast path: signature and message in one direct buffer, one slice across JNA.
        // Any other signature length takes the two-slice path so the core judges it.
        return if (signature.size == SIGNATURE_BYTES) raw.verifySigned(buffers.signed(signature, message))
        else raw.verify(buffers.message(message), buffers.signature(signature))
    }

    /**
     * Zero-copy variant: [message] and [signature] must be direct buffers
     * (`ByteBuffer.allocateDirect`); their remaining bytes are read in place.
     */
    fun verify(message: java.nio.ByteBuffer, signature: java.nio.ByteBuffer): Boolean = raw.verify(message, signature)

    /**
     * [verify] for many messages in one native call: entry `i` is the verdict on `signatures[i]`
     * over `messages[i]` (false when there is no `signatures[i]`). Same strict check per signature.
     */
    fun verifyEach(messages: List<ByteArray>, signatures: List<ByteArray>): List<Boolean> = raw.verifyEach(messages, signatures)

    /** `SIGNATURE_VALID`, `SIGNATURE_INVALID` or `SIGNATURE_MALFORMED` (not 64 bytes). */
    fun checkSignature(message: ByteArray, signature: ByteArray): ReasonCode =
        DirectBuffers.get().let { raw.checkSignature(it.message(message), it.signature(signature)) }

    /** The 16-character key ID. */
    val keyId: String get() = raw.keyId()

    /** 64 lowercase hex digits. */
    fun toHex(): String = raw.toHex()

    /** The raw 32 bytes. */
    fun toBytes(): ByteArray = raw.toBytes()

    /** SubjectPublicKeyInfo PEM. */
    fun toPem(): String = translated { raw.toPem() }

    /** SubjectPublicKeyInfo DER. */
    fun toDer(): ByteArray = translated { raw.toDer() }

    override fun close() = raw.close()
    override fun toString() = "VerifyingKey($keyId)"
}

/** Bytes of an Ed25519 signature. */
private const val SIGNATURE_BYTES = 64

/**
 * Per-thread direct buffers for handing byte arrays to Rust without a `RustBuffer` per call: the
 * bytes are copied once into native memory that uniffi passes as a borrowed slice. A message
 * larger than [KEEP] gets a buffer of its own rather than pinning a large one to the thread.
 */
private class DirectBuffers {
    private var msg: java.nio.ByteBuffer = java.nio.ByteBuffer.allocateDirect(1024)
    private val sig: java.nio.ByteBuffer = java.nio.ByteBuffer.allocateDirect(128)

    fun message(bytes: ByteArray): java.nio.ByteBuffer {
        if (bytes.size > msg.capacity()) {
            if (bytes.size > KEEP) return filled(java.nio.ByteBuffer.allocateDirect(bytes.size), bytes)
            msg = java.nio.ByteBuffer.allocateDirect(Integer.highestOneBit(bytes.size) shl 1)
        }
        return filled(msg, bytes)
    }

    /** [signature] then [message] in one buffer (for `verify_signed`). */
    fun signed(signature: ByteArray, message: ByteArray): java.nio.ByteBuffer {
        val size = signature.size + message.size
        val buffer = if (size <= msg.capacity()) {
            msg
        } else if (size > KEEP) {
            java.nio.ByteBuffer.allocateDirect(size)
        } else {
            msg = java.nio.ByteBuffer.allocateDirect(Integer.highestOneBit(size) shl 1)
            msg
        }
        buffer.clear()
        buffer.put(signature)
        buffer.put(message)
        buffer.flip()
        return buffer
    }

    fun signature(bytes: ByteArray): java.nio.ByteBuffer =
        if (bytes.size > sig.capacity()) filled(java.nio.ByteBuffer.allocateDirect(bytes.size), bytes) else filled(sig, bytes)

    // Statement by statement: Buffer.clear/flip return Buffer, not ByteBuffer, on older Android.
    private fun filled(buffer: java.nio.ByteBuffer, bytes: ByteArray): java.nio.ByteBuffer {
        buffer.clear()
        buffer.put(bytes)
        buffer.flip()
        return buffer
    }

    companion object {
        private const val KEEP = 64 * 1024
        private val local = ThreadLocal.withInitial { DirectBuffers() }
        fun get(): DirectBuffers = local.get()
    }
}

/** An Ed25519 private key (for tools and tests; scanners only verify). Close it when done. */
class SigningKey internal constructor(internal val raw: cn.hrid.ffi.SigningKey) : AutoCloseable {
    companion object {
        /** From a 32-byte seed as 64 hex digits; throws [HridException.InvalidKey]. */
        @JvmStatic fun fromSeedHex(hex: String) = SigningKey(translated { cn.hrid.ffi.SigningKey.fromSeedHex(wellFormed(hex)) })

        /** From PKCS#8 PEM; throws [HridException.InvalidKey]. */
        @JvmStatic fun fromPem(pem: String) = SigningKey(translated { cn.hrid.ffi.SigningKey.fromPem(wellFormed(pem)) })

        /** From PKCS#8 DER; throws [HridException.InvalidKey]. */
        @JvmStatic fun fromDer(der: ByteArray) = SigningKey(translated { cn.hrid.ffi.SigningKey.fromDer(der) })
    }

    /** Sign [message] (pure Ed25519, deterministic): 64 bytes. */
    fun sign(message: ByteArray): ByteArray = raw.sign(message)

    /** The matching public key. */
    fun verifyingKey(): VerifyingKey = VerifyingKey(raw.verifyingKey())

    /** The key ID of the public key. */
    val keyId: String get() = raw.keyId()

    override fun close() = raw.close()
    override fun toString() = "SigningKey($keyId)"
}

// ---- Trust lists and verification ----------------------------------------------------------

/** A verified trust list: only [verifyTrustList] and [update] make one. Close it when done. */
class TrustList internal constructor(internal val raw: cn.hrid.ffi.TrustList) : AutoCloseable {
    /** Verify the next version against this one (root rotation); throws [HridException]. */
    fun update(envelopeJson: String, at: Long, options: VerifyOptions = VerifyOptions()): TrustList =
        TrustList(translated { raw.update(wellFormed(envelopeJson), at, options) })

    val version: Long get() = raw.version()
    val issuedAt: Long get() = raw.issuedAt()
    val expiresAt: Long get() = raw.expiresAt()
    val statementHash: String get() = raw.statementHash()

    /** Warnings found when it was verified (`trust_list.expired_grace`). */
    val warnings: List<Finding> get() = raw.warnings()

    /** The root keys (hex) and threshold that must sign the next version: persist them. */
    val rootKeys: List<String> get() = raw.rootKeys()
    val rootThreshold: Int get() = raw.rootThreshold()

    val participants: List<Participant> get() = raw.participants()

    override fun close() = raw.close()
    override fun toString() = "TrustList(version=$version)"
}

/**
 * Verify a trust-list envelope (JSON) against the root keys shipped with the app: [threshold] of
 * [anchorKeysHex] must have signed, the version must be at least [highestSeenVersion], and it must
 * be current at [at] (unix seconds). Throws [HridException.InvalidKey] for an unusable anchor key,
 * [HridException.InvalidDocument] otherwise (`trust_list.expired` is indeterminate).
 */
fun verifyTrustList(
    envelopeJson: String,
    anchorKeysHex: List<String>,
    threshold: Int,
    highestSeenVersion: Long,
    at: Long,
    options: VerifyOptions = VerifyOptions(),
): TrustList = TrustList(
    translated { cn.hrid.ffi.verifyTrustList(wellFormed(envelopeJson), anchorKeysHex.map(::wellFormed), threshold, highestSeenVersion, at, options) },
)

/**
 * The registry's status feed, verified: its signed, short-lived word on every robot that is not
 * active and on the recall notices in force. Only [Verifier.verifyStatusFeed] makes one (for an
 * accepted verdict); hand it to [Verifier.decideAccess], [Verifier.verifyHistory],
 * [Verifier.audit] and [Verifier.custody]. Persist [version] and pass it as the highest seen
 * version next time (rollback guard). Close it when done.
 */
class StatusFeed internal constructor(internal val raw: cn.hrid.ffi.StatusFeed) : AutoCloseable {
    /** The issuing registry's participant ID. */
    val registry: String get() = raw.registry()
    /** The version: persist it as the highest seen. */
    val version: Long get() = raw.version()
    /** Issue time, unix seconds. */
    val issuedAt: Long get() = raw.issuedAt()
    /** Expiry, unix seconds. */
    val expiresAt: Long get() = raw.expiresAt()
    /** The last moment it may be relied on: the expiry plus the grace it was verified with. */
    val usableUntil: Long get() = raw.usableUntil()
    /** The statement hash of the previous version, if named. */
    val previous: String? get() = raw.previous()
    /** SHA-256 of the signed PAE, lowercase hex (what the next version's [previous] names). */
    val statementHash: String get() = raw.statementHash()
    /** Its signing key has since been reported compromised: a decision does not rest on it alone. */
    val signerReportedCompromised: Boolean get() = raw.signerReportedCompromised()
    /** Every robot that is not active, in ascending order of code. */
    val robots: List<RobotStatus> get() = raw.robots()
    /** The verified recall notices in force. */
    val recalls: List<VerifiedRecall> get() = raw.recalls()

    /**
     * The registry's word on the robot [code] (any accepted spelling), or null for a robot the
     * feed does not list (active, or unknown to the registry); throws [HridException.InvalidCode].
     */
    fun robot(code: String): RobotStatus? = translated { raw.robot(wellFormed(code)) }

    override fun close() = raw.close()
    override fun toString() = "StatusFeed(registry=$registry, version=$version)"
}

/** What [Verifier.verifyStatusFeed] returns: the verdict and findings, and the feed when accepted. */
data class StatusFeedReport(val findings: Findings, val feed: StatusFeed?)

/**
 * The feed of an accepted report; otherwise throws [HridException.InvalidDocument] with the first
 * failure's reason code (`status_feed.expired` is indeterminate: get a current feed).
 */
fun StatusFeedReport.requireFeed(): StatusFeed = feed ?: findings.failures.first().let {
    throw HridException.InvalidDocument(it.code, it.detail)
}

/** How long after its expiry a status feed is still used, with a warning, unless told otherwise. */
val DEFAULT_STATUS_FEED_GRACE_SECS: Long by lazy { cn.hrid.ffi.defaultStatusFeedGraceSecs() }

/**
 * Verifies attestations, histories, recall notices, passports and status feeds against one trust
 * list, and decides market access, offline. Close it when done. Verification never throws: a bad document
 * is a verdict with findings.
 */
class Verifier @JvmOverloads constructor(trustList: TrustList, options: VerifyOptions = VerifyOptions()) :
    AutoCloseable {
    private val raw = cn.hrid.ffi.Verifier(trustList.raw, options)

    /** Verify one attestation envelope (JSON) at [at] (unix seconds). Never throws. */
    fun verify(envelopeJson: String, at: Long): VerificationReport = raw.verify(wellFormed(envelopeJson), at)

    /**
     * Verify the registry's status-feed document (JSON) at [at]: its signature by a registry
     * key, its version against [highestSeenVersion] (the highest this device has accepted:
     * persist [StatusFeed.version]), its dates (usable [graceSecs] after expiry, with a warning)
     * and the recall notices it names. Never throws: the report's `feed` is null unless
     * accepted ([StatusFeedReport.requireFeed] throws instead).
     */
    @JvmOverloads
    fun verifyStatusFeed(
        documentJson: String,
        at: Long,
        highestSeenVersion: Long = 0,
        graceSecs: Long = DEFAULT_STATUS_FEED_GRACE_SECS,
    ): StatusFeedReport {
        val r = raw.verifyStatusFeed(wellFormed(documentJson), at, highestSeenVersion, graceSecs)
        return StatusFeedReport(r.findings, r.feed?.let(::StatusFeed))
    }

    /**
     * Verify a robot's history bundle (JSON) at [at]: every signature, the chain, the lifecycle
     * rules and the recalls; the report carries the health summary. [batch] verifies the
     * signatures together (same report, faster for long histories). With the registry's
     * [statusFeed], its recalls in force apply and a bundle that stops short of the feed's head
     * or outlives the robot's end is `history.registry_conflict`. Never throws.
     */
    @JvmOverloads
    fun verifyHistory(bundleJson: String, at: Long, batch: Boolean = false, statusFeed: StatusFeed? = null): HistoryReport =
        raw.verifyHistory(wellFormed(bundleJson), at, historyOptions(batch, statusFeed))

    /** [verifyHistory] for many bundles in one call (on all cores); reports in input order. */
    @JvmOverloads
    fun verifyHistories(bundlesJson: List<String>, at: Long, batch: Boolean = false, statusFeed: StatusFeed? = null): List<HistoryReport> =
        raw.verifyHistories(bundlesJson.map(::wellFormed), at, historyOptions(batch, statusFeed))

    /** Verify one recall-notice envelope (JSON) at [at]. Never throws. */
    fun verifyRecall(envelopeJson: String, at: Long): RecallReport = raw.verifyRecall(wellFormed(envelopeJson), at)

    /**
     * Verify a passport text (`HP1:...`, as scanned from a label) at [at], offline. A malformed,
     * forged, stale or expired passport is a verdict with findings, not an exception; throws
     * [HridException.InvalidCode] only when `options.expectedSubject` is not a valid code.
     */
    @JvmOverloads
    fun verifyPassport(text: String, at: Long, options: PassportOptions = PassportOptions()): PassportReport =
        translated { raw.verifyPassport(wellFormed(text), at, options.copy(expectedSubject = options.expectedSubject?.let(::wellFormed))) }

    /**
     * May the robot [code] be listed, sold or deployed ([policy]) at [at]? Decided on the evidence
     * given, a [passport] text and/or a history bundle ([historyJson]), verified offline, held
     * against the registry's [statusFeed] (from [verifyStatusFeed]). A sale, listing or
     * deployment needs the registry's recent word: a passport issued within the policy's maximum
     * age or a current status feed (else `access.evidence_stale`). No evidence, an invalid code,
     * unverifiable evidence: all `DENIED` with the reason. Never throws.
     */
    @JvmOverloads
    fun decideAccess(
        code: String,
        policy: Policy,
        at: Long,
        passport: String? = null,
        historyJson: String? = null,
        statusFeed: StatusFeed? = null,
        options: AccessOptions = AccessOptions(),
    ): AccessDecision = raw.decideAccess(
        wellFormed(code),
        policy,
        cn.hrid.ffi.Evidence(passport?.let(::wellFormed), historyJson?.let(::wellFormed), statusFeed?.raw),
        at,
        options,
    )

    /**
     * Who was responsible for the robot of [bundleJson] at the moment [at] (an incident): maker,
     * owner, operator and site, last maintenance, firmware and AI profile with their installers,
     * recalls open then, the nearest telemetry, the status; each answer with the signed statement
     * that proves it, and a null answer a gap named by a warning. The history is verified at
     * [verifiedAt] (typically now), held against the registry's [statusFeed] when given. Never
     * throws.
     */
    @JvmOverloads
    fun custody(bundleJson: String, at: Long, verifiedAt: Long, statusFeed: StatusFeed? = null): CustodyReport =
        raw.custody(wellFormed(bundleJson), at, verifiedAt, statusFeed?.raw)

    /**
     * Verify many history bundles at [at] and look across them: a scrapped robot's part reused,
     * a cloned code, one part in two robots (`audit.*`); each bundle held against the registry's
     * [statusFeed] when given. Never throws.
     */
    @JvmOverloads
    fun audit(bundles: List<NamedBundle>, at: Long, batch: Boolean = false, statusFeed: StatusFeed? = null): AuditReport =
        raw.audit(bundles.map { NamedBundle(wellFormed(it.name), wellFormed(it.bundleJson)) }, at, historyOptions(batch, statusFeed))

    private fun historyOptions(batch: Boolean, statusFeed: StatusFeed?) = cn.hrid.ffi.HistoryOptions(batch, statusFeed?.raw)

    override fun close() = raw.close()
}

/**
 * Read a passport text without verifying it (what it claims: subject, status, times); throws
 * [HridException.InvalidPassport] (`passport.malformed`, `passport.version_unknown`). Never show
 * its contents as fact before [Verifier.verifyPassport] accepts it.
 */
fun parsePassport(text: String): ParsedPassport = translated { cn.hrid.ffi.parsePassport(wellFormed(text)) }

// ---- Reports: each holds its verdict and findings as `findings`; read them on the report -----

/** Every finding's code, failures first, then warnings, then passed. */
val Findings.codes: List<ReasonCode> get() = (failures + warnings + passed).map { it.code }

/** The outcome. */
val VerificationReport.verdict: Verdict get() = findings.verdict
/** Failed or incomplete checks, in the order they ran. */
val VerificationReport.failures: List<Finding> get() = findings.failures
/** Warnings. */
val VerificationReport.warnings: List<Finding> get() = findings.warnings
/** Passed checks. */
val VerificationReport.passed: List<Finding> get() = findings.passed
/** Every finding's code, failures first, then warnings, then passed. */
val VerificationReport.codes: List<ReasonCode> get() = findings.codes
/** True when the verdict is accepted. */
val VerificationReport.isAccepted: Boolean get() = findings.verdict == Verdict.ACCEPTED

/** The outcome. */
val HistoryReport.verdict: Verdict get() = findings.verdict
/** Failed or incomplete checks. */
val HistoryReport.failures: List<Finding> get() = findings.failures
/** Warnings. */
val HistoryReport.warnings: List<Finding> get() = findings.warnings
/** Passed checks. */
val HistoryReport.passed: List<Finding> get() = findings.passed
/** Every finding's code, failures first, then warnings, then passed. */
val HistoryReport.codes: List<ReasonCode> get() = findings.codes
/** True when the verdict is accepted. */
val HistoryReport.isAccepted: Boolean get() = findings.verdict == Verdict.ACCEPTED

/** The outcome. */
val PassportReport.verdict: Verdict get() = findings.verdict
/** Failed or incomplete checks. */
val PassportReport.failures: List<Finding> get() = findings.failures
/** Warnings. */
val PassportReport.warnings: List<Finding> get() = findings.warnings
/** Passed checks. */
val PassportReport.passed: List<Finding> get() = findings.passed
/** Every finding's code, failures first, then warnings, then passed. */
val PassportReport.codes: List<ReasonCode> get() = findings.codes
/** True when the verdict is accepted. */
val PassportReport.isAccepted: Boolean get() = findings.verdict == Verdict.ACCEPTED

/** The outcome. */
val StatusFeedReport.verdict: Verdict get() = findings.verdict
/** Failed or incomplete checks. */
val StatusFeedReport.failures: List<Finding> get() = findings.failures
/** Warnings (`status_feed.expired_grace`, `key.compromised_later`). */
val StatusFeedReport.warnings: List<Finding> get() = findings.warnings
/** Passed checks. */
val StatusFeedReport.passed: List<Finding> get() = findings.passed
/** Every finding's code, failures first, then warnings, then passed. */
val StatusFeedReport.codes: List<ReasonCode> get() = findings.codes
/** True when the verdict is accepted (then [StatusFeedReport.feed] is set). */
val StatusFeedReport.isAccepted: Boolean get() = findings.verdict == Verdict.ACCEPTED

/** The outcome. */
val RecallReport.verdict: Verdict get() = findings.verdict
/** Failed or incomplete checks. */
val RecallReport.failures: List<Finding> get() = findings.failures
/** Warnings. */
val RecallReport.warnings: List<Finding> get() = findings.warnings
/** Passed checks. */
val RecallReport.passed: List<Finding> get() = findings.passed
/** Every finding's code, failures first, then warnings, then passed. */
val RecallReport.codes: List<ReasonCode> get() = findings.codes

/** The verdict on the evidence (the decision is [AccessDecision.decision]). */
val AccessDecision.verdict: Verdict get() = findings.verdict
/** Why it was denied: the evidence's failures and `access.*`. */
val AccessDecision.failures: List<Finding> get() = findings.failures
/** Warnings. */
val AccessDecision.warnings: List<Finding> get() = findings.warnings
/** Passed checks (`access.allowed` when allowed). */
val AccessDecision.passed: List<Finding> get() = findings.passed
/** Every finding's code, failures first, then warnings, then passed. */
val AccessDecision.codes: List<ReasonCode> get() = findings.codes
/** True when allowed. */
val AccessDecision.isAllowed: Boolean get() = decision == Decision.ALLOWED

/** Rejected when a history is rejected or a cross-robot rule is broken; else the worst of the histories. */
val AuditReport.verdict: Verdict get() = findings.verdict
/** Cross-robot failures (`audit.*`). */
val AuditReport.failures: List<Finding> get() = findings.failures
/** Warnings. */
val AuditReport.warnings: List<Finding> get() = findings.warnings
/** `audit.consistent` when no cross-robot rule is broken. */
val AuditReport.passed: List<Finding> get() = findings.passed

/** Rejected: should not have been operating; indeterminate: the history did not verify completely. */
val CustodyReport.verdict: Verdict get() = findings.verdict
/** Failures and indeterminate findings. */
val CustodyReport.failures: List<Finding> get() = findings.failures
/** Gaps and open recalls. */
val CustodyReport.warnings: List<Finding> get() = findings.warnings
/** Passed checks. */
val CustodyReport.passed: List<Finding> get() = findings.passed
/** The whole report as the core's JSON (identical on every surface). */
val CustodyReport.json: String get() = cn.hrid.ffi.custodyJson(this)

// ---- Documents: the statement's fields read on the verified document ----------------------

/** The robot's identity code, canonical form. */
val VerifiedAttestation.subject: String get() = statement.subject
/** Position in the robot's chain, from 0. */
val VerifiedAttestation.seq: ULong get() = statement.seq
/** The previous attestation's statement hash, null for the first. */
val VerifiedAttestation.prev: String? get() = statement.prev
/** When the event happened, unix seconds. */
val VerifiedAttestation.time: Long get() = statement.time
/** The issuing participant's ID. */
val VerifiedAttestation.issuer: String get() = statement.issuer
/** The event type (`manufactured`, `shipped`, ...). */
val VerifiedAttestation.eventType: String get() = cn.hrid.ffi.eventType(statement.event)
/** The whole statement as JSON (with the event's fields). */
val VerifiedAttestation.statementJson: String get() = cn.hrid.ffi.statementJson(statement)

/** The recall's ID. */
val VerifiedRecall.recallId: String get() = notice.recallId

/** A custody recall's state at the moment (the rest of the recall is in [CustodyRecall.recall]). */
val CustodyRecall.state: RecallState get() = recall.state
/** The issuing participant. */
val VerifiedRecall.issuer: String get() = notice.issuer
/** When it was issued, unix seconds. */
val VerifiedRecall.issuedAt: Long get() = notice.issuedAt
/** Which robots. */
val VerifiedRecall.population: RecallPopulation get() = notice.population
/** What is wrong. */
val VerifiedRecall.defect: String get() = notice.defect
/** What must be done. */
val VerifiedRecall.remedy: String get() = notice.remedy

/** The manufacturer codes the participant may attest; null means any. */
val Participant.manufacturers: List<String>? get() = scope?.manufacturers
/** The key ID of the participant's key. */
val ParticipantKey.keyId: String get() = VerifyingKey.fromHex(publicKey).use { it.keyId }

/** Index of the first character (Unicode code points). */
val FoundCode.start: Int get() = span.start
/** Index one past the last character. */
val FoundCode.end: Int get() = span.end
/** Index of the first character (Unicode code points). */
val NearMiss.start: Int get() = span.start
/** Index one past the last character. */
val NearMiss.end: Int get() = span.end
