/**
 * The SocketCluster wire protocol (v1 and v2): packet model and JSON envelope codec, in pure Java.
 *
 * <p>Envelopes are {@code {"event","data","cid"}} for events and calls and {@code {"rid","data","error"}}
 * for replies; a frame may carry a JSON array of them (a batch). Anything else is a raw message, which
 * includes the ping and pong frames ({@code ""} in v2, {@code #1}/{@code #2} in v1). Decoding never
 * throws on frame content: what is not an envelope comes back as {@link
 * dev.switchboard.protocol.sc.ScPacket.Raw}.
 */
package dev.switchboard.protocol.sc;
