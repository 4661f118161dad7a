/**
 * The Switchboard server on Netty: SocketCluster's protocol at {@code /socketcluster/}.
 *
 * <p>Start with {@link dev.switchboard.server.SwitchboardServer#create} and {@link
 * dev.switchboard.server.ServerOptions#builder()}. The public types here are interfaces, records and
 * enums; package-private classes implement them. Netty's event loops only move bytes: each socket's
 * packets are handled in order on a virtual thread (a {@code SerialExecutor} per socket), and publications are encoded once
 * and shared by every subscriber ({@code ChannelHub}, {@code SharedFrame}).
 */
package dev.switchboard.server;
