package cn.hrid

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import kotlin.random.Random

/** Errors carry a reason code and a readable message; hostile input never reaches a Rust panic. */
class ErrorPathTest {
    private val valid = "860042A3W0F50000000012345ZAR2"

    /** Hostile text: empty, separators only, control characters, unpaired surrogates, huge. */
    private val hostile: List<String> = listOf(
        "", " ", "-", "--------", "\u0000", "\u0000".repeat(29), "\uD800", "8600\uDC00", "\uD83D\uDE00".repeat(29),
        "８６0042A3W0F50000000012345ZAR2", "\u202E860042A3W0F50000000012345ZAR2", "860042A3W0F50000000012345ZAR2\n",
        "?".repeat(29), "U".repeat(29), "8".repeat(1_000_000), "8-".repeat(200_000), "{", "[".repeat(100_000),
        "{\"payloadType\":1}", "null", "\"\"", valid.lowercase(), valid + valid,
    )

    /** Runs [block]; any exception other than [HridException] (a panic would be InternalException) fails. */
    private fun <T> noPanic(what: String, block: () -> T): T? =
        try {
            block()
        } catch (e: HridException) {
            assertTrue(e.message!!.isNotBlank(), "$what: empty message")
            assertFalse(e.message!!.contains("detail="), "$what: message is a field dump")
            null
        } catch (e: Throwable) {
            throw AssertionError("$what threw ${e::class.qualifiedName}: ${e.message}", e)
        }

    @Test
    fun invalidCodeCarriesCodePositionSuggestionsAndAReadableMessage() {
        val e = assertThrows<HridException.InvalidCode> { validateCode("860042A3W0F50000000012345ZARX") }
        assertEquals(ReasonCode.CODE_CHECK_FAILED, e.code)
        assertEquals("code.check_failed", e.code.code)
        assertEquals(28, e.position)
        assertEquals(valid, e.suggestions.first().code)
        assertEquals(Tier.A, e.suggestions.first().tier)
        assertEquals(Repair.SUBSTITUTION, e.suggestions.first().repair)
        assertEquals("the check characters do not match; the character at position 28 is probably wrong", e.message)
        assertTrue(e.toString().contains("[code.check_failed]"), e.toString())
        // The sealed root catches every kind.
        val root: HridException = e
        assertTrue(root is HridException.InvalidCode)

        assertEquals(ReasonCode.CODE_EMPTY, assertThrows<HridException.InvalidCode> { validateCode("--") }.code)
        val bad = assertThrows<HridException.InvalidCode> { validateCode("86-0042-A3W0F5-000000001234U-ZAR2") }
        assertEquals(ReasonCode.CODE_INVALID_CHARACTER, bad.code)
        assertEquals(27, bad.position)
        assertEquals(ReasonCode.CODE_WRONG_LENGTH, assertThrows<HridException.InvalidCode> { compact("860042") }.code)
        assertEquals(ReasonCode.CODE_CHECK_FAILED, assertThrows<HridException.InvalidCode> { formatCode(valid.dropLast(1) + "3") }.code)
        val field = assertThrows<HridException.InvalidCode> { buildCode("86", "0042", "A3U0F5", "1") }
        assertEquals(ReasonCode.CODE_FIELD_INVALID, field.code)
        assertEquals(2, field.position)
        assertTrue(field.message!!.startsWith("model field"), field.message)
    }

    @Test
    fun codeVerbsOnValidInput() {
        val code = validateCode("86-0042-a3w0f5-oooooooo12345-zar2")
        assertEquals(valid, code.canonical)
        assertEquals("86-0042-A3W0F5-0000000012345-ZAR2", code.display)
        assertEquals("0042", code.fields.manufacturer)
        assertEquals(valid, compact("86 0042 A3W0F5 0000000012345 ZAR2"))
        assertEquals(code, buildCode("86", "0042", "A3W0F5", "12345"))
        assertTrue(suggest(valid).isEmpty())
        val tierB = suggest("860042A3W0F50000000012345ZXRX", twoErrors = true)
        assertTrue(tierB.any { it.code == valid && it.tier == Tier.B }, tierB.toString())
        val structure = checkCode("860042A3W0F50000000012345ZARX", structureOnly = true)
        assertFalse(structure.valid)
        assertEquals(ReasonCode.CODE_STRUCTURE_ONLY, structure.warning?.code)
        assertNull(structure.suggestions)
    }

    @Test
    fun unpairedSurrogatesAreInvalidCharactersNotEncodingErrors() {
        val r = checkCode("86\uD800" + valid.drop(3))
        assertFalse(r.valid)
        assertEquals(ReasonCode.CODE_INVALID_CHARACTER, r.error?.code)
        assertEquals(2, r.error?.position)
        // A proper pair is one code point: positions count code points, like the core.
        val emoji = checkCode("\uD83D\uDE00$valid")
        assertEquals(0, emoji.error?.position)
    }

    @Test
    fun hostileTextThroughEveryCodeFunction() {
        for (s in hostile) {
            val what = "input of ${s.length} chars starting ${s.take(12).map { it.code }}"
            val report = noPanic("checkCode $what") { checkCode(s, twoErrors = true) }!!
            noPanic("checkCode structure-only $what") { checkCode(s, structureOnly = true) }
            assertEquals(report.valid, noPanic("isValid $what") { isValid(s) })
            noPanic("validateCode $what") { validateCode(s) }
            noPanic("compact $what") { compact(s) }
            noPanic("formatCode $what") { formatCode(s) }
            noPanic("suggest $what") { suggest(s, twoErrors = true) }
            noPanic("findCodes $what") { findCodes(s) }
            noPanic("buildCode $what") { buildCode(s, s, s, s) }
        }
    }

    @Test
    fun randomTextAgreesWithItself() {
        val rnd = Random(8)
        val pool = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcxyzILOUilou- _?.\u00e9\u4e2d\uD800\uDC00"
        repeat(3000) {
            val s = String(CharArray(rnd.nextInt(0, 34)) { pool[rnd.nextInt(pool.length)] })
            val r = noPanic("checkCode $s") { checkCode(s, twoErrors = rnd.nextBoolean()) }!!
            assertEquals(r.valid, isValid(s), s)
            assertEquals(r.valid, r.error == null, s)
            noPanic("findCodes $s") { findCodes("listing: $s; $s") }
        }
    }

    @Test
    fun hostileKeys() {
        val texts = hostile + listOf("zz", "00", "0".repeat(64), "0".repeat(63), "01" + "00".repeat(31), "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n")
        for (s in texts) {
            val what = "key text of ${s.length} chars"
            noPanic("VerifyingKey.fromHex $what") { VerifyingKey.fromHex(s).use { it.keyId } }
            noPanic("VerifyingKey.fromPem $what") { VerifyingKey.fromPem(s).use { it.keyId } }
            noPanic("SigningKey.fromSeedHex $what") { SigningKey.fromSeedHex(s).use { it.keyId } }
            noPanic("SigningKey.fromPem $what") { SigningKey.fromPem(s).use { it.keyId } }
            val bytes = s.toByteArray()
            noPanic("VerifyingKey.fromDer $what") { VerifyingKey.fromDer(bytes).use { it.keyId } }
            noPanic("VerifyingKey.fromBytes $what") { VerifyingKey.fromBytes(bytes).use { it.keyId } }
            noPanic("SigningKey.fromDer $what") { SigningKey.fromDer(bytes).use { it.keyId } }
        }
        assertEquals(ReasonCode.KEY_MALFORMED, assertThrows<HridException.InvalidKey> { VerifyingKey.fromHex("zz") }.code)
        assertEquals(ReasonCode.KEY_WRONG_LENGTH, assertThrows<HridException.InvalidKey> { VerifyingKey.fromHex("00") }.code)
        // The identity point (small order): a weak key.
        assertEquals(ReasonCode.KEY_WEAK, assertThrows<HridException.InvalidKey> { VerifyingKey.fromHex("01" + "00".repeat(31)) }.code)
        assertEquals(ReasonCode.KEY_WRONG_LENGTH, assertThrows<HridException.InvalidKey> { SigningKey.fromSeedHex("00") }.code)
    }

    @Test
    fun signaturesOfTheWrongLengthAreMalformedNotExceptions() {
        SigningKey.fromSeedHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").use { sk ->
            sk.verifyingKey().use { pk ->
                val msg = "hello".toByteArray()
                val sig = sk.sign(msg)
                assertEquals(64, sig.size)
                assertTrue(pk.verify(msg, sig))
                assertEquals(ReasonCode.SIGNATURE_VALID, pk.checkSignature(msg, sig))
                assertEquals(ReasonCode.SIGNATURE_INVALID, pk.checkSignature("hellO".toByteArray(), sig))
                for (n in listOf(0, 1, 63, 65, 100_000)) {
                    assertFalse(pk.verify(msg, ByteArray(n)))
                    assertEquals(ReasonCode.SIGNATURE_MALFORMED, pk.checkSignature(msg, ByteArray(n)))
                }
                assertFalse(pk.verify(ByteArray(1_000_000), sig))
                // The one-buffer path (signature then message) at every buffer-size boundary,
                // against the two-slice path from direct buffers.
                for (n in listOf(0, 1, 959, 960, 961, 1024, 4000, 65_472, 65_473, 70_000, 200_000)) {
                    val m = ByteArray(n) { (it * 7).toByte() }
                    val sg = sk.sign(m)
                    assertTrue(pk.verify(m, sg), "size $n")
                    val flipped = m.copyOf().also { if (n > 0) it[n - 1] = (it[n - 1] + 1).toByte() }
                    assertEquals(n == 0, pk.verify(flipped, sg), "size $n, last byte changed")
                    val direct = { b: ByteArray -> java.nio.ByteBuffer.allocateDirect(b.size).put(b).flip() as java.nio.ByteBuffer }
                    assertTrue(pk.verify(direct(m), direct(sg)), "size $n (direct)")
                }
                // Zero-copy from direct buffers, and many at once.
                val direct = { b: ByteArray -> java.nio.ByteBuffer.allocateDirect(b.size).put(b).flip() as java.nio.ByteBuffer }
                assertTrue(pk.verify(direct(msg), direct(sig)))
                assertFalse(pk.verify(direct("hellO".toByteArray()), direct(sig)))
                assertEquals(
                    listOf(true, false, false),
                    pk.verifyEach(listOf(msg, "x".toByteArray(), msg), listOf(sig, sig)),
                )
                assertEquals(emptyList<Boolean>(), pk.verifyEach(emptyList(), listOf(sig)))
            }
        }
    }

    private val doc by lazy { corpus("attestations.json") }
    private val anchor by lazy { doc.getJSONObject("trust_list").getJSONObject("anchor") }
    private val anchorKeys by lazy { anchor.getJSONArray("keys").map { it as String } }
    private val listEnvelope by lazy { doc.getJSONObject("trust_list").getString("envelope") }
    private val at by lazy { doc.getJSONObject("trust_list").getLong("at") }

    @Test
    fun trustListErrorsCarryTheirReasonCode() {
        fun code(block: () -> Unit) = assertThrows<HridException> { block() }.code
        assertEquals(ReasonCode.ENVELOPE_MALFORMED, code { verifyTrustList("{", anchorKeys, 2, 0, at) })
        assertEquals(ReasonCode.TRUST_LIST_ANCHOR_INVALID, code { verifyTrustList(listEnvelope, anchorKeys, 0, 0, at) })
        assertEquals(ReasonCode.TRUST_LIST_ANCHOR_INVALID, code { verifyTrustList(listEnvelope, anchorKeys, -1, 0, at) })
        assertEquals(ReasonCode.TRUST_LIST_ANCHOR_INVALID, code { verifyTrustList(listEnvelope, anchorKeys, Int.MAX_VALUE, 0, at) })
        assertEquals(ReasonCode.TRUST_LIST_ANCHOR_INVALID, code { verifyTrustList(listEnvelope, emptyList(), 1, 0, at) })
        assertEquals(ReasonCode.KEY_MALFORMED, code { verifyTrustList(listEnvelope, listOf("zz"), 1, 0, at) })
        assertEquals(ReasonCode.TRUST_LIST_ROLLBACK, code { verifyTrustList(listEnvelope, anchorKeys, 2, Long.MAX_VALUE, at) })
        assertEquals(ReasonCode.ENVELOPE_TOO_LARGE, code { verifyTrustList(" ".repeat(5_000_000), anchorKeys, 2, 0, at) })
        assertEquals(ReasonCode.ENVELOPE_TOO_DEEP, code { verifyTrustList("[".repeat(1000) + "]".repeat(1000), anchorKeys, 2, 0, at) })
        val expired = assertThrows<HridException.InvalidDocument> { verifyTrustList(listEnvelope, anchorKeys, 2, 0, Long.MAX_VALUE) }
        assertEquals(ReasonCode.TRUST_LIST_EXPIRED, expired.code)
        assertTrue(expired.isIndeterminate)
        assertEquals(ReasonCode.TRUST_LIST_NOT_YET_VALID, code { verifyTrustList(listEnvelope, anchorKeys, 2, 0, Long.MIN_VALUE) })
        // A negative highest-seen version means none seen.
        verifyTrustList(listEnvelope, anchorKeys, 2, -5, at).use { assertTrue(it.version > 0) }
        // Limits of zero (or negative) reject everything rather than wrap around.
        assertEquals(
            ReasonCode.ENVELOPE_TOO_LARGE,
            code { verifyTrustList(listEnvelope, anchorKeys, 2, 0, at, VerifyOptions(maxTrustListBytes = -1)) },
        )
    }

    @Test
    fun verifierNeverThrows() {
        verifyTrustList(listEnvelope, anchorKeys, 2, 0, at).use { list ->
            assertTrue(list.participants.isNotEmpty())
            assertEquals(anchorKeys.toSet(), list.rootKeys.toSet())
            Verifier(list).use { verifier ->
                val good = cases(doc).first().getString("envelope")
                val inputs = hostile + listOf(good, good.replace("\"sig\":\"", "\"sig\":\"A"), good.replace("payloadType", "payloadtype"))
                for (s in inputs) {
                    for (t in listOf(Long.MIN_VALUE, 0L, at, Long.MAX_VALUE)) {
                        val r = noPanic("verify ${s.take(20)} at $t") { verifier.verify(s, t) }!!
                        assertEquals(r.verdict == Verdict.ACCEPTED, r.statement != null)
                        if (s !== good) assertTrue(r.verdict != Verdict.ACCEPTED, "accepted ${s.take(40)}")
                    }
                }
                val ok = verifier.verify(good, cases(doc).first().getLong("at"))
                assertTrue(ok.isAccepted, ok.codes.toString())
                val st = ok.statement!!
                assertEquals("manufactured", st.eventType)
                assertEquals(st.subject, JSONObject(st.statementJson).getString("subject"))
            }
        }
    }

    private val passports by lazy { corpus("passports.json") }
    private val histories by lazy { corpus("histories.json") }

    /** A verifier over the passports corpus' default trust list, verified at [at]. */
    private fun <T> passportVerifier(at: Long, block: (Verifier) -> T): T {
        val entry = passports.getJSONObject("trust_lists").getJSONObject("default")
        val a = entry.getJSONObject("anchor")
        return verifyTrustList(entry.getString("envelope"), a.getJSONArray("keys").map { it as String }, a.getInt("threshold"), 0, at)
            .use { list -> Verifier(list).use(block) }
    }

    @Test
    fun malformedPassportTextIsATypedExceptionWithItsReasonCode() {
        val good = cases(passports).first { it.getJSONObject("expected").getString("verdict") == "accepted" }.getString("passport")
        val parsed = parsePassport(good)
        assertEquals(PassportStatus.ACTIVE, parsed.claims.status)
        assertEquals(8, parsed.keyHint.length)

        fun malformed(text: String): HridException.InvalidPassport {
            val e = assertThrows<HridException.InvalidPassport> { parsePassport(text) }
            assertTrue(e.message!!.isNotBlank() && !e.message!!.contains("detail="), e.message)
            // The sealed root catches it, with the code.
            val root: HridException = e
            assertEquals(e.code, root.code)
            return e
        }
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed("").code)
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed("HP1:").code)
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed(valid).code)
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed(good.lowercase()).code)
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed(good.dropLast(1)).code)
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed(good + "0").code)
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed("HP2:" + good.drop(4)).code)
        assertEquals(ReasonCode.PASSPORT_MALFORMED, malformed(good.replaceRange(10, 11, "U")).code)
        assertEquals("passport.malformed", malformed(good.replaceRange(10, 11, "\uD800")).code.code)
        // The version byte (1) starts the frame: a first symbol of 1 instead of 0 makes it 8 or more.
        assertEquals('0', good[4])
        assertEquals(ReasonCode.PASSPORT_VERSION_UNKNOWN, malformed(good.replaceRange(4, 5, "1")).code)

        // Verification reports the same problems as findings, never as exceptions; only a bad
        // expected subject (an argument, not evidence) throws.
        val at = cases(passports).first().getLong("at")
        passportVerifier(at) { v ->
            val r = v.verifyPassport(good.dropLast(1), at)
            assertEquals(Verdict.REJECTED, r.verdict)
            assertEquals(listOf(ReasonCode.PASSPORT_MALFORMED), r.failures.map { it.code })
            assertEquals(null, r.passport)
            val e = assertThrows<HridException.InvalidCode> { v.verifyPassport(good, at, PassportOptions(expectedSubject = "not a code")) }
            assertTrue(e.code.code.startsWith("code."), e.code.code)
            val other = v.verifyPassport(good, at, PassportOptions(expectedSubject = "860042A3W0F50000000012346ET4W"))
            assertTrue(ReasonCode.PASSPORT_SUBJECT_MISMATCH in other.codes, other.codes.toString())
        }
    }

    @Test
    fun historiesPassportsAccessAndAuditsNeverThrowOnHostileInput() {
        val case = cases(histories).first { it.getString("kind") == "history" }
        val bundle = case.getString("bundle")
        val at = case.getLong("at")
        val good = cases(passports).first().getString("passport")
        val entry = histories.getJSONObject("trust_lists").getJSONObject(case.getString("trust_list"))
        val a = entry.getJSONObject("anchor")
        val inputs = hostile + listOf(bundle, bundle.replace("\"sig\":\"", "\"sig\":\"A"), good, good.dropLast(1), "HP1:" + "0".repeat(188))
        verifyTrustList(entry.getString("envelope"), a.getJSONArray("keys").map { it as String }, a.getInt("threshold"), 0, case.getLong("trust_list_at")).use { list ->
            Verifier(list).use { v ->
                for (s in inputs) {
                    val what = "${s.length} chars starting ${s.take(12)}"
                    for (t in listOf(Long.MIN_VALUE, 0L, at, Long.MAX_VALUE)) {
                        val h = noPanic("verifyHistory $what") { v.verifyHistory(s, t, batch = true) }!!
                        if (s != bundle) assertTrue(h.verdict != Verdict.ACCEPTED, what)
                        noPanic("verifyRecall $what") { v.verifyRecall(s, t) }
                        noPanic("verifyPassport $what") { v.verifyPassport(s, t, PassportOptions(graceSecs = Long.MAX_VALUE, newestSeen = Long.MIN_VALUE)) }
                        noPanic("verifyPassport $what") { v.verifyPassport(s, t, PassportOptions(graceSecs = Long.MIN_VALUE, newestSeen = Long.MAX_VALUE)) }
                        for (policy in Policy.entries) {
                            val d = noPanic("decideAccess $what") { v.decideAccess(s, policy, t, passport = s, historyJson = s) }!!
                            assertEquals(Decision.DENIED, d.decision, what)
                        }
                        noPanic("audit $what") { v.audit(listOf(NamedBundle(s, s), NamedBundle(s, bundle)), t, batch = true) }
                    }
                    noPanic("parsePassport $what") { parsePassport(s) }
                }
                // No evidence is a decision, not an exception.
                val none = v.decideAccess(valid, Policy.SALE, at)
                assertEquals(Decision.DENIED, none.decision)
                assertEquals(listOf(ReasonCode.ACCESS_NO_EVIDENCE), none.failures.map { it.code })
                assertEquals(ReasonCode.ACCESS_CODE_INVALID, v.decideAccess("nope", Policy.SALE, at).failures.first().code)
                assertTrue(v.verifyHistories(emptyList(), at).isEmpty())
                val empty = v.audit(emptyList(), at)
                assertTrue(empty.robots.isEmpty())
            }
        }
    }

    @Test
    fun recallNoticesFromAHistoryVerifyOnTheirOwn() {
        val case = cases(histories).first { it.getString("kind") == "history" && JSONObject(it.getString("bundle")).getJSONArray("recalls").length() > 0 }
        val at = case.getLong("at")
        val recall = JSONObject(case.getString("bundle")).getJSONArray("recalls").getJSONObject(0).toString()
        val entry = histories.getJSONObject("trust_lists").getJSONObject(case.getString("trust_list"))
        val a = entry.getJSONObject("anchor")
        verifyTrustList(entry.getString("envelope"), a.getJSONArray("keys").map { it as String }, a.getInt("threshold"), 0, case.getLong("trust_list_at")).use { list ->
            Verifier(list).use { v ->
                val r = v.verifyRecall(recall, at)
                assertEquals(Verdict.ACCEPTED, r.verdict, r.codes.toString())
                val notice = r.recall!!
                assertTrue(notice.recallId.isNotEmpty() && notice.statementHash.length == 64)
                assertTrue(ReasonCode.RECALL_VALID in r.codes, r.codes.toString())
                // The same notice with its payload changed is not accepted, and carries nothing.
                val tampered = JSONObject(recall).let { o ->
                    val p = o.getString("payload")
                    o.put("payload", p.substring(0, 5) + (if (p[5] == 'A') 'B' else 'A') + p.substring(6)).toString()
                }
                val bad = v.verifyRecall(tampered, at)
                assertTrue(bad.verdict != Verdict.ACCEPTED, bad.codes.toString())
                assertEquals(null, bad.recall)
            }
        }
    }
}
