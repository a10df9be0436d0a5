/*
 * The handheld scanner's flow, as the Kotlin an Android activity would call it:
 *
 *   camera frame / PNG  --ZXing-->  label text  --hrid-->  decision on screen
 *
 * 1. Decode the QR label (ZXing; on Android the frame comes from CameraX instead of a PNG).
 * 2. Read what the label carries. Today: an identity code (any spelling). Once QR passports land
 *    in the core, a passport: `LabelContent.Passport` is where it slots in.
 * 3. Verify offline: the trust list against the root keys shipped with the app, then any signed
 *    attestations for the robot against the trust list.
 * 4. Show the decision: a verdict, the reason codes, and words for the inspector.
 *
 * Everything that decides is in the hrid library; this file only wires it to a camera and a screen.
 */
package cn.hrid.scanner

import cn.hrid.HridException
import cn.hrid.ReasonCode
import cn.hrid.TrustList
import cn.hrid.Verdict
import cn.hrid.Verifier
import cn.hrid.checkCode
import cn.hrid.code
import cn.hrid.summary
import cn.hrid.verifyTrustList
import com.google.zxing.BarcodeFormat
import com.google.zxing.BinaryBitmap
import com.google.zxing.DecodeHintType
import com.google.zxing.MultiFormatReader
import com.google.zxing.NotFoundException
import com.google.zxing.client.j2se.BufferedImageLuminanceSource
import com.google.zxing.common.HybridBinarizer
import java.io.File
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
    // Passport(val text: String): added when the core's QR passports land.

    companion object {
        fun of(text: String): LabelContent = Code(text.trim())
    }
}

/** The decision shown to the inspector. */
data class Decision(
    /** Accepted, rejected, or indeterminate (could not be decided offline: fetch data, retry). */
    val verdict: Verdict,
    /** The robot's identity code (display form), when the label held a valid one. */
    val robot: String?,
    /** The reason codes behind the verdict, failures first. */
    val reasons: List<ReasonCode>,
    /** Lines for the screen. */
    val lines: List<String>,
) {
    fun render(): String = buildString {
        appendLine("decision: ${verdict.name}")
        robot?.let { appendLine("robot:    $it") }
        if (reasons.isNotEmpty()) appendLine("reasons:  ${reasons.joinToString(", ") { it.code }}")
        lines.forEach { appendLine("  $it") }
    }
}

/**
 * The offline scanner: one verified trust list, and the signed attestations the device holds
 * (synced earlier, or read from the robot's passport later).
 */
class ScannerFlow(private val trustList: TrustList) : AutoCloseable {
    private val verifier = Verifier(trustList)

    fun scan(label: LabelContent, at: Long, attestations: List<String> = emptyList()): Decision = when (label) {
        is LabelContent.Code -> scanCode(label.text, at, attestations)
    }

    private fun scanCode(text: String, at: Long, attestations: List<String>): Decision {
        val report = checkCode(text)
        val error = report.error
        if (!report.valid) {
            val lines = mutableListOf("the label's code is not valid: ${error?.message}")
            report.suggestions?.firstOrNull()?.let { lines += "did you mean ${checkCode(it.code).display}? (confirm against the nameplate)" }
            return Decision(Verdict.REJECTED, null, listOfNotNull(error?.code), lines)
        }
        val canonical = report.canonical!!
        val robot = report.display
        val lines = mutableListOf("identity code valid (check characters verified)")
        lines += "trust list version ${trustList.version}, ${trustList.participants.size} participants"
        val reasons = mutableListOf<ReasonCode>()
        trustList.warnings.forEach { reasons += it.code; lines += "warning: ${it.detail}" }
        if (attestations.isEmpty()) {
            lines += "no signed record of this robot on the device: its registration cannot be confirmed offline"
            return Decision(Verdict.INDETERMINATE, robot, reasons, lines)
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
                    lines += "verified: ${st.eventType} at ${java.time.Instant.ofEpochSecond(st.time)}, signed by $who"
                    r.warnings.forEach { reasons += it.code; lines += "warning: ${it.detail}" }
                }
            }
        }
        return Decision(verdict, robot, reasons, lines)
    }

    private fun worse(a: Verdict, b: Verdict): Verdict =
        if (a == Verdict.REJECTED || b == Verdict.REJECTED) Verdict.REJECTED
        else if (a == Verdict.INDETERMINATE || b == Verdict.INDETERMINATE) Verdict.INDETERMINATE
        else Verdict.ACCEPTED

    override fun close() = verifier.close()
}

private const val USAGE = """usage: scanner LABEL.png TRUST-LIST.json --anchor HEX[,HEX...] [--threshold N] [--at UNIX]
               [--highest-seen N] [--attestation ENVELOPE.json]...
Decodes the QR label, verifies the trust list against the anchor keys and the attestations against
the trust list, all offline, and prints the decision.
Exit: 0 accepted, 1 rejected, 3 indeterminate, 2 usage or I/O error."""

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
    val anchor = options["--anchor"]?.flatMap { it.split(',') } ?: usage("--anchor is required")
    val threshold = options["--threshold"]?.last()?.toIntOrNull() ?: 1
    val at = options["--at"]?.last()?.toLongOrNull() ?: (System.currentTimeMillis() / 1000)
    val highest = options["--highest-seen"]?.last()?.toLongOrNull() ?: 0

    val text = LabelReader.decode(File(positional[0])) ?: run {
        System.err.println("no QR code found in ${positional[0]}")
        exitProcess(2)
    }
    println("label:    $text")
    val list = try {
        verifyTrustList(File(positional[1]).readText(), anchor, threshold, highest, at)
    } catch (e: HridException) {
        println(Decision(if (e is HridException.InvalidDocument && e.isIndeterminate) Verdict.INDETERMINATE else Verdict.REJECTED, null, listOf(e.code), listOf("the trust list is not usable: ${e.message}")).render())
        exitProcess(3)
    }
    val attestations = options["--attestation"].orEmpty().map { File(it).readText() }
    val decision = list.use { tl -> ScannerFlow(tl).use { it.scan(LabelContent.of(text), at, attestations) } }
    print(decision.render())
    exitProcess(
        when (decision.verdict) {
            Verdict.ACCEPTED -> 0
            Verdict.REJECTED -> 1
            Verdict.INDETERMINATE -> 3
        },
    )
}

private fun usage(problem: String): Nothing {
    System.err.println("error: $problem\n$USAGE")
    exitProcess(2)
}
