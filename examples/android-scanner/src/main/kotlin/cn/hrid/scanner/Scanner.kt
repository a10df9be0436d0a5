/*
 * The handheld scanner's flow, as the Kotlin an Android activity would call it:
 *
 *   camera frame / PNG  --ZXing-->  label text  --hrid-->  decision on screen
 *
 * 1. Decode the QR label (ZXing; on Android the frame comes from CameraX instead of a PNG).
 * 2. Read what the label carries: a QR passport (`HP1:...`, the registry's signed statement of
 *    the robot's status) or a bare identity code (any spelling).
 * 3. Verify offline: the trust list against the root keys shipped with the app; then the passport
 *    and the robot's market access (with its history, when the device has it: the health
 *    summary; held against the registry's status feed the device synced last, when it has one),
 *    or the signed attestations the device holds for a bare code.
 * 4. Show the decision: a verdict, allowed or refused, the reason codes, the health summary, and
 *    words for the inspector.
 *
 * Everything that decides is in the hrid library; this file only wires it to a camera and a screen.
 */
package cn.hrid.scanner

import cn.hrid.AccessOptions
import cn.hrid.Decision
import cn.hrid.HealthSummary
import cn.hrid.HridException
import cn.hrid.PassportOptions
import cn.hrid.Policy
import cn.hrid.ReasonCode
import cn.hrid.StatusFeedReport
import cn.hrid.TrustList
import cn.hrid.Verdict
import cn.hrid.Verifier
import cn.hrid.VerifyingKey
import cn.hrid.checkCode
import cn.hrid.code
import cn.hrid.eventType
import cn.hrid.failures
import cn.hrid.isAllowed
import cn.hrid.issuer
import cn.hrid.parsePassport
import cn.hrid.subject
import cn.hrid.summary
import cn.hrid.time
import cn.hrid.verdict
import cn.hrid.verifyTrustList
import cn.hrid.warnings
import com.google.zxing.BarcodeFormat
import com.google.zxing.BinaryBitmap
import com.google.zxing.DecodeHintType
import com.google.zxing.MultiFormatReader
import com.google.zxing.NotFoundException
import com.google.zxing.client.j2se.BufferedImageLuminanceSource
import com.google.zxing.common.HybridBinarizer
import java.io.File
import java.time.Instant
import javax.imageio.ImageIO
import kotlin.system.exitProcess

/** Reads QR labels from images. */
object LabelReader {
    private val hints = mapOf(
        DecodeHintType.POSSIBLE_FORMATS to listOf(BarcodeFormat.QR_CODE),
        DecodeHintType.TRY_HARDER to true,
        DecodeHintType.CHARACTER_SET to "UTF-8",
    )

    /** The text of the QR code in [png], or null when the image holds none. */
    fun decode(png: File): String? {
        val image = ImageIO.read(png) ?: return null
        val bitmap = BinaryBitmap(HybridBinarizer(BufferedImageLuminanceSource(image)))
        return try {
            MultiFormatReader().decode(bitmap, hints).text
        } catch (e: NotFoundException) {
            null
        }
    }
}

/** What a label carries. */
sealed class LabelContent {
    /** A bare identity code (checked, not yet trusted). */
    data class Code(val text: String) : LabelContent()

    /** A QR passport (`HP1:...`): the registry's signed statement of the robot's status. */
    data class Passport(val text: String) : LabelContent()

    companion object {
        /** A passport when the text has the passport prefix (even if it is then malformed), else a code. */
        fun of(text: String): LabelContent = text.trim().let { if (it.startsWith("HP1:")) Passport(it) else Code(it) }
    }
}

/** What the scanner shows the inspector. */
data class ScanResult(
    /** The evidence's verdict: accepted, rejected, or indeterminate (could not be decided offline). */
    val verdict: Verdict,
    /** For a passport label: may the robot be placed on the market for [policy]? */
    val access: Decision?,
    /** The policy the access decision applies. */
    val policy: Policy?,
    /** The robot's identity code (display form), when the label held a valid one. */
    val robot: String?,
    /** The reason codes behind the verdict and decision, failures first. */
    val reasons: List<ReasonCode>,
    /** The robot's health summary, when a history of it verified. */
    val health: HealthSummary?,
    /** Lines for the screen. */
    val lines: List<String>,
) {
    /** True when the robot is refused: the evidence is rejected or access is denied. */
    val isRefused: Boolean get() = verdict == Verdict.REJECTED || access == Decision.DENIED

    fun render(): String = buildString {
        appendLine("verdict:  ${verdict.name}")
        access?.let { appendLine("decision: ${it.name}${policy?.let { p -> " for ${p.name.lowercase()}" } ?: ""}") }
        robot?.let { appendLine("robot:    $it") }
        if (reasons.isNotEmpty()) appendLine("reasons:  ${reasons.joinToString(", ") { it.code }}")
        lines.forEach { appendLine("  $it") }
        health?.let { h -> healthLines(h).forEachIndexed { i, l -> appendLine((if (i == 0) "health:   " else "          ") + l) } }
    }
}

/** The health summary in words for the screen. */
fun healthLines(h: HealthSummary): List<String> = buildList {
    add("status ${h.status.name.lowercase()}" + (h.model?.let { ", model $it" } ?: "") + (h.owner?.let { ", owner $it" } ?: ""))
    h.deployment?.let { add("deployed at ${it.site} (${it.useCategory.name.lowercase()}) by ${it.operator} since ${Instant.ofEpochSecond(it.since)}") }
    val usage = listOfNotNull(
        h.operatingHours?.let { "$it operating hours" },
        h.batterySohPercent?.let { "battery $it%" + (h.batteryCycles?.let { c -> " after $c cycles" } ?: "") },
    )
    if (usage.isNotEmpty()) add(usage.joinToString(", "))
    h.firmware?.let { add("firmware ${it.version}" + (h.aiProfile?.let { a -> ", AI profile ${a.version}" } ?: "")) }
    h.joints.filter { it.wearPercent >= 50u }.forEach { add("joint ${it.joint}: wear ${it.wearPercent}%") }
    add("open recalls: " + if (h.openRecalls.isEmpty()) "none" else h.openRecalls.joinToString(", "))
    h.lastEventTime?.let { add("last event ${Instant.ofEpochSecond(it)}" + (h.head?.let { hd -> ", history head #${hd.seq}" } ?: "")) }
}

/**
 * The offline scanner: one verified trust list, and what the device holds about robots (signed
 * attestations and history bundles synced earlier).
 */
class ScannerFlow(private val trustList: TrustList) : AutoCloseable {
    private val verifier = Verifier(trustList)

    /**
     * Decide on a scanned label at [at] (unix seconds). A passport is verified and the robot's
     * market access decided for [policy], with the robot's [historyJson] when the device has it
     * (then the health summary is shown) and the registry's status feed ([statusFeedJson], the
     * document the device synced last, verified here at [at] and not below
     * [highestSeenFeedVersion]: persist the version of each feed accepted); a code is checked and
     * its [attestations] verified.
     */
    fun scan(
        label: LabelContent,
        at: Long,
        attestations: List<String> = emptyList(),
        historyJson: String? = null,
        policy: Policy = Policy.SALE,
        statusFeedJson: String? = null,
        highestSeenFeedVersion: Long = 0,
    ): ScanResult = when (label) {
        is LabelContent.Code -> scanCode(label.text, at, attestations)
        is LabelContent.Passport -> {
            val feed = statusFeedJson?.let { verifier.verifyStatusFeed(it, at, highestSeenFeedVersion) }
            feed?.feed.use { scanPassport(label.text, at, historyJson, policy, feed) }
        }
    }

    /** Lines for the screen about the status feed the device holds, and the codes to show. */
    private fun feedLines(report: StatusFeedReport?, lines: MutableList<String>): List<ReasonCode> {
        if (report == null) {
            lines += "no status feed of the registry on the device: the decision rests on the passport's age"
            return emptyList()
        }
        val feed = report.feed
        if (feed == null) {
            lines += "status feed not used (${report.verdict.name.lowercase()}): " +
                report.failures.joinToString("; ") { "${it.code.summary} (${it.code.code})" }
            return report.failures.map { it.code }
        }
        lines += "status feed version ${feed.version} of ${feed.registry} verified, usable until ${Instant.ofEpochSecond(feed.usableUntil)}"
        report.warnings.forEach { lines += "status feed warning: ${it.detail} (${it.code.code})" }
        return report.warnings.map { it.code }
    }

    private fun scanPassport(text: String, at: Long, historyJson: String?, policy: Policy, feed: StatusFeedReport?): ScanResult {
        // The newest signed time this device has seen: the trust list's issue time. A clock set
        // before it is caught (passport.clock_set_back) instead of making old passports look fresh.
        val newestSeen = trustList.issuedAt
        val claimed = try {
            parsePassport(text)
        } catch (e: HridException.InvalidPassport) {
            return ScanResult(Verdict.REJECTED, Decision.DENIED, policy, null, listOf(e.code), null, listOf("the label is not a readable passport: ${e.message}"))
        }
        val report = verifier.verifyPassport(text, at, PassportOptions(newestSeen = newestSeen))
        val decision = verifier.decideAccess(
            claimed.claims.subject, policy, at, passport = text, historyJson = historyJson,
            statusFeed = feed?.feed, options = AccessOptions(newestSeen = newestSeen),
        )
        val lines = mutableListOf<String>()
        val p = report.passport
        when {
            report.verdict == Verdict.ACCEPTED && p != null -> {
                val who = trustList.participants.firstOrNull { it.id == p.participant }?.name ?: p.participant
                lines += "passport verified: signed by $who, issued ${Instant.ofEpochSecond(p.claims.issuedAt)}, valid until ${Instant.ofEpochSecond(p.claims.expiresAt)}"
                lines += "passport status: ${p.claims.status.name.lowercase()}"
            }
            else -> {
                lines += "passport ${report.verdict.name.lowercase()}: " +
                    report.failures.joinToString("; ") { "${it.code.summary} (${it.code.code})" }
                lines += "it claims: ${claimed.claims.status.name.lowercase()} (not verified: do not rely on it)"
            }
        }
        report.warnings.forEach { lines += "warning: ${it.detail} (${it.code.code})" }
        if (historyJson == null) lines += "no history of this robot on the device: the health summary needs one"
        val feedCodes = feedLines(feed, lines)
        val refusal = decision.failures.filter { it.code.code.startsWith("access.") }
        lines += if (decision.isAllowed) {
            "${policy.name.lowercase()} allowed"
        } else {
            "${policy.name.lowercase()} refused: " + refusal.joinToString("; ") { it.detail }
        }
        val subject = if (report.verdict == Verdict.ACCEPTED) checkCode(claimed.claims.subject).display else null
        val reasons = (decision.failures + decision.warnings).map { it.code } + feedCodes
        return ScanResult(report.verdict, decision.decision, policy, subject, reasons.distinct(), decision.health, lines)
    }

    private fun scanCode(text: String, at: Long, attestations: List<String>): ScanResult {
        val report = checkCode(text)
        val error = report.error
        if (!report.valid) {
            val lines = mutableListOf("the label's code is not valid: ${error?.message}")
            report.suggestions?.firstOrNull()?.let { lines += "did you mean ${checkCode(it.code).display}? (confirm against the nameplate)" }
            return ScanResult(Verdict.REJECTED, null, null, null, listOfNotNull(error?.code), null, lines)
        }
        val canonical = report.canonical!!
        val robot = report.display
        val lines = mutableListOf("identity code valid (check characters verified)")
        lines += "trust list version ${trustList.version}, ${trustList.participants.size} participants"
        val reasons = mutableListOf<ReasonCode>()
        trustList.warnings.forEach { reasons += it.code; lines += "warning: ${it.detail}" }
        if (attestations.isEmpty()) {
            lines += "no signed record of this robot on the device: its registration cannot be confirmed offline"
            return ScanResult(Verdict.INDETERMINATE, null, null, robot, reasons, null, lines)
        }
        var verdict = Verdict.ACCEPTED
        for (envelope in attestations) {
            val r = verifier.verify(envelope, at)
            val st = r.statement
            when {
                r.verdict != Verdict.ACCEPTED -> {
                    reasons.addAll(0, r.failures.map { it.code })
                    lines += "${r.verdict.name.lowercase()}: " + r.failures.joinToString("; ") { "${it.code.summary} (${it.code.code})" }
                    verdict = worse(verdict, r.verdict)
                }
                st == null || st.subject != canonical -> {
                    lines += "rejected: a signed record about another robot (${st?.subject}) was presented for this one"
                    verdict = Verdict.REJECTED
                }
                else -> {
                    val who = trustList.participants.firstOrNull { it.id == st.issuer }?.name ?: st.issuer
                    lines += "verified: ${st.eventType} at ${Instant.ofEpochSecond(st.time)}, signed by $who"
                    r.warnings.forEach { reasons += it.code; lines += "warning: ${it.detail}" }
                }
            }
        }
        return ScanResult(verdict, null, null, robot, reasons, null, lines)
    }

    private fun worse(a: Verdict, b: Verdict): Verdict =
        if (a == Verdict.REJECTED || b == Verdict.REJECTED) Verdict.REJECTED
        else if (a == Verdict.INDETERMINATE || b == Verdict.INDETERMINATE) Verdict.INDETERMINATE
        else Verdict.ACCEPTED

    override fun close() = verifier.close()
}

private const val USAGE = """usage: scanner LABEL.png TRUST-LIST.json --anchor KEY[,KEY...] [--threshold N] [--at UNIX]
               [--highest-seen N] [--policy listing|sale|deployment] [--history BUNDLE.json]
               [--status-feed FEED.json] [--highest-seen-feed N] [--attestation ENVELOPE.json]...
Decodes the QR label and verifies, offline: the trust list against the anchor keys (64 hex digits
or a PEM public-key file each), then a passport label (HP1:...) with the market-access decision
for the policy (default sale), held against the registry's status feed when given (verified
first; not used unless accepted) and, given the robot's history, its health summary; or a code
label and the attestations given for it. Prints the decision.
Exit: 0 accepted/allowed, 1 rejected/refused, 3 indeterminate, 2 usage or I/O error."""

fun main(args: Array<String>) {
    val positional = mutableListOf<String>()
    val options = mutableMapOf<String, MutableList<String>>()
    var i = 0
    while (i < args.size) {
        val a = args[i]
        if (a.startsWith("--")) {
            if (i + 1 >= args.size) usage("$a needs a value")
            options.getOrPut(a) { mutableListOf() } += args[i + 1]
            i += 2
        } else {
            positional += a
            i++
        }
    }
    if (positional.size != 2) usage("expected a label image and a trust-list file")
    val anchor = options["--anchor"]?.flatMap { it.split(',') }?.map(::anchorHex) ?: usage("--anchor is required")
    val threshold = options["--threshold"]?.last()?.toIntOrNull() ?: 1
    val at = options["--at"]?.last()?.toLongOrNull() ?: (System.currentTimeMillis() / 1000)
    val highest = options["--highest-seen"]?.last()?.toLongOrNull() ?: 0
    val policy = options["--policy"]?.last()?.let { p -> Policy.entries.firstOrNull { it.name.equals(p, ignoreCase = true) } ?: usage("unknown policy $p") } ?: Policy.SALE
    val history = options["--history"]?.last()?.let { File(it).readText() }
    val statusFeed = options["--status-feed"]?.last()?.let { File(it).readText() }
    val highestFeed = options["--highest-seen-feed"]?.last()?.toLongOrNull() ?: 0

    val text = LabelReader.decode(File(positional[0])) ?: run {
        System.err.println("no QR code found in ${positional[0]}")
        exitProcess(2)
    }
    println("label:    $text")
    val list = try {
        verifyTrustList(File(positional[1]).readText(), anchor, threshold, highest, at)
    } catch (e: HridException) {
        val verdict = if (e is HridException.InvalidDocument && e.isIndeterminate) Verdict.INDETERMINATE else Verdict.REJECTED
        println(ScanResult(verdict, null, null, null, listOf(e.code), null, listOf("the trust list is not usable: ${e.message}")).render())
        exitProcess(3)
    }
    val attestations = options["--attestation"].orEmpty().map { File(it).readText() }
    val result = list.use { tl -> ScannerFlow(tl).use { it.scan(LabelContent.of(text), at, attestations, history, policy, statusFeed, highestFeed) } }
    print(result.render())
    exitProcess(
        when {
            result.isRefused -> 1
            result.verdict == Verdict.INDETERMINATE -> 3
            else -> 0
        },
    )
}

/** An anchor key as 64 hex digits: given so, or read from a PEM public-key file. */
private fun anchorHex(arg: String): String {
    val file = File(arg)
    if (!file.isFile) return arg
    return try {
        VerifyingKey.fromPem(file.readText()).use { it.toHex() }
    } catch (e: HridException) {
        usage("$arg: not a public key (${e.code.code})")
    }
}

private fun usage(problem: String): Nothing {
    System.err.println("error: $problem\n$USAGE")
    exitProcess(2)
}
