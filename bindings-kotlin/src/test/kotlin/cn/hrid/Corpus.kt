package cn.hrid

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import java.io.File

// Reading test-vectors/ and comparing with it: shared by the corpus tests (VectorsTest,
// HistoryVectorsTest, CustodyVectorsTest) and the tests that borrow a case from it.

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

/**
 * Runs [check] on every case of corpus file [name] ([doc], read from test-vectors/ unless given)
 * with the case's name for messages (`NAME case N: comment`), then asserts that every case ran
 * and prints `NAME: N cases run` and [summary].
 */
internal fun forEachCase(
    name: String,
    doc: JSONObject = corpus(name),
    summary: () -> String = { "" },
    check: (case: JSONObject, id: String) -> Unit,
) {
    val all = cases(doc)
    var run = 0
    for (case in all) {
        check(case, "$name case ${case.getInt("tcId")}: ${case.getString("comment")}")
        run++
    }
    assertTrue(run > 0 && run == all.size, "$name: cases run $run of ${all.size}")
    println("$name: $run cases run${summary()}")
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

/** Reason codes as the sorted set of dotted strings the history-style corpora list. */
internal fun sortedCodes(fs: List<Finding>) = JSONArray(fs.map { it.code.code }.toSortedSet().toList())

/** A report's finding buckets as the history-style corpora list them (codes as sorted sets). */
internal fun bucketsJson(f: Findings): JSONObject = JSONObject()
    .put("failures", sortedCodes(f.failures))
    .put("warnings", sortedCodes(f.warnings))
    .put("passed", sortedCodes(f.passed))

/** [bucketsJson] and the verdict. */
internal fun verdictJson(f: Findings): JSONObject = bucketsJson(f).put("verdict", f.verdict.name.lowercase())

/** Compares JSON values structurally (org.json's `similar` with a readable failure). */
internal fun assertJson(expected: Any, got: Any, what: String) {
    val same = when (expected) {
        is JSONObject -> got is JSONObject && expected.similar(got)
        is JSONArray -> got is JSONArray && expected.similar(got)
        else -> expected == got
    }
    if (!same) fail<Unit>("$what\n  expected: $expected\n  got:      $got")
}
