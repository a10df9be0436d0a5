package cn.hrid.bench

import cn.hrid.SigningKey
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
 * Prints the median time per verification and hrid's ratio to each baseline. Optional argument:
 * the message size in bytes (default 600, about one attestation envelope's signed PAE).
 */
object VerifyBenchmark {
    private const val MESSAGES = 256
    private const val ROUNDS = 15
    private const val WARMUP_NANOS = 3_000_000_000L

    private fun median(xs: List<Double>) = xs.sorted()[xs.size / 2]

    /** Median microseconds per verification: [round] verifies all [count] messages once. */
    private fun measure(name: String, count: Int, round: () -> Boolean): Double {
        // Warm up for a fixed time, so the JIT has compiled JNA's marshalling as well as the Java
        // baselines before anything is timed.
        val until = System.nanoTime() + WARMUP_NANOS
        while (System.nanoTime() < until) check(round()) { "$name rejected a valid signature" }
        val perCall = (1..ROUNDS).map {
            val t0 = System.nanoTime()
            check(round()) { "$name rejected a valid signature" }
            (System.nanoTime() - t0) / 1000.0 / count
        }
        return median(perCall).also { println("%-44s %8.1f µs/verify".format(name, it)) }
    }

    @JvmStatic
    fun main(args: Array<String>) {
        val size = args.firstOrNull()?.toIntOrNull() ?: 600
        val rnd = Random(1)
        val key = SigningKey.fromSeedHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        val public = key.verifyingKey()
        val msgs = List(MESSAGES) { rnd.nextBytes(size) }
        val sigs = msgs.map { key.sign(it) }

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
            return jdk.verify(s)
        }

        // The three agree on a tampered signature too.
        val bad = sigs[0].copyOf().also { it[5] = (it[5] + 1).toByte() }
        check(!public.verify(msgs[0], bad) && !bcVerify(msgs[0], bad) && !jdkVerify(msgs[0], bad))

        println("Ed25519 verify, $MESSAGES messages of $size bytes, median of $ROUNDS rounds, java ${System.getProperty("java.version")}, ${Runtime.getRuntime().availableProcessors()} cores")
        fun each(verify: (ByteArray, ByteArray) -> Boolean): () -> Boolean = { msgs.indices.all { verify(msgs[it], sigs[it]) } }
        var r = mapOf<String, Double>()
        // Two interleaved passes, the second reported, so JIT warm-up and frequency drift do not
        // favour whichever is measured first.
        repeat(2) { pass ->
            if (pass == 1) println("-- second pass (reported)")
            r = mapOf(
                "hrid" to measure("hrid VerifyingKey.verify (one call each)", MESSAGES, each { m, s -> public.verify(m, s) }),
                "each" to measure("hrid VerifyingKey.verifyEach (one call)", MESSAGES) { public.verifyEach(msgs, sigs).all { it } },
                "bc" to measure("BouncyCastle Ed25519Signer", MESSAGES, each(::bcVerify)),
                "jdk" to measure("JDK Signature(\"Ed25519\")", MESSAGES, each(::jdkVerify)),
            )
        }
        // Where hrid's time goes: the cost of one crossing into Rust, without curve arithmetic.
        val code = "860042A3W0F50000000012345ZAR2"
        measure("  one call: isValid(code)", MESSAGES, each { _, _ -> cn.hrid.isValid(code) })
        measure("  one call: verify of an empty signature", MESSAGES, each { _, _ -> !public.verify(ByteArray(0), ByteArray(0)) })
        val bcTime = r.getValue("bc")
        println("hrid verify     / BouncyCastle = %.2fx (target <= 0.60x)".format(r.getValue("hrid") / bcTime))
        println("hrid verifyEach / BouncyCastle = %.2fx".format(r.getValue("each") / bcTime))
        println("hrid verify     / JDK          = %.2fx".format(r.getValue("hrid") / r.getValue("jdk")))
        public.close()
        key.close()
    }
}
