package dev.switchboard.server.sio;

import java.util.Arrays;
import java.util.Base64;

/** One Engine.IO packet as a client received it: a text packet (type digit first) or binary data. */
record Frame(String text, byte[] binary) {
    static Frame text(String text) {
        return new Frame(text, null);
    }

    static Frame binary(byte[] data) {
        return new Frame(null, data);
    }

    /** Decodes one element of a polling payload: {@code b<base64>} is binary, anything else text. */
    static Frame ofPollingElement(String element) {
        return element.startsWith("b") ? binary(Base64.getDecoder().decode(element.substring(1))) : text(element);
    }

    boolean isBinary() {
        return binary != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && java.util.Objects.equals(text, f.text) && Arrays.equals(binary, f.binary);
    }

    @Override
    public int hashCode() {
        return text != null ? text.hashCode() : Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return isBinary() ? "binary" + Arrays.toString(binary) : "text[" + text + "]";
    }
}
