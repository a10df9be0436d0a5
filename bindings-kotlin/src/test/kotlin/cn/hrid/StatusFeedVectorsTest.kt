package cn.hrid

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Every case of test-vectors/status-feed.json through [Verifier.verifyStatusFeed], compared as
 * core/tests/history_vectors.rs compares them (verdict, finding codes as sorted sets, version);
 * and the verified feed held against histories, audits and custody as the core holds it.
 */
class StatusFeedVectorsTest {
    @Test
    fun statusFeedJson() {
        val doc = corpus("status-feed.json")
        forEachCase("status-feed.json", doc) { case, id ->
            withCaseVerifier(doc, case) { v ->
                val r = v.verifyStatusFeed(case.getString("document"), case.getLong("at"), case.getLong("highest_seen_version"))
                val feed = r.feed
                feed.use {
                    val got = verdictJson(r.findings).put("version", feed?.version ?: JSONObject.NULL)
                    assertJson(case.getJSONObject("expected"), got, id)
                    assertEquals(r.verdict == Verdict.ACCEPTED, feed != null, id)
                    if (feed != null) {
                        assertEquals(feed, r.requireFeed(), id)
                        assertTrue(feed.statementHash.length == 64 && feed.expiresAt > feed.issuedAt, id)
                        assertEquals(feed.expiresAt + DEFAULT_STATUS_FEED_GRACE_SECS, feed.usableUntil, id)
                        // Every listed robot is found by its code, in display form too; others are not.
                        for (robot in feed.robots) {
                            assertEquals(robot, feed.robot(robot.code), id)
                            assertEquals(robot, feed.robot(formatCode(robot.code)), id)
                        }
                        assertEquals(feed.robots.sortedBy { it.code }, feed.robots, id)
                    } else {
                        val e = assertThrows<HridException.InvalidDocument> { r.requireFeed() }
                        assertEquals(r.failures.first().code, e.code, id)
                    }
                }
            }
        }
    }

    /** A grace of zero: the case one second after expiry, usable within the default grace, is not. */
    @Test
    fun graceIsTheCallers() {
        val doc = corpus("status-feed.json")
        val case = cases(doc).first { it.getString("comment").startsWith("one second after expiry") }
        withCaseVerifier(doc, case) { v ->
            val r = v.verifyStatusFeed(case.getString("document"), case.getLong("at"), graceSecs = 0)
            assertEquals(Verdict.INDETERMINATE, r.verdict)
            assertEquals(listOf(ReasonCode.STATUS_FEED_EXPIRED), r.failures.map { it.code })
            assertNull(r.feed)
        }
    }

    /**
     * An access case whose bundle stops short of the feed's head: the feed makes the history
     * `history.registry_conflict` in verifyHistory, verifyHistories, audit and custody alike; the
     * same bundle without the feed is not in conflict.
     */
    @Test
    fun historiesAuditsAndCustodyHoldTheFeed() {
        val doc = corpus("histories.json")
        val case = cases(doc).first {
            it.getString("kind") == "access" && ReasonCode.HISTORY_REGISTRY_CONFLICT.code in
                it.getJSONObject("expected").getJSONArray("failures").map { c -> c as String }
        }
        val at = case.getLong("at")
        val bundle = case.getString("bundle")
        withCaseVerifier(doc, case) { v ->
            v.verifyStatusFeed(case.getString("status_feed"), at).requireFeed().use { feed ->
                assertNotNull(feed.robot(case.getString("code")))
                assertFalse(ReasonCode.HISTORY_REGISTRY_CONFLICT in v.verifyHistory(bundle, at).codes)
                for (batch in listOf(false, true)) {
                    val h = v.verifyHistory(bundle, at, batch, statusFeed = feed)
                    assertEquals(Verdict.REJECTED, h.verdict)
                    assertTrue(ReasonCode.HISTORY_REGISTRY_CONFLICT in h.codes, h.codes.toString())
                    assertEquals(h, v.verifyHistories(listOf(bundle), at, batch, feed).single())
                    val audit = v.audit(listOf(NamedBundle("robot", bundle)), at, batch, feed)
                    assertEquals(h, audit.robots.single().report)
                }
                assertEquals(Verdict.REJECTED, v.custody(bundle, at, at, feed).historyVerdict)
                assertEquals(v.verifyHistory(bundle, at).verdict, v.custody(bundle, at, at).historyVerdict)
            }
        }
    }

    @Test
    fun hostileDocumentsAreFindingsAndABadCodeThrows() {
        val doc = corpus("status-feed.json")
        val case = cases(doc).first()
        withCaseVerifier(doc, case) { v ->
            for (s in listOf("", "{", "null", "\uD800", "[".repeat(100_000), "{\"feed\":{}}", case.getString("document").dropLast(1))) {
                for (t in listOf(Long.MIN_VALUE, 0L, Long.MAX_VALUE)) {
                    for (seen in listOf(Long.MIN_VALUE, -1L, Long.MAX_VALUE)) {
                        val r = v.verifyStatusFeed(s, t, seen, Long.MAX_VALUE)
                        assertTrue(r.verdict != Verdict.ACCEPTED && r.feed == null, "${s.take(12)}: ${r.codes}")
                    }
                }
            }
            v.verifyStatusFeed(case.getString("document"), case.getLong("at")).requireFeed().use { feed ->
                val e = assertThrows<HridException.InvalidCode> { feed.robot("not a code") }
                assertTrue(e.code.code.startsWith("code."), e.code.code)
                val unlisted = "860042A3W0F50000000012346ET4W"
                if (feed.robots.none { it.code == unlisted }) assertNull(feed.robot(unlisted))
            }
        }
    }
}
