package dev.switchboard.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Node test file plus the fixture settings it needs, as listed in {@code interop/node/suites.json}
 * (shared with {@code run-reference.js}).
 *
 * @param name     short name, e.g. {@code core} or {@code sio-core}
 * @param protocol which client/server pair the file speaks ({@code "protocol"}, default socketcluster)
 * @param file     test file relative to the node directory, e.g. {@code test/core.test.js}
 * @param settings fixture settings (missing values default to {@link InteropProtocol#defaults()})
 */
public record InteropSuite(String name, InteropProtocol protocol, String file, FixtureSettings settings) {

    public static List<InteropSuite> load(Path nodeDir) throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(nodeDir.resolve("suites.json")));
        List<InteropSuite> suites = new ArrayList<>();
        for (JsonNode suite : root.required("suites")) {
            JsonNode protocolNode = suite.get("protocol");
            InteropProtocol protocol = protocolNode == null || protocolNode.isNull()
                    ? InteropProtocol.SOCKETCLUSTER : InteropProtocol.fromId(protocolNode.asString());
            FixtureSettings defaults = protocol.defaults();
            FixtureSettings settings = new FixtureSettings(
                    intOr(suite.get("pingInterval"), defaults.pingIntervalMillis()),
                    intOr(suite.get("pingTimeout"), defaults.pingTimeoutMillis()),
                    intOr(suite.get("connectTimeout"), defaults.connectTimeoutMillis()));
            suites.add(new InteropSuite(suite.required("name").asString(), protocol, suite.required("file").asString(),
                    settings));
        }
        return List.copyOf(suites);
    }

    /**
     * The suites of {@code protocol} selected with {@value InteropEnvironment#SUITES_PROPERTY} (names of
     * any protocol; an unknown name is an error), or all suites of {@code protocol}.
     */
    public static List<InteropSuite> selected(Path nodeDir, InteropProtocol protocol) throws IOException {
        return selected(load(nodeDir), System.getProperty(InteropEnvironment.SUITES_PROPERTY, ""), protocol);
    }

    static List<InteropSuite> selected(List<InteropSuite> all, String wanted, InteropProtocol protocol) {
        List<InteropSuite> candidates = all;
        if (!wanted.isBlank()) {
            Set<String> names = Arrays.stream(wanted.split(",")).map(String::strip).collect(Collectors.toSet());
            candidates = all.stream().filter(s -> names.contains(s.name())).toList();
            if (candidates.size() != names.size()) {
                throw new IllegalArgumentException("Unknown suite in -D" + InteropEnvironment.SUITES_PROPERTY + "="
                        + wanted + "; known: " + all.stream().map(InteropSuite::name).toList());
            }
        }
        return candidates.stream().filter(s -> s.protocol() == protocol).toList();
    }

    private static int intOr(JsonNode node, int fallback) {
        return node == null || node.isNull() ? fallback : node.asInt();
    }
}
