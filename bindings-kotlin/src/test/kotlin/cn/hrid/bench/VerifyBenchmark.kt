package cn.hrid.bench

import cn.hrid.SigningKey
import cn.hrid.verdict
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters
import org.bouncycastle.crypto.signers.Ed25519Signer
import java.security.KeyFactory
import java.security.Signature
import java.security.spec.X509EncodedKeySpec
import kotlin.random.Random

/**
 * A measurement, not a test: Ed25519 verification through hrid (Rust over JNA) against
 * BouncyCastle and the JDK's own Ed25519 (Java 15+), on the same messages and signatures, in one
 * JVM. Run from the repository root after bindings-kotlin/test.sh has generated the bindings,
 * preferably with a release build of the library:
 *
 *   cargo build --release -p hrid-kotlin
 *   mvn -q -f bindings-kotlin/pom.xml test-compile exec:java -Djna.library.path=target/release
 *
 * The contenders run in interleaved rounds (each round: every contender over all messages, in
 * rotating order), so load from other work on the machine falls on them alike; it prints the
 * median time per verification and hrid's ratio to each baseline (the median of the per-round
 * ratios), then a breakdown of hrid's per-call cost. Optional argument: the message size in
 * bytes (default 600, about one attestation envelope's signed PAE).
 *
 * With `--inputs FILE` (the shared inputs of bench/run.sh: bindings-kotlin/bench.sh passes it) the
 * key, messages and attestation envelopes are the ones every surface measures; `--json FILE`
 * writes the figures for bench/report.py; `--quick` makes every count tiny (the smoke run).
 */
object VerifyBenchmark {
    private const val MESSAGES = 256
    private var ROUNDS = 41
    private var WARMUP_NANOS = 3_000_000_000L
    private const val HRID = "hrid VerifyingKey.verify (one call each)"
    private const val TWO = "hrid verify(ByteBuffer, ByteBuffer): two slices, no copy"
    private const val EACH = "hrid VerifyingKey.verifyEach (one call)"
    private const val BC = "BouncyCastle Ed25519Signer"
    private const val JDK = "JDK Signature(\"Ed25519\")"

    private fun median(xs: List<Double>) = xs.sorted()[xs.size / 2]

    /** Warm up for a fixed time, so the JIT has compiled JNA's marshalling and the Java baselines. */
    private fun warmUp(name: String, round: () -> Boolean) {
        val until = System.nanoTime() + WARMUP_NANOS
        while (System.nanoTime() < until) check(round()) { "$name rejected a valid signature" }
    }

    /** Microseconds per verification of one round: [round] verifies all [count] messages once. */
    private fun time(name: String, count: Int, round: () -> Boolean): Double {
        val t0 = System.nanoTime()
        check(round()) { "$name rejected a valid signature" }
        return (System.nanoTime() - t0) / 1000.0 / count
    }

    /**
     * [ROUNDS] interleaved rounds: in each, every contender verifies all messages once, in an order
     * that rotates from round to round, so that load from other work on the machine falls on all
     * of them alike. Returns each contender's per-round times (µs per verification).
     */
    private fun interleaved(count: Int, contenders: List<Pair<String, () -> Boolean>>): Map<String, List<Double>> {
        contenders.forEach { (name, round) -> warmUp(name, round) }
        val times = contenders.associate { it.first to mutableListOf<Double>() }
        repeat(ROUNDS) { r ->
            for (k in contenders.indices) {
                val (name, round) = contenders[(k + r) % contenders.size]
                times.getValue(name) += time(name, count, round)
            }
        }
        return times
    }

    /** Median microseconds per verification, measured alone after a warm-up (the breakdown). */
    private fun measure(name: String, count: Int, round: () -> Boolean): Double {
        warmUp(name, round)
        val perCall = (1..15).map { time(name, count, round) }
        return median(perCall).also { println("%-56s %8.1f µs (best round %.1f)".format(name, it, perCall.min())) }
    }

    @JvmStatic
    fun main(args: Array<String>) {
        fun arg(name: String) = args.indexOf(name).takeIf { it >= 0 }?.let { args.getOrNull(it + 1) }
        if ("--quick" in args) {
            ROUNDS = 3
            WARMUP_NANOS = 200_000_000L
        }
        val shared = arg("--inputs")?.let { org.json.JSONObject(java.io.File(it).readText()) }
        val size = args.firstOrNull()?.toIntOrNull() ?: 600
        val rnd = Random(1)
        val key = SigningKey.fromSeedHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        fun hex(h: String) = ByteArray(h.length / 2) { h.substring(2 * it, 2 * it + 2).toInt(16).toByte() }
        val public = shared?.let { cn.hrid.VerifyingKey.fromHex(it.getString("public_key")) } ?: key.verifyingKey()
        val msgs: List<ByteArray>
        val sigs: List<ByteArray>
        if (shared != null) {
            val ms = shared.getJSONArray("messages")
            val base = (0 until ms.length()).map { ms.getJSONObject(it) }
            val all = List(MESSAGES) { base[it % base.size] }
            msgs = all.map { hex(it.getString("message")) }
            sigs = all.map { hex(it.getString("signature")) }
        } else {
            msgs = List(MESSAGES) { rnd.nextBytes(size) }
            sigs = msgs.map { key.sign(it) }
        }

        val bc = Ed25519PublicKeyParameters(public.toBytes(), 0)
        val bcSigner = Ed25519Signer()
        fun bcVerify(m: ByteArray, s: ByteArray): Boolean {
            bcSigner.init(false, bc)
            bcSigner.update(m, 0, m.size)
            return bcSigner.verifySignature(s)
        }
        val jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(X509EncodedKeySpec(public.toDer()))
        val jdk = Signature.getInstance("Ed25519")
        fun jdkVerify(m: ByteArray, s: ByteArray): Boolean {
            jdk.initVerify(jdkKey)
            jdk.update(m)
            // The JDK throws for an R that is not a curve point; a verdict for the others.
            return try { jdk.verify(s) } catch (_: java.security.SignatureException) { false }
        }

        // The three agree on a tampered signature too.
        val bad = sigs[0].copyOf().also { it[5] = (it[5] + 1).toByte() }
        check(!public.verify(msgs[0], bad) && !bcVerify(msgs[0], bad) && !jdkVerify(msgs[0], bad))

        println("Ed25519 verify, $MESSAGES messages of $size bytes, median of $ROUNDS rounds, java ${System.getProperty("java.version")}, ${Runtime.getRuntime().availableProcessors()} cores")
        fun each(verify: (ByteArray, ByteArray) -> Boolean): () -> Boolean = { msgs.indices.all { verify(msgs[it], sigs[it]) } }
        // The two-slice path (direct buffers, no copy): what verify(ByteArray, ByteArray) did before
        // it packed signature and message into one buffer.
        val direct = { b: ByteArray -> java.nio.ByteBuffer.allocateDirect(b.size).put(b).flip() as java.nio.ByteBuffer }
        val directMsgs = msgs.map(direct)
        val directSigs = sigs.map(direct)
        val times = interleaved(
            MESSAGES,
            listOf(
                HRID to each { m, s -> public.verify(m, s) },
                TWO to { msgs.indices.all { public.verify(directMsgs[it].duplicate(), directSigs[it].duplicate()) } },
                EACH to { public.verifyEach(msgs, sigs).all { it } },
                BC to each(::bcVerify),
                JDK to each(::jdkVerify),
            ),
        )
        for ((name, t) in times) println("%-56s %8.1f µs/verify (median; best round %.1f)".format(name, median(t), t.min()))
        fun ratio(a: String, b: String) = median(times.getValue(a).zip(times.getValue(b)) { x, y -> x / y })
        // Where hrid's time goes: the cost of one crossing into Rust, without curve arithmetic
        // (a signature whose s is not below the group order fails before any; 64 bytes, so it
        // takes the one-slice path), and the two-slice path from direct buffers without copies.
        val code = "860042A3W0F50000000012345ZAR2"
        measure("  one call: isValid(code)", MESSAGES, each { _, _ -> cn.hrid.isValid(code) })
        val noScalar = ByteArray(64) { -1 }
        measure("  one call: verify, s out of range (one slice)", MESSAGES, each { m, _ -> !public.verify(m, noScalar) })
        measure("  one call: verify of an empty signature (two slices)", MESSAGES, each { _, _ -> !public.verify(ByteArray(0), ByteArray(0)) })
        var attestationMicros: Double? = null
        if (shared != null) {
            val at = shared.getLong("at")
            val envs = shared.getJSONArray("envelopes").let { e -> (0 until e.length()).map { e.getString(it) } }
            cn.hrid.verifyTrustList(shared.getString("trust_list"), listOf(shared.getString("root_public_key")), 1, 0, at).use { list ->
                cn.hrid.Verifier(list).use { v ->
                    attestationMicros = measure("hrid Verifier.verify (whole attestation)", envs.size) {
                        envs.all { v.verify(it, at).verdict == cn.hrid.Verdict.ACCEPTED }
                    }
                }
            }
        }
        arg("--json")?.let { path ->
            fun r(name: String, micros: Double) = org.json.JSONObject().put("name", name).put("ns_per_op", micros * 1000).put("ops_per_run", MESSAGES)
            val results = org.json.JSONArray()
                .put(r("hrid_key_verify", median(times.getValue(HRID))))
                .put(r("hrid_verify_each", median(times.getValue(EACH))))
                .put(r("bouncycastle_verify", median(times.getValue(BC))))
                .put(r("jdk_verify", median(times.getValue(JDK))))
            attestationMicros?.let { results.put(r("attestation_verify", it)) }
            val doc = org.json.JSONObject()
                .put("surface", "jvm")
                .put("versions", org.json.JSONObject()
                    .put("java", System.getProperty("java.version"))
                    .put("bouncycastle", org.bouncycastle.jce.provider.BouncyCastleProvider().versionStr))
                .put("repeats", ROUNDS)
                .put("ratio_hrid_to_bouncycastle_median_of_rounds", ratio(HRID, BC))
                .put("results", results)
            java.io.File(path).writeText(doc.toString(1))
        }
        println("hrid verify     / BouncyCastle = %.2fx (median of per-round ratios; target <= 0.60x)".format(ratio(HRID, BC)))
        println("hrid two slices / BouncyCastle = %.2fx".format(ratio(TWO, BC)))
        println("hrid verifyEach / BouncyCastle = %.2fx".format(ratio(EACH, BC)))
        println("hrid verify     / JDK          = %.2fx".format(ratio(HRID, JDK)))
        public.close()
        key.close()
    }
}
