package cn.hrid.testing

import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.engine.support.descriptor.MethodSource
import org.junit.platform.launcher.TestExecutionListener
import org.junit.platform.launcher.TestIdentifier
import org.junit.platform.launcher.TestPlan
import java.util.concurrent.atomic.AtomicInteger

/**
 * Prints the closing line CI reads, `LABEL: N passed, N failed[, N skipped]`, after every test
 * plan, and a line `SKIPPED: Class.method: reason` for each skipped test (Maven's
 * own summary is hidden by `mvn -q`). LABEL is the system property `hrid.summary.label`, which
 * each pom's surefire configuration sets (`kotlin` for the binding, `scanner` for the example).
 * Shared by the binding's tests and examples/android-scanner's (both poms compile this folder
 * with their tests); registered through META-INF/services in each.
 */
class SummaryListener : TestExecutionListener {
    private val passed = AtomicInteger()
    private val failed = AtomicInteger()
    private val skipped = AtomicInteger()

    override fun executionSkipped(testIdentifier: TestIdentifier, reason: String) {
        if (testIdentifier.isTest) skip(testIdentifier, reason)
    }

    /** A skipped test is counted and named: `SKIPPED: Class.method: reason` (what scripts/test-all.sh counts). */
    private fun skip(testIdentifier: TestIdentifier, reason: String) {
        skipped.incrementAndGet()
        val name = testIdentifier.source.orElse(null)
            ?.let { it as? MethodSource }
            ?.let { "${it.className.substringAfterLast('.')}.${it.methodName}" }
            ?: testIdentifier.displayName
        System.out.println("SKIPPED: $name: $reason")
    }

    override fun executionFinished(testIdentifier: TestIdentifier, result: TestExecutionResult) {
        if (!testIdentifier.isTest) return
        when (result.status) {
            TestExecutionResult.Status.SUCCESSFUL -> passed.incrementAndGet()
            // A failed assumption (Assumptions.assumeTrue): skipped, not failed.
            TestExecutionResult.Status.ABORTED ->
                skip(testIdentifier, result.throwable.map { it.message ?: it.toString() }.orElse("aborted"))
            else -> {
                failed.incrementAndGet()
                System.out.println("FAILED ${testIdentifier.displayName}: ${result.throwable.map { it.toString() }.orElse("")}")
            }
        }
    }

    override fun testPlanExecutionFinished(testPlan: TestPlan) {
        val label = System.getProperty("hrid.summary.label") ?: "kotlin"
        val skip = if (skipped.get() > 0) ", ${skipped.get()} skipped" else ""
        System.out.println("$label: ${passed.get()} passed, ${failed.get()} failed$skip")
        System.out.flush()
    }
}
