/**
 * The Engine.IO v4 wire format (the transport layer under Socket.IO 4.x), in pure Java.
 *
 * <p>A packet is a type digit ({@code 0} open … {@code 6} noop) followed by optional text; binary
 * messages travel as raw WebSocket binary frames, or as {@code b<base64>} elements in a long-polling
 * payload, whose packets are separated by the record separator U+001E. {@link
 * dev.switchboard.protocol.eio.EioCodec} encodes and decodes both transports' framing, the open
 * packet and the HTTP error bodies; decoding rejects anything malformed with {@link
 * dev.switchboard.protocol.eio.EioParseException}, after which the server closes the session.
 */
package dev.switchboard.protocol.eio;
