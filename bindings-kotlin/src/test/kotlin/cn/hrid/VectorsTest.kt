package cn.hrid

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test

/** Every case of the shared corpus, through the Kotlin API; every case counted. */
class VectorsTest {
    private fun issue(i: CodeIssue) = JSONObject().put("code", i.code.code).put("position", i.position ?: JSONObject.NULL)

    private fun suggestion(s: Suggestion) = JSONObject()
        .put("code", s.code)
        .put("tier", s.tier.name)
        .put("repair", s.repair.name.lowercase())
        .put("changed_positions", JSONArray(s.changedPositions))

    /** The report as `hrid code check --json` prints it, minus `input` and message texts. */
    private fun reportJson(r: CodeReport): JSONObject {
        val o = JSONObject().put("valid", r.valid)
        r.canonical?.let { o.put("canonical", it) }
        r.display?.let { o.put("display", it) }
        r.fields?.let {
            o.put(
                "fields",
                JSONObject().put("country", it.country).put("manufacturer", it.manufacturer)
                    .put("model", it.model).put("unit", it.unit).put("check", it.check),
            )
        }
        if (r.structureOnly) o.put("structure_only", true)
        r.error?.let { o.put("error", issue(it)) }
        r.warning?.let { o.put("warning", issue(it)) }
        r.suggestions?.let { list -> o.put("suggestions", JSONArray(list.map { suggestion(it) })) }
        return o
    }

    @Test
    fun codesJson() {
        forEachCase("codes.json") { case, id ->
            val expected = case.getJSONObject("expected")
            when (case.getString("kind")) {
                "check" -> {
                    val input = case.getString("input")
                    val opts = case.getJSONObject("options")
                    val structureOnly = opts.getBoolean("structure_only")
                    val report = checkCode(input, opts.getBoolean("two_errors"), structureOnly)
                    assertEquals(input, report.input, id)
                    assertJson(expected, reportJson(report), id)
                    if (!structureOnly) {
                        // The plain verbs agree with the report.
                        assertEquals(expected.getBoolean("valid"), isValid(input), id)
                        val err = expected.optJSONObject("error")
                        if (err == null) {
                            assertEquals(expected.getString("canonical"), validateCode(input).canonical, id)
                            assertEquals(expected.getString("display"), formatCode(input), id)
                        } else {
                            try {
                                validateCode(input)
                                fail<Unit>("$id: validateCode did not throw")
                            } catch (e: HridException.InvalidCode) {
                                assertJson(err, JSONObject().put("code", e.code.code).put("position", e.position ?: JSONObject.NULL), id)
                            }
                        }
                    }
                }
                "build" -> {
                    val f = case.getJSONObject("fields")
                    val got = try {
                        val c = buildCode(f.getString("country"), f.getString("manufacturer"), f.getString("model"), f.getString("unit"))
                        JSONObject().put("valid", true).put("code", c.canonical)
                    } catch (e: HridException.InvalidCode) {
                        JSONObject().put("valid", false)
                            .put("error", JSONObject().put("code", e.code.code).put("position", e.position ?: JSONObject.NULL))
                    }
                    assertJson(expected, got, id)
                }
                "find" -> {
                    val scan = findCodes(case.getString("text"))
                    val got = JSONObject()
                        .put("found", JSONArray(scan.found.map { JSONObject().put("code", it.code).put("start", it.start).put("end", it.end) }))
                        .put(
                            "near_misses",
                            JSONArray(
                                scan.nearMisses.map { m ->
                                    JSONObject().put("start", m.start).put("end", m.end).put("error", m.error.code.code)
                                        .put("suggestions", JSONArray(m.suggestions.map { it.code }))
                                },
                            ),
                        )
                    assertJson(expected, got, id)
                }
                else -> fail<Unit>("$id: unknown kind")
            }
        }
    }

    @Test
    fun keysJson() {
        forEachCase("keys.json") { case, id ->
            val input = case.getString("input")
            val private = case.getBoolean("private")
            val got = try {
                val key: VerifyingKey = when (case.getString("format") to private) {
                    "hex" to true -> SigningKey.fromSeedHex(input).use { it.verifyingKey() }
                    "hex" to false -> VerifyingKey.fromHex(input)
                    "pem" to true -> SigningKey.fromPem(input).use { it.verifyingKey() }
                    "pem" to false -> VerifyingKey.fromPem(input)
                    "der_hex" to true -> SigningKey.fromDer(hex(input)).use { it.verifyingKey() }
                    "der_hex" to false -> VerifyingKey.fromDer(hex(input))
                    else -> fail("$id: unknown format")
                }
                key.use { JSONObject().put("ok", true).put("public_key", it.toHex()).put("key_id", it.keyId) }
            } catch (e: HridException.InvalidKey) {
                JSONObject().put("ok", false).put("code", e.code.code)
            }
            assertJson(case.getJSONObject("expected"), got, id)
        }
    }

    private fun anchorKeys(a: JSONObject): List<String> = a.getJSONArray("keys").map { it as String }

    @Test
    fun trustListsJson() {
        val doc = corpus("trust-lists.json")
        forEachCase("trust-lists.json", doc) { case, id ->
            val envelope = case.getString("envelope")
            val at = case.getLong("at")
            val got = try {
                val list = if (case.isNull("previous")) {
                    val a = case.getJSONObject("anchor")
                    verifyTrustList(envelope, anchorKeys(a), a.getInt("threshold"), case.getLong("highest_seen_version"), at)
                } else {
                    val a = doc.getJSONObject("anchor")
                    verifyTrustList(case.getString("previous"), anchorKeys(a), a.getInt("threshold"), 0, at).use { prev ->
                        prev.update(envelope, at)
                    }
                }
                list.use {
                    JSONObject().put("result", "accepted").put("version", it.version)
                        .put("warnings", JSONArray(it.warnings.map { w -> w.code.code }))
                }
            } catch (e: HridException.InvalidDocument) {
                JSONObject().put("result", if (e.isIndeterminate) "indeterminate" else "rejected").put("code", e.code.code)
            }
            assertJson(case.getJSONObject("expected"), got, id)
        }
    }

    @Test
    fun attestationsJson() {
        val doc = corpus("attestations.json")
        val tl = doc.getJSONObject("trust_list")
        val a = tl.getJSONObject("anchor")
        verifyTrustList(tl.getString("envelope"), anchorKeys(a), a.getInt("threshold"), tl.getLong("highest_seen_version"), tl.getLong("at")).use { list ->
            Verifier(list).use { verifier ->
                forEachCase("attestations.json", doc) { case, id ->
                    val r = verifier.verify(case.getString("envelope"), case.getLong("at"))
                    fun codes(fs: List<Finding>) = JSONArray(fs.map { it.code.code })
                    val got = JSONObject()
                        .put("verdict", r.verdict.name.lowercase())
                        .put("failures", codes(r.failures))
                        .put("warnings", codes(r.warnings))
                        .put("passed", codes(r.passed))
                        .put("statement_hash", r.statement?.statementHash ?: JSONObject.NULL)
                    assertJson(case.getJSONObject("expected"), got, id)
                    // A statement only with an accepted verdict.
                    assertEquals(r.verdict == Verdict.ACCEPTED, r.statement != null, id)
                }
            }
        }
    }

    @Test
    fun reasonCodesJsonIsTheCatalogue() {
        val listed = corpus("reason-codes.json").getJSONArray("codes").map { it as JSONObject }
        val ours = reasonCodes()
        assertTrue(listed.isNotEmpty())
        assertEquals(listed.map { it.getString("code") }, ours.map { it.code }, "codes and order")
        assertEquals(listed.map { it.getString("severity") }, ours.map { it.severity.name.lowercase() }, "severities")
        assertEquals(listed.map { it.getString("summary") }, ours.map { it.summary }, "summaries")
        // The Kotlin enum is exactly the catalogue, in order, and each value maps both ways.
        assertEquals(ReasonCode.entries.toList(), ours.map { it.reason })
        for (info in ours) {
            assertEquals(info.code, info.reason.code)
            assertEquals(info.reason, reasonCodeOf(info.code))
        }
        assertEquals(null, reasonCodeOf("nope.nope"))
        println("reason-codes.json: ${listed.size} codes match")
    }
}
