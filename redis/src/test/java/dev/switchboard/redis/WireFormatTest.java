package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.Payload;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The envelope and the channel names, without Redis. */
class WireFormatTest {

    @Test
    void envelopeRoundTripsAndKeepsTheJsonText() {
        Payload data = Payload.of(Map.of("text", "h\u00e9llo \u2603"));
        byte[] message = Envelope.encode(0x0123456789abcdefL, 7, 42, false, Envelope.body(data));

        assertThat(HexFormat.of().formatHex(message, 0, Envelope.HEADER))
                .isEqualTo("01000123456789abcdef0000000000000007000000000000002a");
        Envelope envelope = Envelope.decode(message);
        assertThat(envelope.origin()).isEqualTo(0x0123456789abcdefL);
        assertThat(Envelope.origin(message)).isEqualTo(0x0123456789abcdefL);
        assertThat(envelope.stream()).isEqualTo(7);
        assertThat(envelope.offset()).isEqualTo(42);
        assertThat(envelope.epoch()).isEqualTo("0123456789abcdef-7");
        assertThat(envelope.data().json()).isEqualTo(data.json());
        assertThat(new String(message, Envelope.HEADER, message.length - Envelope.HEADER, StandardCharsets.UTF_8))
                .isEqualTo(data.json());
    }

    @Test
    void absentPayloadHasAFlagAndNoBody() {
        byte[] message = Envelope.encode(1, 1, 0, true, Envelope.body(Payload.none()));
        assertThat(message).hasSize(Envelope.HEADER);
        assertThat(Envelope.decode(message).data().isNone()).isTrue();
        assertThat(Envelope.decode(Envelope.encode(1, 1, 0, false, Envelope.body(Payload.nullValue()))).data().isNull())
                .isTrue();
    }

    @Test
    void unreadableMessagesAreRejected() {
        byte[] good = Envelope.encode(1, 1, 0, false, "1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Envelope.decode(new byte[3])).hasMessageContaining("too short");
        byte[] otherVersion = good.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> Envelope.decode(otherVersion)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> Envelope.decode(Envelope.encode(1, 1, -1, false, new byte[] {'1'})))
                .hasMessageContaining("negative offset");
        assertThatThrownBy(() -> Envelope.decode(Envelope.encode(1, 1, 0, false, new byte[0])))
                .hasMessageContaining("no payload");
        assertThat(Envelope.origin(new byte[3])).isZero();
    }

    @Test
    void classicNamesArePrefixed() {
        ChannelNames names = new ChannelNames("sb", false, 16);
        assertThat(names.redisName("news")).isEqualTo("sb:news");
        assertThat(names.channel("sb:news")).isEqualTo("news");
        assertThat(names.channel("sb:#sio/chat")).isEqualTo("#sio/chat");
        assertThat(names.channel("other:news")).isNull();
    }

    @Test
    void shardedNamesCarryTheirPartitionAsHashTag() {
        ChannelNames names = new ChannelNames("sb", true, 16);
        assertThat(ChannelNames.fnv1a(new byte[0])).isEqualTo(0x811c9dc5);
        assertThat(ChannelNames.fnv1a("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xe40c292c);
        assertThat(names.partition("a")).isEqualTo(Integer.remainderUnsigned(0xe40c292c, 16));
        for (String channel : new String[] {"news", "x}:y", "{tag}", "#sio/", "\u2603", ""}) {
            String redis = names.redisName(channel);
            assertThat(redis).startsWith("sb:{" + names.partition(channel) + "}:");
            assertThat(names.channel(redis)).isEqualTo(channel);
            assertThat(names.partitionOf(redis)).isEqualTo(names.partition(channel));
        }
        assertThat(names.channel("sb:news")).isNull();
        assertThat(new ChannelNames("sb", true, 1).partition("anything")).isZero();
    }
}
