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
 * JVM. Run from the repository root after bindings-kotlin/test.sh has built the library:
 *
 *   mvn -q -f bindings-kotlin/pom.xml test-compile exec:java
 *
 * Prints the median time per verification over several rounds and hrid's ratio to each baseline.
 */
object VerifyBenchmark {
    private const val MESSAGES = 256
    private const val ROUNDS = 7

    private fun median(xs: List<Double>) = xs.sorted()[xs.size / 2]

    /** Median microseconds per verification of [verify] over every message, [ROUNDS] times. */
    private fun measure(name: String, msgs: List<ByteArray>, sigs: List<ByteArray>, verify: (ByteArray, ByteArray) -> Boolean): Double {
        repeat(3) { for (i in msgs.indices) check(verify(msgs[i], sigs[i])) { "$name rejected a valid signature" } }
        val perCall = (1..ROUNDS).map {
            val t0 = System.nanoTime()
            for (i in msgs.indices) if (!verify(msgs[i], sigs[i])) error("$name rejected a valid signature")
            (System.nanoTime() - t0) / 1000.0 / msgs.size
        }
        return median(perCall).also { println("%-34s %8.1f µs/verify".format(name, it)) }
    }

    @JvmStatic
    fun main(args: Array<String>) {
        val size = args.firstOrNull()?.toIntOrNull() ?: 600 // about one attestation envelope's PAE
        val rnd = Random(1)
        val key = SigningKey.fromSeedHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        val public = key.verifyingKey()
        val msgs = List(MESSAGES) { rnd.nextBytes(size) }
        val sigs = msgs.map { key.sign(it) }

        val bc = Ed25519PublicKeyParameters(public.toBytes(), 0)
        val bcSigner = Ed25519Signer()
        val jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(X509EncodedKeySpec(public.toDer()))
        val jdk = Signature.getInstance("Ed25519")

        // The three agree on a tampered signature too.
        val bad = sigs[0].copyOf().also { it[5] = (it[5] + 1).toByte() }
        check(!public.verify(msgs[0], bad))
        check(!bcSigner.run { init(false, bc); update(msgs[0], 0, msgs[0].size); verifySignature(bad) })
        check(!jdk.run { initVerify(jdkKey); update(msgs[0]); verify(bad) })

        println("Ed25519 verify, $MESSAGES messages of $size bytes, median of $ROUNDS rounds, java ${System.getProperty("java.version")}")
        // Interleave twice so JIT warm-up and frequency drift do not favour the first measured.
        var results = mapOf<String, Double>()
        repeat(2) { pass ->
            if (pass == 1) println("-- second pass (reported)")
            val h = measure("hrid (Rust via JNA, strict)", msgs, sigs) { m, s -> public.verify(m, s) }
            val b = measure("BouncyCastle Ed25519Signer", msgs, sigs) { m, s ->
                bcSigner.init(false, bc)
                bcSigner.update(m, 0, m.size)
                bcSigner.verifySignature(s)
            }
            val j = measure("JDK Signature(\"Ed25519\")", msgs, sigs) { m, s ->
                jdk.initVerify(jdkKey)
                jdk.update(m)
                jdk.verify(s)
            }
            results = mapOf("hrid" to h, "bc" to b, "jdk" to j)
        }
        val h = results.getValue("hrid")
        println("hrid / BouncyCastle = %.2fx (target <= 0.60x)".format(h / results.getValue("bc")))
        println("hrid / JDK          = %.2fx".format(h / results.getValue("jdk")))
        public.close()
        key.close()
    }
}
