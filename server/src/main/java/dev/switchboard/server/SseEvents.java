package dev.switchboard.server;

import dev.switchboard.core.spi.Publication;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Server-Sent Events wire format (WHATWG HTML, "server-sent events"): each publication becomes
 * <pre>
 * id: &lt;the channel's broker offset&gt;
 * event: &lt;channel&gt;
 * data: &lt;JSON, one data line per line of text&gt;
 * </pre>
 * followed by a blank line. Stateless; safe from any thread.
 */
final class SseEvents {
    private SseEvents() {}

    /** One publication as an event, in a new buffer the caller owns. */
    static ByteBuf publication(Publication publication) {
        StringBuilder out = new StringBuilder(64 + publication.channel().length());
        out.append("id: ").append(publication.position().offset()).append('\n');
        out.append("event: ").append(publication.channel()).append('\n');
        appendData(out, publication.data().json());
        out.append('\n');
        return Unpooled.wrappedBuffer(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Splits {@code text} at CR, LF and CRLF into {@code data:} lines, which the client joins with LF. */
    static void appendData(StringBuilder out, String text) {
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append("data: ").append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append("data: ").append(text, start, n).append('\n');
    }

    /** The reconnection hint: {@code retry: <millis>}. */
    static ByteBuf retry(Duration retry) {
        return ascii("retry: " + retry.toMillis() + "\n\n");
    }

    /** A comment line, which clients ignore: heartbeats and notices. */
    static ByteBuf comment(String text) {
        return ascii(": " + text + "\n\n");
    }

    /** Whether {@code channel} can be an event name: the format has no escaping for line breaks. */
    static boolean validName(String channel) {
        return !channel.isEmpty() && channel.indexOf('\n') < 0 && channel.indexOf('\r') < 0;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
