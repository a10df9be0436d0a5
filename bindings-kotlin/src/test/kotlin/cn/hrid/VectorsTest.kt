package cn.hrid

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test
import java.io.File

/** The repository root: `-Dhrid.repo=` (set by the pom), else the parent of the working directory. */
internal val repoRoot: File = File(System.getProperty("hrid.repo") ?: "..").canonicalFile

internal fun corpus(name: String): JSONObject = JSONObject(File(repoRoot, "test-vectors/$name").readText())

/** The cases of a corpus file, checked against its `numberOfTests`. */
internal fun cases(doc: JSONObject): List<JSONObject> {
    val arr = doc.getJSONArray("cases")
    assertEquals(doc.getInt("numberOfTests"), arr.length(), "numberOfTests")
    assertTrue(arr.length() > 0, "no cases")
    return (0 until arr.length()).map { arr.getJSONObject(it) }
}

/** The verifier of a history-style case: its named trust list, verified at `trust_list_at`. */
internal fun <T> withCaseVerifier(doc: JSONObject, case: JSONObject, block: (Verifier) -> T): T {
    val entry = doc.getJSONObject("trust_lists").getJSONObject(case.getString("trust_list"))
    val anchor = entry.getJSONObject("anchor")
    return verifyTrustList(
        entry.getString("envelope"), anchor.getJSONArray("keys").map { it as String }, anchor.getInt("threshold"),
        entry.getLong("highest_seen_version"), case.getLong("trust_list_at"),
    ).use { list -> Verifier(list).use(block) }
}

internal fun hex(s: String): ByteArray = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

/** Compares JSON values structurally (org.json's `similar` with a readable failure). */
internal fun assertJson(expected: Any, got: Any, what: String) {
    val same = when (expected) {
        is JSONObject -> got is JSONObject && expected.similar(got)
        is JSONArray -> got is JSONArray && expected.similar(got)
        else -> expected == got
    }
    if (!same) fail<Unit>("$what\n  expected: $expected\n  got:      $got")
}

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
        val all = cases(corpus("codes.json"))
        var run = 0
        for (case in all) {
            val id = "codes.json case ${case.getInt("tcId")}: ${case.getString("comment")}"
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
            run++
        }
        assertTrue(run > 0 && run == all.size, "cases run $run of ${all.size}")
        println("codes.json: $run cases run")
    }

    @Test
    fun keysJson() {
        val all = cases(corpus("keys.json"))
        var run = 0
        for (case in all) {
            val id = "keys.json case ${case.getInt("tcId")}: ${case.getString("comment")}"
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
            run++
        }
        assertTrue(run > 0 && run == all.size, "cases run $run of ${all.size}")
        println("keys.json: $run cases run")
    }

    private fun anchorKeys(a: JSONObject): List<String> = a.getJSONArray("keys").map { it as String }

    @Test
    fun trustListsJson() {
        val doc = corpus("trust-lists.json")
        val all = cases(doc)
        var run = 0
        for (case in all) {
            val id = "trust-lists.json case ${case.getInt("tcId")}: ${case.getString("comment")}"
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
            run++
        }
        assertTrue(run > 0 && run == all.size, "cases run $run of ${all.size}")
        println("trust-lists.json: $run cases run")
    }

    @Test
    fun attestationsJson() {
        val doc = corpus("attestations.json")
        val tl = doc.getJSONObject("trust_list")
        val a = tl.getJSONObject("anchor")
        val all = cases(doc)
        var run = 0
        verifyTrustList(tl.getString("envelope"), anchorKeys(a), a.getInt("threshold"), tl.getLong("highest_seen_version"), tl.getLong("at")).use { list ->
            Verifier(list).use { verifier ->
                for (case in all) {
                    val id = "attestations.json case ${case.getInt("tcId")}: ${case.getString("comment")}"
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
                    run++
                }
            }
        }
        assertTrue(run > 0 && run == all.size, "cases run $run of ${all.size}")
        println("attestations.json: $run cases run")
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
