/**
 * The Switchboard server on Netty: SocketCluster's protocol at {@code /socketcluster/}.
 *
 * <p>Start with {@link dev.switchboard.server.SwitchboardServer#create} and {@link
 * dev.switchboard.server.ServerOptions#builder()}. The public types here are interfaces, records and
 * enums; package-private classes implement them. Netty's event loops never run user code: each socket's
 * packets are handled in order on a virtual thread (a {@code SerialExecutor} per socket; pongs and small
 * calls without inbound middleware run on the loop when nothing is queued), and publications are encoded
 * once and shared by every subscriber ({@code ChannelHub}, {@code SharedFrame}, {@code Fanout}), written
 * from the WebSocket encoder's context and flushed once per channel per loop pass ({@code WireOut},
 * {@code LoopFlusher}).
 */
package dev.switchboard.server;
