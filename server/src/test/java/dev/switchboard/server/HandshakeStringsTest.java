package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeStringsTest {
    @Test
    void wellKnownNamesAndValuesAreSharedAndOthersKept() {
        String upgrade = new String("upgrade"); // a fresh instance, as a decoded request holds
        String custom = new String("x-custom");
        assertThat(HandshakeStrings.canonical(upgrade)).isEqualTo("upgrade").isSameAs("upgrade");
        assertThat(HandshakeStrings.canonical(custom)).isSameAs(custom);
    }

    @Test
    void handshakeRequestKeepsImmutableCopiesWithEveryValue() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(new String("host"), new ArrayList<>(List.of("127.0.0.1:1")));
        headers.put("x-many", new ArrayList<>(List.of("a", "b")));
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put(new String("EIO"), new ArrayList<>(List.of(new String("4"))));
        HandshakeRequest request = new HandshakeRequest("/socket.io/?EIO=4", "/socket.io/", query, headers,
                new InetSocketAddress(0));
        headers.get("x-many").add("c"); // the caller's lists may change afterwards; the request's may not
        assertThat(request.headers()).containsOnlyKeys("host", "x-many");
        assertThat(request.headers().get("x-many")).containsExactly("a", "b");
        assertThat(request.header("HOST")).hasValue("127.0.0.1:1");
        assertThat(request.queryParam("EIO")).hasValue("4");
        assertThat(request.query().keySet().iterator().next()).isSameAs("EIO");
        assertThatThrownBy(() -> request.headers().get("host").add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new HandshakeRequest("/", "/", Map.of(), Map.of(), new InetSocketAddress(0)).headers()).isEmpty();
    }
}
