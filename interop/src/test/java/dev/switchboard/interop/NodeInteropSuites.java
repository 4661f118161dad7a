package dev.switchboard.interop;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Shared machinery of {@link ScInteropTest} and {@link SioInteropTest}: one dynamic container per
 * suite of a protocol (fresh fixture each), one dynamic test per Node test case, plus one test that
 * checks the {@code node --test} process exited cleanly.
 */
final class NodeInteropSuites {

    private NodeInteropSuites() {
    }

    static Stream<DynamicNode> dynamicNodes(InteropProtocol protocol, FixtureFactory fixtureFactory, String runLabel)
            throws Exception {
        return InteropSuite.selected(InteropEnvironment.nodeDir(), protocol).stream()
                .map(suite -> dynamicContainer(suite.name() + " (" + suite.file() + ")",
                        // Lazy: the suite runs when JUnit executes this container.
                        Stream.of(suite).flatMap(s -> runSuite(s, fixtureFactory, runLabel))));
    }

    private static Stream<DynamicTest> runSuite(InteropSuite suite, FixtureFactory fixtureFactory, String runLabel) {
        String label = runLabel + "-" + suite.name();
        NodeTestReport report;
        try (FixtureServer fixture = fixtureFactory.start(suite.settings())) {
            report = NodeTestRunner.run(suite, fixture, label);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Stream.of(dynamicTest("suite " + suite.name() + " could not run", () -> {
                throw new AssertionError("Could not run " + suite + ": " + e, e);
            }));
        }
        System.out.println("===== " + label + " =====\n" + report.output());

        Stream<DynamicTest> cases = report.cases().stream().map(c -> dynamicTest(c.name(), () -> {
            switch (c.status()) {
                case PASSED -> {
                }
                case SKIPPED -> Assumptions.abort("skipped in node: " + c.message());
                case FAILED -> Assertions.fail(c.name() + "\n" + c.message()
                        + "\n(full node output: " + report.outputFile() + ")");
            }
        }));
        DynamicTest process = dynamicTest("node --test exited cleanly", () -> {
            if (!report.succeeded()) {
                Assertions.fail("node --test " + suite.file() + ": exit code " + report.exitCode()
                        + (report.timedOut() ? " (killed: overall timeout)" : "")
                        + ", " + report.cases().size() + " test(s), failed: "
                        + report.failures().stream().map(NodeTestReport.TestCase::name).toList()
                        + "\n--- output ---\n" + report.outputTail(20_000));
            }
        });
        return Stream.concat(cases, Stream.of(process));
    }
}
