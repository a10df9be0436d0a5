package cn.hrid.scanner

import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.launcher.TestExecutionListener
import org.junit.platform.launcher.TestIdentifier
import org.junit.platform.launcher.TestPlan
import java.util.concurrent.atomic.AtomicInteger

/**
 * Prints the closing line CI reads, `kotlin: N passed, N failed`, after every test plan (Maven's
 * own summary is hidden by `mvn -q`). Registered through META-INF/services.
 */
class SummaryListener : TestExecutionListener {
    private val passed = AtomicInteger()
    private val failed = AtomicInteger()
    private val skipped = AtomicInteger()

    override fun executionSkipped(testIdentifier: TestIdentifier, reason: String) {
        if (testIdentifier.isTest) skipped.incrementAndGet()
    }

    override fun executionFinished(testIdentifier: TestIdentifier, result: TestExecutionResult) {
        if (!testIdentifier.isTest) return
        when (result.status) {
            TestExecutionResult.Status.SUCCESSFUL -> passed.incrementAndGet()
            else -> {
                failed.incrementAndGet()
                System.out.println("FAILED ${testIdentifier.displayName}: ${result.throwable.map { it.toString() }.orElse("")}")
            }
        }
    }

    override fun testPlanExecutionFinished(testPlan: TestPlan) {
        val label = "scanner"
        val skip = if (skipped.get() > 0) ", ${skipped.get()} skipped" else ""
        System.out.println("$label: ${passed.get()} passed, ${failed.get()} failed$skip")
        System.out.flush()
    }
}
