package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;

/** A Socket.IO client by hand over Engine.IO v4 WebSocket: opens, joins {@code /}, answers pings. */
final class SioClient extends WsClient {

    static SioClient connect(HttpClient http, URI uri) {
        SioClient client = new SioClient();
        client.open(http, uri);
        assertThat(client.next()).startsWith("0{");
        client.send("40");
        assertThat(client.next()).startsWith("40{");
        return client;
    }

    @Override
    boolean onMessage(String text) {
        if (text.equals("2")) {
            ws.sendText("3", true);
            return true;
        }
        return false;
    }
}
