package dev.switchboard.interop;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Result of one {@code node --test} run: the test cases from Node's JUnit reporter plus the process
 * outcome.
 *
 * @param cases      test cases in file order (names of enclosing {@code describe} blocks are
 *                   prefixed, separated by {@code " > "})
 * @param exitCode   exit code of the node process ({@code -1} when it was killed)
 * @param timedOut   whether the run exceeded its overall timeout and was killed
 * @param output     the run's console output (spec reporter plus stderr)
 * @param outputFile where that output was written
 */
public record NodeTestReport(List<TestCase> cases, int exitCode, boolean timedOut, String output, Path outputFile) {

    public enum Status { PASSED, FAILED, SKIPPED }

    /**
     * @param name    the Node test name
     * @param status  outcome ({@code todo} tests count as skipped)
     * @param message failure or skip message and details, empty when passed
     * @param seconds duration reported by Node
     */
    public record TestCase(String name, Status status, String message, double seconds) {
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0 && !cases.isEmpty()
                && cases.stream().noneMatch(c -> c.status() == Status.FAILED);
    }

    public List<TestCase> failures() {
        return cases.stream().filter(c -> c.status() == Status.FAILED).toList();
    }

    /** The last {@code maxChars} characters of the output. */
    public String outputTail(int maxChars) {
        return output.length() <= maxChars ? output : "...\n" + output.substring(output.length() - maxChars);
    }

    /** Parses the XML written by {@code node --test --test-reporter=junit}. A missing or empty file yields no cases. */
    public static List<TestCase> parseJUnitXml(Path xml) throws IOException {
        if (!Files.isRegularFile(xml) || Files.size(xml) == 0) {
            return List.of();
        }
        return parseJUnitXml(Files.readString(xml, StandardCharsets.UTF_8));
    }

    public static List<TestCase> parseJUnitXml(String xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Element root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
            List<TestCase> cases = new ArrayList<>();
            collect(root, "", cases);
            return List.copyOf(cases);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Unparseable node --test JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void collect(Element element, String prefix, List<TestCase> cases) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element e)) {
                continue;
            }
            switch (e.getTagName()) {
                case "testsuite" -> collect(e, prefix + e.getAttribute("name") + " > ", cases);
                case "testsuites" -> collect(e, prefix, cases);
                case "testcase" -> cases.add(toCase(e, prefix));
                default -> {
                    // properties, system-out, ... carry no results
                }
            }
        }
    }

    private static TestCase toCase(Element testcase, String prefix) {
        String name = prefix + testcase.getAttribute("name");
        double seconds = parseSeconds(testcase.getAttribute("time"));
        Element failure = firstChild(testcase, "failure");
        if (failure == null) {
            failure = firstChild(testcase, "error");
        }
        if (failure != null || testcase.hasAttribute("failure")) {
            String message = failure == null ? testcase.getAttribute("failure")
                    : (failure.getAttribute("message") + "\n" + failure.getTextContent()).strip();
            return new TestCase(name, Status.FAILED, message, seconds);
        }
        Element skipped = firstChild(testcase, "skipped");
        if (skipped != null) {
            return new TestCase(name, Status.SKIPPED, skipped.getAttribute("message"), seconds);
        }
        return new TestCase(name, Status.PASSED, "", seconds);
    }

    private static Element firstChild(Element parent, String tag) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static double parseSeconds(String value) {
        try {
            return value.isEmpty() ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
