package cn.hrid

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.security.MessageDigest
import java.util.Base64

/**
 * Every case of test-vectors/custody.json through [Verifier.custody]: the whole report (its
 * `json`) equals the core's, the typed fields agree with it, and every answer's proof names a
 * statement of the bundle. Every case counted.
 */
class CustodyVectorsTest {
    /** SHA-256 of the DSSE pre-authentication encoding: what a proof's statement hash names. */
    private fun statementHash(envelope: JSONObject): String {
        val payload = Base64.getDecoder().decode(envelope.getString("payload"))
        val type = envelope.getString("payloadType").toByteArray()
        val pae = "DSSEv1 ${type.size} ".toByteArray() + type + " ${payload.size} ".toByteArray() + payload
        return MessageDigest.getInstance("SHA-256").digest(pae).joinToString("") { "%02x".format(it) }
    }

    @Test
    fun custodyJson() {
        val doc = corpus("custody.json")
        forEachCase("custody.json", doc) { case, id ->
            val r = withCaseVerifier(doc, case) { it.custody(case.getString("bundle"), case.getLong("at"), case.getLong("verified_at")) }
            assertJson(case.getJSONObject("report"), JSONObject(r.json), id)
            val e = case.getJSONObject("expected")
            assertEquals(e.getString("verdict"), r.verdict.name.lowercase(), id)
            assertJson(e.getJSONArray("failures"), sortedCodes(r.failures), id)
            assertJson(e.getJSONArray("warnings"), sortedCodes(r.warnings), id)
            assertEquals(e.optJSONObject("owner")?.getString("statement_hash"), r.owner?.proof?.statementHash, id)
            assertEquals(e.optJSONObject("operator")?.getString("who"), r.operation?.operator, id)
            assertEquals(e.optJSONObject("ai_profile")?.getString("version"), r.aiProfile?.version, id)
            assertEquals(
                objects(e.getJSONArray("recalls")).map { it.getString("state") },
                r.recalls.map { it.state.name.lowercase() }, id,
            )
            val bundle = JSONObject(case.getString("bundle"))
            val hashes = (objects(bundle.getJSONArray("attestations")) + objects(bundle.getJSONArray("recalls")))
                .map(::statementHash).toSet()
            listOfNotNull(r.owner?.proof, r.operation?.proof, r.aiProfile?.proof, r.firmware?.proof)
                .forEach { assertTrue(it.statementHash in hashes, id) }
        }
    }

    @Test
    fun aBadBundleIsAReportNotAnException() {
        val doc = corpus("custody.json")
        val case = cases(doc)[10]
        val r = withCaseVerifier(doc, case) { it.custody("{not json", case.getLong("at"), case.getLong("verified_at")) }
        assertEquals(Verdict.INDETERMINATE, r.verdict)
        assertNull(r.owner)
        assertTrue(r.failures.any { it.code == ReasonCode.CUSTODY_HISTORY_UNVERIFIED })
    }

    private fun objects(a: JSONArray): List<JSONObject> = (0 until a.length()).map { a.getJSONObject(it) }
}
