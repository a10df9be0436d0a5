package cn.hrid.scanner

import cn.hrid.Decision
import cn.hrid.LifecycleStatus
import cn.hrid.Policy
import cn.hrid.ReasonCode
import cn.hrid.TrustList
import cn.hrid.Verdict
import cn.hrid.VerifyingKey
import cn.hrid.parsePassport
import cn.hrid.verifyTrustList
import com.google.zxing.BarcodeFormat
import com.google.zxing.EncodeHintType
import com.google.zxing.client.j2se.MatrixToImageWriter
import com.google.zxing.qrcode.QRCodeWriter
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel
import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.nio.file.Path

/**
 * Scans PNG labels and checks the decisions. The labels are rendered by the project at test time:
 * `hrid demo` writes a trust list, the root keys, two robots' histories and passports, and their
 * nameplate and passport labels (robot 1 scrapped and dismantled, robot 2 in service); `hrid
 * label` renders a tampered copy of robot 2's passport. A mistyped code (which `hrid label`
 * refuses to render) is drawn with ZXing's QRCodeWriter; the signed records for bare codes come
 * from test-vectors/attestations.json (the corpus every binding reads).
 *
 * The `hrid` binary: `-Dhrid.bin=` (bindings-kotlin/test.sh passes it), else `$HRID_BIN`, else
 * `$CARGO_TARGET_DIR/debug/hrid`, else `target/debug/hrid`.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScannerTest {
    private val repo = File(System.getProperty("hrid.repo") ?: "../..").canonicalFile
    private val doc = JSONObject(File(repo, "test-vectors/attestations.json").readText())
    private val cases = doc.getJSONArray("cases").map { it as JSONObject }
    private fun case(comment: String) = cases.first { it.getString("comment") == comment }
    private val manufactured = case("manufacturer attests its own robot")
    private val at = manufactured.getLong("at")

    private lateinit var trustList: TrustList
    private lateinit var flow: ScannerFlow

    @TempDir
    lateinit var dir: Path

    /** `hrid demo`'s folder, its trust list and the scanner over it. */
    private lateinit var demo: File
    private lateinit var demoTrustList: TrustList
    private lateinit var demoFlow: ScannerFlow
    private val scrapped = "860042A3W0F50000000012345ZAR2"
    private val live = "860042A3W0F50000000012346ET4W"

    /** When the demo's passports were issued (its fixed clock), plus a minute. */
    private val demoAt by lazy { parsePassport(File(demo, "passports/$live.txt").readText().trim()).claims.issuedAt + 60 }

    private val hrid: String by lazy {
        val candidates = listOfNotNull(
            System.getProperty("hrid.bin")?.takeIf { it.isNotBlank() && !it.contains("\${") },
            System.getenv("HRID_BIN"),
            System.getenv("CARGO_TARGET_DIR")?.let { "$it/debug/hrid" },
            File(repo, "target/debug/hrid").path,
        )
        candidates.firstOrNull { File(it).canExecute() }
            ?: throw AssertionError("the hrid binary is needed to render labels (cargo build -p hrid-cli); looked at $candidates")
    }

    /** Runs `hrid ARGS...`; fails the test on a non-zero exit. */
    private fun runHrid(vararg args: String): String {
        val p = ProcessBuilder(listOf(hrid) + args).redirectErrorStream(true)
            .also { it.environment()["NO_COLOR"] = "1" }.start()
        val out = p.inputStream.bufferedReader().readText()
        assertEquals(0, p.waitFor(), "hrid ${args.joinToString(" ")}:\n$out")
        return out
    }

    @BeforeAll
    fun setUp() {
        val tl = doc.getJSONObject("trust_list")
        val anchor = tl.getJSONObject("anchor")
        trustList = verifyTrustList(
            tl.getString("envelope"), anchor.getJSONArray("keys").map { it as String }, anchor.getInt("threshold"),
            tl.getLong("highest_seen_version"), tl.getLong("at"),
        )
        flow = ScannerFlow(trustList)

        // One demo for the class (the per-test @TempDir is not injected before @BeforeAll).
        demo = java.nio.file.Files.createTempDirectory("hrid-scanner-demo").toFile()
        runHrid("demo", "--out", demo.path)
        val root = VerifyingKey.fromPem(File(demo, "keys/root-1.pub.pem").readText()).use { it.toHex() }
        demoTrustList = verifyTrustList(File(demo, "trust-list.dsse.json").readText(), listOf(root), 1, 0, demoAt)
        demoFlow = ScannerFlow(demoTrustList)
    }

    @AfterAll
    fun tearDown() {
        flow.close()
        trustList.close()
        if (::demoFlow.isInitialized) demoFlow.close()
        if (::demoTrustList.isInitialized) demoTrustList.close()
        if (::demo.isInitialized) demo.deleteRecursively()
    }

    /** A QR label as a PNG, the way a printed nameplate is photographed. */
    private fun label(name: String, text: String): File {
        val hints = mapOf(EncodeHintType.ERROR_CORRECTION to ErrorCorrectionLevel.M, EncodeHintType.MARGIN to 4)
        val matrix = QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300, hints)
        val file = dir.resolve("$name.png").toFile()
        MatrixToImageWriter.writeToPath(matrix, "PNG", file.toPath())
        return file
    }

    private fun scanPng(png: File, attestations: List<String>): ScanResult {
        val text = LabelReader.decode(png)!!
        return flow.scan(LabelContent.of(text), at, attestations)
    }

    /** The project's nameplate label of robot 1 (from `hrid demo`), for the bare-code cases. */
    private val nameplate: File get() = File(demo, "labels/$scrapped.nameplate.png")

    @Test
    fun validLabelWithItsSignedRecordIsAccepted() {
        val png = nameplate
        assertEquals(scrapped, LabelReader.decode(png))
        val d = scanPng(png, listOf(manufactured.getString("envelope")))
        assertEquals(Verdict.ACCEPTED, d.verdict, d.render())
        assertEquals("86-0042-A3W0F5-0000000012345-ZAR2", d.robot)
        assertTrue(d.render().contains("verified: manufactured"), d.render())
        println(d.render())
    }

    @Test
    fun mistypedLabelIsRejectedWithASuggestion() {
        val d = scanPng(label("typo", "860042A3W0F50000000012345ZARX"), listOf(manufactured.getString("envelope")))
        assertEquals(Verdict.REJECTED, d.verdict)
        assertEquals(listOf(ReasonCode.CODE_CHECK_FAILED), d.reasons)
        assertNull(d.robot)
        assertTrue(d.render().contains("did you mean 86-0042-A3W0F5-0000000012345-ZAR2?"), d.render())
        println(d.render())
    }

    @Test
    fun validLabelWithoutASignedRecordIsIndeterminate() {
        val d = scanPng(nameplate, emptyList())
        assertEquals(Verdict.INDETERMINATE, d.verdict)
    }

    @Test
    fun aRecordAboutAnotherRobotIsRejected() {
        val d = scanPng(File(demo, "labels/$live.nameplate.png"), listOf(manufactured.getString("envelope")))
        assertEquals(Verdict.REJECTED, d.verdict, d.render())
    }

    @Test
    fun aTamperedRecordIsRejected() {
        val tampered = cases.first { it.getJSONObject("expected").getJSONArray("failures").toList().contains("signature.invalid") }
        val d = scanPng(nameplate, listOf(tampered.getString("envelope")))
        assertEquals(Verdict.REJECTED, d.verdict, d.render())
        assertTrue(ReasonCode.SIGNATURE_INVALID in d.reasons, d.render())
    }

    @Test
    fun anImageWithoutALabelReadsAsNothing() {
        val blank = dir.resolve("blank.png").toFile()
        javax.imageio.ImageIO.write(java.awt.image.BufferedImage(100, 100, java.awt.image.BufferedImage.TYPE_INT_RGB), "PNG", blank)
        assertNull(LabelReader.decode(blank))
    }

    // ---- Passport labels rendered by the project ------------------------------------------------

    private fun scanPassportPng(png: File, history: String? = null, policy: Policy = Policy.SALE): ScanResult {
        val text = LabelReader.decode(png) ?: throw AssertionError("no QR code read from $png")
        val label = LabelContent.of(text)
        assertTrue(label is LabelContent.Passport, "not read as a passport: $text")
        return demoFlow.scan(label, demoAt, historyJson = history, policy = policy).also { println("${png.name}:\n${it.render()}") }
    }

    private fun history(code: String) = File(demo, "histories/$code.json").readText()

    @Test
    fun liveRobotsPassportIsAcceptedAndAllowed() {
        val png = File(demo, "labels/$live.passport.png")
        assertEquals(File(demo, "passports/$live.txt").readText().trim(), LabelReader.decode(png))
        val r = scanPassportPng(png)
        assertEquals(Verdict.ACCEPTED, r.verdict, r.render())
        assertEquals(Decision.ALLOWED, r.access, r.render())
        assertEquals("86-0042-A3W0F5-0000000012346-ET4W", r.robot)
        assertEquals(emptyList<ReasonCode>(), r.reasons, r.render())
        assertTrue(r.render().contains("passport status: active"), r.render())
        assertTrue(r.render().contains("decision: ALLOWED for sale"), r.render())
    }

    @Test
    fun liveRobotsPassportWithItsHistoryShowsTheHealthSummary() {
        val r = scanPassportPng(File(demo, "labels/$live.passport.png"), history(live), Policy.DEPLOYMENT)
        assertEquals(Decision.ALLOWED, r.access, r.render())
        val h = r.health ?: throw AssertionError("no health summary:\n${r.render()}")
        assertEquals(LifecycleStatus.ACTIVE, h.status)
        assertEquals(live, h.subject)
        assertTrue(h.openRecalls.isEmpty())
        assertTrue(r.render().contains("health:   status active"), r.render())
    }

    @Test
    fun scrappedRobotsPassportIsRefused() {
        val r = scanPassportPng(File(demo, "labels/$scrapped.passport.png"))
        // The passport is genuine: it says the robot is dismantled, and the robot is refused.
        assertEquals(Verdict.ACCEPTED, r.verdict, r.render())
        assertEquals(Decision.DENIED, r.access, r.render())
        assertTrue(r.isRefused)
        assertEquals(listOf(ReasonCode.ACCESS_SCRAPPED), r.reasons, r.render())
        // With its history: the same refusal, and the health summary says why.
        val h = scanPassportPng(File(demo, "labels/$scrapped.passport.png"), history(scrapped), Policy.LISTING)
        assertEquals(Decision.DENIED, h.access, h.render())
        assertTrue(ReasonCode.ACCESS_SCRAPPED in h.reasons, h.render())
        assertEquals(LifecycleStatus.DISMANTLED, h.health?.status, h.render())
    }

    @Test
    fun tamperedPassportIsRefusedForItsSignature() {
        val genuine = File(demo, "passports/$live.txt").readText().trim()
        // One symbol of the signature changed (from character 89 on, the text encodes the signature),
        // then rendered by the project's own label command like any passport.
        val i = 120
        val tampered = genuine.replaceRange(i, i + 1, if (genuine[i] == 'A') "B" else "A")
        val text = dir.resolve("tampered.txt").toFile().also { it.writeText(tampered + "\n") }
        val png = dir.resolve("tampered.png").toFile()
        runHrid("label", text.path, "--png", png.path)
        assertEquals(tampered, LabelReader.decode(png))
        val r = scanPassportPng(png)
        assertEquals(Verdict.REJECTED, r.verdict, r.render())
        assertEquals(Decision.DENIED, r.access, r.render())
        assertTrue(ReasonCode.SIGNATURE_INVALID in r.reasons, r.render())
        assertTrue(ReasonCode.ACCESS_EVIDENCE_UNVERIFIABLE in r.reasons, r.render())
        assertNull(r.robot)
        assertTrue(r.render().contains("not verified: do not rely on it"), r.render())
    }

    // ---- The registry's status feed, issued by the project's CLI -------------------------------

    /** A status feed signed with the demo registry's key by `hrid status-feed issue`; its text. */
    private fun statusFeed(name: String, vararg args: String, issuedAt: Long = demoAt - 60): String {
        val out = File(demo, "feeds/$name.json")
        runHrid(
            "status-feed", "issue", "--key", File(demo, "keys/registry.pem").path, "--registry", "registry",
            "--issued-at", issuedAt.toString(), "--out", out.path, *args,
        )
        return out.readText()
    }

    private fun scanWithFeed(code: String, feed: String?, highestSeen: Long = 0, history: String? = null): ScanResult {
        val text = LabelReader.decode(File(demo, "labels/$code.passport.png"))!!
        return demoFlow.scan(LabelContent.of(text), demoAt, historyJson = history, statusFeedJson = feed, highestSeenFeedVersion = highestSeen)
            .also { println("$code with a status feed:\n${it.render()}") }
    }

    @Test
    fun aStatusFeedThatSuspendsTheRobotRefusesItsGenuinePassport() {
        val suspended = statusFeed("suspended", "--version", "2", "--robot", "$live=suspended")
        val r = scanWithFeed(live, suspended)
        assertEquals(Verdict.ACCEPTED, r.verdict, r.render()) // the passport is genuine
        assertEquals(Decision.DENIED, r.access, r.render())
        assertTrue(ReasonCode.ACCESS_SUSPENDED in r.reasons, r.render())
        assertTrue(r.render().contains("status feed version 2 of registry verified"), r.render())
        // With its history too: the registry's word still wins.
        val h = scanWithFeed(live, suspended, history = history(live))
        assertEquals(Decision.DENIED, h.access, h.render())
    }

    @Test
    fun aStatusFeedThatListsNothingAboutTheRobotAllowsIt() {
        val r = scanWithFeed(live, statusFeed("clear", "--version", "3"))
        assertEquals(Decision.ALLOWED, r.access, r.render())
        assertEquals(emptyList<ReasonCode>(), r.reasons, r.render())
        assertTrue(r.render().contains("status feed version 3 of registry verified"), r.render())
    }

    @Test
    fun aStatusFeedThatIsNotAcceptedIsNotUsedAndTheScreenSaysWhy() {
        val suspended = statusFeed("old", "--version", "2", "--robot", "$live=suspended")
        // The device has seen version 3: this one is rolled back, and the passport alone decides.
        val rolledBack = scanWithFeed(live, suspended, highestSeen = 3)
        assertEquals(Decision.ALLOWED, rolledBack.access, rolledBack.render())
        assertTrue(ReasonCode.STATUS_FEED_ROLLBACK in rolledBack.reasons, rolledBack.render())
        assertTrue(rolledBack.render().contains("status feed not used (rejected)"), rolledBack.render())
        // Issued two days before and long expired: indeterminate, not used.
        val expired = scanWithFeed(live, statusFeed("expired", "--version", "4", "--robot", "$live=suspended", issuedAt = demoAt - 2 * 86_400))
        assertEquals(Decision.ALLOWED, expired.access, expired.render())
        assertTrue(ReasonCode.STATUS_FEED_EXPIRED in expired.reasons, expired.render())
    }

    @Test
    fun aPassportLabelOfAnotherKindOfTextIsMalformed() {
        val r = demoFlow.scan(LabelContent.of("HP1:NOT-A-PASSPORT"), demoAt)
        assertEquals(Verdict.REJECTED, r.verdict)
        assertEquals(listOf(ReasonCode.PASSPORT_MALFORMED), r.reasons)
    }
}
