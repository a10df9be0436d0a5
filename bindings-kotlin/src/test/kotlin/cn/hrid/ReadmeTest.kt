package cn.hrid

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.io.File

/** The README's Kotlin quick start, run as written (and checked to be what the README says). */
class ReadmeTest {
    private val doc = corpus("attestations.json")
    private val trustListJson = doc.getJSONObject("trust_list").getString("envelope")
    private val rootKeysHex = doc.getJSONObject("trust_list").getJSONObject("anchor").getJSONArray("keys").map { it as String }
    private val envelopeJson = cases(doc).first().getString("envelope")
    private val now = cases(doc).first().getLong("at")

    @Test
    fun quickStartRunsAsWritten() {
        val readme = File(repoRoot, "README.md").readText()
        val block = readme.substringAfter("```kotlin\n").substringBefore("```").trimEnd().lines()
        assertEquals(QUICK_START, block.map { it.substringBefore("//").trimEnd() }, "README's Kotlin block")

        val report = checkCode("860042A3W0F50000000012345ZARX")                      // never throws
        check(report.error?.code == ReasonCode.CODE_CHECK_FAILED && report.error?.position == 28)
        check(report.suggestions!!.first().code == "860042A3W0F50000000012345ZAR2")
        val list = verifyTrustList(trustListJson, rootKeysHex, threshold = 2, highestSeenVersion = 0, at = now)
        Verifier(list).use { check(it.verify(envelopeJson, now).verdict == Verdict.ACCEPTED) }
    }

    private companion object {
        val QUICK_START = listOf(
            "import cn.hrid.*",
            "val report = checkCode(\"860042A3W0F50000000012345ZARX\")",
            "check(report.error?.code == ReasonCode.CODE_CHECK_FAILED && report.error?.position == 28)",
            "check(report.suggestions!!.first().code == \"860042A3W0F50000000012345ZAR2\")",
            "val list = verifyTrustList(trustListJson, rootKeysHex, threshold = 2, highestSeenVersion = 0, at = now)",
            "Verifier(list).use { check(it.verify(envelopeJson, now).verdict == Verdict.ACCEPTED) }",
        )
    }
}
