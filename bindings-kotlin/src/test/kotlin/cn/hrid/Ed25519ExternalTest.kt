package cn.hrid

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * Strict Ed25519 through the Kotlin key API, held to third-party vectors read from
 * `$HRID_SHARED_VECTORS` (default `<repo>/../shared/vectors`; provenance in that folder's README).
 * Absent: each test is skipped (a failed assumption: JUnit and surefire count it as skipped, and
 * the summary listener prints a `SKIPPED:` line naming it), except under `CI=true`, where it fails.
 */
class Ed25519ExternalTest {
    private fun vectors(): File {
        val dir = System.getenv("HRID_SHARED_VECTORS")?.let(::File) ?: File(repoRoot, "../shared/vectors")
        if (!dir.isDirectory && System.getenv("CI") == "true") {
            fail<Unit>("shared vectors not found at $dir (set HRID_SHARED_VECTORS)")
        }
        assumeTrue(dir.isDirectory) {
            "no external vectors at $dir (set HRID_SHARED_VECTORS; CI=true makes this a failure)"
        }
        return dir
    }

    /** Accept exactly when the key imports and the strict verification succeeds. */
    private fun accepts(pk: ByteArray, msg: ByteArray, sig: ByteArray): Boolean =
        try {
            VerifyingKey.fromBytes(pk).use { it.verify(msg, sig) }
        } catch (e: HridException.InvalidKey) {
            false
        }

    @Test
    fun wycheproof151Agree() {
        val dir = vectors()
        val doc = JSONObject(File(dir, "wycheproof/ed25519_test.json").readText())
        var run = 0
        val disagree = mutableListOf<Int>()
        for (g in doc.getJSONArray("testGroups").map { it as JSONObject }) {
            val pk = hex(g.getJSONObject("publicKey").getString("pk"))
            for (t in g.getJSONArray("tests").map { it as JSONObject }) {
                val expected = when (t.getString("result")) {
                    "valid" -> true
                    "invalid" -> false
                    else -> error("unexpected result")
                }
                if (accepts(pk, hex(t.getString("msg")), hex(t.getString("sig"))) != expected) disagree += t.getInt("tcId")
                run++
            }
        }
        assertEquals(151, run)
        assertEquals(doc.getInt("numberOfTests"), run)
        assertEquals(emptyList<Int>(), disagree, "disagreeing tcIds")
        println("wycheproof: $run cases agree")
    }

    @Test
    fun speccheckOnlyCase3Accepted() {
        val dir = vectors()
        val cases = JSONArray(File(dir, "ed25519-speccheck/cases.json").readText()).map { it as JSONObject }
        assertEquals(12, cases.size)
        val got = cases.map { accepts(hex(it.getString("pub_key")), hex(it.getString("message")), hex(it.getString("signature"))) }
        assertEquals((0 until 12).map { it == 3 }, got)
        println("speccheck: ${cases.size} cases, only case 3 accepted")
    }

    @Test
    fun djb1024SignIdenticallyAndVerify() {
        val dir = vectors()
        var run = 0
        File(dir, "djb-ed25519/sign.input").forEachLine { line ->
            val f = line.split(':')
            assertEquals(5, f.size, "line $run")
            val sk = f[0]
            val pk = hex(f[1])
            val msg = hex(f[2])
            val sigMsg = hex(f[3])
            SigningKey.fromSeedHex(sk.substring(0, 64)).use { key ->
                key.verifyingKey().use { assertArrayEquals(pk, it.toBytes(), "line $run") }
                val sig = key.sign(msg)
                assertArrayEquals(sigMsg.copyOfRange(0, 64), sig, "line $run")
                VerifyingKey.fromBytes(pk).use { public ->
                    assertTrue(public.verify(msg, sig), "line $run")
                    assertFalse(public.verify(msg + byteArrayOf(0), sig), "line $run")
                }
            }
            run++
        }
        assertEquals(1024, run)
        println("djb: $run lines sign identically and verify")
    }

    @Test
    fun opensslKeyFilesImport() {
        val dir = vectors()
        val der = File(dir, "djb-ed25519/ed25519-pkcs8.der").readBytes()
        val pem = File(dir, "djb-ed25519/ed25519-pkcs8.pem").readText()
        val pubDer = File(dir, "djb-ed25519/ed25519-pub.der").readBytes()
        val pubPem = File(dir, "djb-ed25519/ed25519-pub.pem").readText()
        SigningKey.fromDer(der).use { a ->
            SigningKey.fromPem(pem).use { b -> assertEquals(a.keyId, b.keyId) }
            VerifyingKey.fromDer(pubDer).use { p ->
                assertEquals(a.keyId, p.keyId)
                assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", p.toHex())
                assertArrayEquals(pubDer, p.toDer())
                assertEquals(pubPem, p.toPem())
            }
            VerifyingKey.fromPem(pubPem).use { assertEquals(a.keyId, it.keyId) }
        }
        val e = org.junit.jupiter.api.assertThrows<HridException.InvalidKey> { SigningKey.fromDer(pubDer) }
        assertEquals("key.malformed", e.code.code)
    }
}
