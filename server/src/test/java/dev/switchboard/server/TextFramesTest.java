package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextFramesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{\"rid\":1,\"data\":\"hello\"}",
        "caf\u00e9 \u00fc\u00df", // two-byte sequences
        "\u20ac \u4e2d\u6587", // three-byte sequences
        "\ud83d\ude00 emoji", // a surrogate pair: one four-byte sequence
        "lone \ud800 high and \udc00 low surrogates",
        "ends with a lone high surrogate \ud83d",
    })
    void encodesTheSameBytesAsNetty(String text) {
        TextWebSocketFrame ours = TextFrames.of(text);
        TextWebSocketFrame netty = new TextWebSocketFrame(text);
        try {
            assertThat(ByteBufUtil.getBytes(ours.content())).isEqualTo(ByteBufUtil.getBytes(netty.content()));
            assertThat(ours.isFinalFragment()).isTrue();
        } finally {
            ours.release();
            netty.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"event\":\"echo\"}", "\u00e9\u20ac\ud83d\ude00"})
    void decodesBackToTheSameText(String text) {
        TextWebSocketFrame frame = TextFrames.of(text);
        try {
            assertThat(frame.text()).isEqualTo(text);
        } finally {
            frame.release();
        }
    }
}
