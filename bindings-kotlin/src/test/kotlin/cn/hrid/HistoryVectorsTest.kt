package cn.hrid

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Every case of test-vectors/histories.json and passports.json through the Kotlin API, compared
 * as core/tests/history_vectors.rs and the Python binding compare them (the same fields of the
 * expected result; finding codes as sorted sets; an access case's status feed verified and
 * passed when accepted). Every case counted.
 */
class HistoryVectorsTest {
    private fun <T> orNull(v: T?): Any = v ?: JSONObject.NULL

    private fun checkCorpus(doc: JSONObject) {
        val all = cases(doc)
        assertEquals(all.size, all.map { it.getInt("tcId") }.toSet().size, "duplicate tcId")
        val notes = doc.getJSONObject("notes")
        for (c in all) c.getJSONArray("flags").forEach { assertTrue(notes.has(it as String), "flag $it is not explained in notes") }
    }

    private fun historyGot(r: HistoryReport): JSONObject {
        val h = r.health
        // An accepted chain ends at its head.
        if (r.verdict == Verdict.ACCEPTED) assertEquals(r.head?.seq, r.chain.lastOrNull()?.seq)
        return verdictJson(r.findings)
            .put("status", orNull(h?.status?.name?.lowercase()))
            .put("head_seq", orNull(r.head?.seq?.toLong()))
            .put("open_recalls", JSONArray(h?.openRecalls ?: emptyList<String>()))
    }

    @Test
    fun historiesJson() {
        val doc = corpus("histories.json")
        checkCorpus(doc)
        val kinds = sortedMapOf<String, Int>()
        forEachCase("histories.json", doc, summary = { " $kinds" }) { case, id ->
            val at = case.getLong("at")
            val expected = case.getJSONObject("expected")
            val kind = case.getString("kind")
            withCaseVerifier(doc, case) { v ->
                when (kind) {
                    "history" -> {
                        val bundle = case.getString("bundle")
                        for (batch in listOf(false, true)) {
                            assertJson(expected, historyGot(v.verifyHistory(bundle, at, batch)), "$id (batch $batch)")
                        }
                        // Many at once: the same reports, in order.
                        val many = v.verifyHistories(listOf(bundle, bundle), at)
                        assertEquals(2, many.size, id)
                        many.forEach { assertJson(expected, historyGot(it), "$id (verifyHistories)") }
                    }
                    "audit" -> {
                        val bundles = case.getJSONArray("bundles").map { it as JSONObject }
                            .map { NamedBundle(it.getString("name"), it.getString("bundle")) }
                        for (batch in listOf(false, true)) {
                            val r = v.audit(bundles, at, batch)
                            val got = JSONObject()
                                .put("verdict", r.verdict.name.lowercase())
                                .put("failures", sortedCodes(r.failures))
                                .put("passed", sortedCodes(r.passed))
                                .put("robots", JSONArray(r.robots.map { JSONObject().put("name", it.name).put("verdict", it.report.verdict.name.lowercase()) }))
                            assertJson(expected, got, "$id (batch $batch)")
                            assertEquals(r.robots.size, r.accepted + r.rejected + r.indeterminate, id)
                        }
                    }
                    "access" -> {
                        val policy = Policy.valueOf(case.getString("policy").uppercase())
                        // The case's status feed, verified at `at` (highest seen 0, default
                        // grace), is evidence only when accepted.
                        val feed = case.optString("status_feed").takeIf { !case.isNull("status_feed") }
                            ?.let { v.verifyStatusFeed(it, at).feed }
                        val d = feed.use {
                            v.decideAccess(
                                case.getString("code"), policy, at,
                                passport = case.optString("passport").takeIf { case.has("passport") && !case.isNull("passport") },
                                historyJson = case.optString("bundle").takeIf { case.has("bundle") && !case.isNull("bundle") },
                                statusFeed = feed,
                            )
                        }
                        val got = bucketsJson(d.findings)
                            .put("decision", d.decision.name.lowercase())
                            .put("status", orNull(d.status?.name?.lowercase()))
                        assertJson(expected, got, id)
                        assertEquals(d.decision == Decision.ALLOWED, d.isAllowed, id)
                        assertEquals(policy, d.policy, id)
                    }
                    else -> throw AssertionError("$id: unknown kind $kind")
                }
            }
            kinds.merge(kind, 1, Int::plus)
        }
    }

    @Test
    fun passportsJson() {
        val doc = corpus("passports.json")
        checkCorpus(doc)
        val alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ \$%*+-./:".toSet()
        forEachCase("passports.json", doc) { case, id ->
            val text = case.getString("passport")
            val options = PassportOptions(
                expectedSubject = if (case.isNull("expected_subject")) null else case.getString("expected_subject"),
                newestSeen = if (case.isNull("newest_seen")) null else case.getLong("newest_seen"),
            )
            val r = withCaseVerifier(doc, case) { it.verifyPassport(text, case.getLong("at"), options) }
            val p = r.passport
            val got = verdictJson(r.findings)
                .put("status", orNull(p?.claims?.status?.name?.lowercase()))
                .put("subject", orNull(p?.claims?.subject))
                .put("head_seq", orNull(p?.claims?.headSeq?.toLong()))
            assertJson(case.getJSONObject("expected"), got, id)
            // A passport whose signature verified also parses, and says the same.
            if (p != null) {
                val parsed = parsePassport(text)
                assertEquals(p.claims, parsed.claims, id)
                assertTrue(text.length <= 200 && text.all { it in alphanumeric }, "$id: not one QR alphanumeric segment")
            }
            // A passport the core cannot read is malformed both ways.
            val malformed = r.failures.firstOrNull { it.code == ReasonCode.PASSPORT_MALFORMED || it.code == ReasonCode.PASSPORT_VERSION_UNKNOWN }
            if (malformed != null) {
                try {
                    parsePassport(text)
                    throw AssertionError("$id: parsePassport did not throw")
                } catch (e: HridException.InvalidPassport) {
                    assertEquals(malformed.code, e.code, id)
                }
            }
        }
    }
}
