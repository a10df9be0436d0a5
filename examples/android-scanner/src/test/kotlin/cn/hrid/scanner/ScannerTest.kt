package cn.hrid.scanner

import cn.hrid.ReasonCode
import cn.hrid.TrustList
import cn.hrid.Verdict
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
 * Scans PNG labels and checks the decisions. Until the project's `hrid label` renderer and QR
 * passports land, the labels are drawn here with ZXing's QRCodeWriter from identity codes, and the
 * signed records come from test-vectors/attestations.json (the corpus every binding reads).
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

    @BeforeAll
    fun setUp() {
        val tl = doc.getJSONObject("trust_list")
        val anchor = tl.getJSONObject("anchor")
        trustList = verifyTrustList(
            tl.getString("envelope"), anchor.getJSONArray("keys").map { it as String }, anchor.getInt("threshold"),
            tl.getLong("highest_seen_version"), tl.getLong("at"),
        )
        flow = ScannerFlow(trustList)
    }

    @AfterAll
    fun tearDown() {
        flow.close()
        trustList.close()
    }

    /** A QR label as a PNG, the way a printed nameplate is photographed. */
    private fun label(name: String, text: String): File {
        val hints = mapOf(EncodeHintType.ERROR_CORRECTION to ErrorCorrectionLevel.M, EncodeHintType.MARGIN to 4)
        val matrix = QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300, hints)
        val file = dir.resolve("$name.png").toFile()
        MatrixToImageWriter.writeToPath(matrix, "PNG", file.toPath())
        return file
    }

    private fun scanPng(png: File, attestations: List<String>): Decision {
        val text = LabelReader.decode(png)!!
        return flow.scan(LabelContent.of(text), at, attestations)
    }

    @Test
    fun validLabelWithItsSignedRecordIsAccepted() {
        val png = label("valid", "86-0042-A3W0F5-0000000012345-ZAR2")
        assertEquals("86-0042-A3W0F5-0000000012345-ZAR2", LabelReader.decode(png))
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
        val d = scanPng(label("unknown", "86-0042-A3W0F5-0000000012345-ZAR2"), emptyList())
        assertEquals(Verdict.INDETERMINATE, d.verdict)
    }

    @Test
    fun aRecordAboutAnotherRobotIsRejected() {
        val d = scanPng(label("other", "860042A3W0F50000000012346ET4W"), listOf(manufactured.getString("envelope")))
        assertEquals(Verdict.REJECTED, d.verdict, d.render())
    }

    @Test
    fun aTamperedRecordIsRejected() {
        val tampered = cases.first { it.getJSONObject("expected").getJSONArray("failures").toList().contains("signature.invalid") }
        val d = scanPng(label("tampered", "86-0042-A3W0F5-0000000012345-ZAR2"), listOf(tampered.getString("envelope")))
        assertEquals(Verdict.REJECTED, d.verdict, d.render())
        assertTrue(ReasonCode.SIGNATURE_INVALID in d.reasons, d.render())
    }

    @Test
    fun anImageWithoutALabelReadsAsNothing() {
        val blank = dir.resolve("blank.png").toFile()
        javax.imageio.ImageIO.write(java.awt.image.BufferedImage(100, 100, java.awt.image.BufferedImage.TYPE_INT_RGB), "PNG", blank)
        assertNull(LabelReader.decode(blank))
    }
}
