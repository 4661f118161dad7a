package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.interop.NodeTestReport.Status;
import dev.switchboard.interop.NodeTestReport.TestCase;

class NodeTestReportTest {

    @Test
    void parsesPassedFailedSkippedAndNestedCases() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <testsuites>
                \t<testcase name="passes" time="0.012" classname="test"/>
                \t<testcase name="fails" time="1.5" classname="test" failure="boom">
                \t\t<failure type="testCodeFailure" message="boom">
                [Error: boom] { code: 'ERR_TEST_FAILURE' }
                \t\t</failure>
                \t</testcase>
                \t<testcase name="skipped one" time="0" classname="test">
                \t\t<skipped type="skipped" message="not today"/>
                \t</testcase>
                \t<testsuite name="group" time="0.1" disabled="0" errors="0" tests="1" failures="0" skipped="0" hostname="h">
                \t\t<testcase name="inner &amp; escaped" time="0.1" classname="test"/>
                \t</testsuite>
                \t<!-- tests 4 -->
                </testsuites>
                """;
        List<TestCase> cases = NodeTestReport.parseJUnitXml(xml);
        assertThat(cases).extracting(TestCase::name)
                .containsExactly("passes", "fails", "skipped one", "group > inner & escaped");
        assertThat(cases).extracting(TestCase::status)
                .containsExactly(Status.PASSED, Status.FAILED, Status.SKIPPED, Status.PASSED);
        assertThat(cases.get(1).message()).startsWith("boom").contains("ERR_TEST_FAILURE");
        assertThat(cases.get(1).seconds()).isEqualTo(1.5);
        assertThat(cases.get(2).message()).isEqualTo("not today");
    }

    @Test
    void missingReportMeansNoCasesAndNoSuccess() throws Exception {
        List<TestCase> cases = NodeTestReport.parseJUnitXml(Path.of("does-not-exist.xml"));
        assertThat(cases).isEmpty();
        assertThat(new NodeTestReport(cases, 0, false, "", Path.of("x.log")).succeeded()).isFalse();
    }

    @Test
    void allPassedWithExitZeroSucceeds() {
        NodeTestReport report = new NodeTestReport(List.of(new TestCase("a", Status.PASSED, "", 0)), 0, false, "", Path.of("x"));
        assertThat(report.succeeded()).isTrue();
        assertThat(new NodeTestReport(report.cases(), 1, false, "", Path.of("x")).succeeded()).isFalse();
        assertThat(new NodeTestReport(report.cases(), 0, true, "", Path.of("x")).succeeded()).isFalse();
    }
}
