package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.protocol.sc.ScCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Package-internal: the client's channel subscriptions, SocketCluster's channel state machine: pending
 * until subscribed (after each handshake, by priority, once authenticated when {@code waitForAuth}),
 * back to pending when the connection ends, gone after an unsubscribe, a kick-out or a refusal.
 * Guarded by the client's lock.
 */
final class ChannelSubscriptions {
    private final ClientCore core;
    private final ChannelWire wire;
    private final ChannelStreams streams = new ChannelStreams();

    // ---- guarded by the lock ----
    private final LinkedHashMap<String, ChannelEntry> channels = new LinkedHashMap<>();
    private boolean preparingPendingSubscriptions;

    ChannelSubscriptions(ClientCore core) {
        this.core = core;
        this.wire = new ChannelWire(core.options.channelPrefix());
    }

    ChannelStreams streams() {
        return streams;
    }

    ClientChannel subscribe(String channel, SubscribeOptions subscribeOptions) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(subscribeOptions, "options");
        core.lock.lock();
        try {
            core.checkNotTerminated();
            ChannelEntry entry = channels.get(channel);
            if (entry == null) {
                entry = new ChannelEntry(channel, subscribeOptions);
                channels.put(channel, entry);
                trySubscribe(entry);
            } else {
                entry.options = subscribeOptions;
            }
        } finally {
            core.lock.unlock();
        }
        return new ChannelHandle(this, channel);
    }

    void unsubscribe(String channel) {
        Objects.requireNonNull(channel, "channel");
        core.lock.lock();
        try {
            ChannelEntry entry = channels.get(channel);
            if (entry != null) {
                boolean tellServer = entry.state == ChannelState.SUBSCRIBED || entry.pendingCid != 0;
                triggerChannelUnsubscribe(entry, false);
                if (tellServer && core.state == ClientState.OPEN) {
                    core.connection.send(ScCodec.transmit("#unsubscribe", Payload.of(wire.decorate(channel))));
                }
            }
        } finally {
            core.lock.unlock();
        }
    }

    ClientChannel channel(String channel) {
        return new ChannelHandle(this, Objects.requireNonNull(channel, "channel"));
    }

    List<String> subscriptions(boolean includePending) {
        core.lock.lock();
        try {
            List<String> names = new ArrayList<>();
            channels.values().forEach(c -> {
                if (includePending || c.state == ChannelState.SUBSCRIBED) {
                    names.add(c.name);
                }
            });
            return List.copyOf(names);
        } finally {
            core.lock.unlock();
        }
    }

    boolean isSubscribed(String channel, boolean includePending) {
        return readEntry(channel, entry -> entry != null && (includePending || entry.state == ChannelState.SUBSCRIBED));
    }

    ChannelState channelState(String channel) {
        return readEntry(channel, entry -> entry == null ? ChannelState.UNSUBSCRIBED : entry.state);
    }

    SubscribeOptions channelOptions(String channel) {
        return readEntry(channel, entry -> entry == null ? SubscribeOptions.defaults() : entry.options);
    }

    /** Reads the channel's entry (null when the client has no such channel) under the lock. */
    private <T> T readEntry(String channel, Function<ChannelEntry, T> read) {
        return core.locked(() -> read.apply(channels.get(channel)));
    }

    /** The channels, for the end of a connection; the caller holds the lock. */
    Collection<ChannelEntry> entries() {
        return channels.values();
    }

    /** How many channels there are, pending ones included; the caller holds the lock. */
    int size() {
        return channels.size();
    }

    // ---- subscribing ----

    /** A handshake completed: hold pending subscriptions until the auth state is known. */
    void startPreparingPending() {
        preparingPendingSubscriptions = true;
    }

    boolean isPreparingPending() {
        return preparingPendingSubscriptions;
    }

    void processPendingSubscriptions() {
        core.lock.lock();
        try {
            processPendingSubscriptionsLocked();
        } finally {
            core.lock.unlock();
        }
    }

    void processPendingSubscriptionsLocked() {
        preparingPendingSubscriptions = false;
        List<ChannelEntry> pendingChannels = new ArrayList<>();
        for (ChannelEntry entry : channels.values()) {
            if (entry.state == ChannelState.PENDING) {
                pendingChannels.add(entry);
            }
        }
        // Stable: equal priorities keep subscription order.
        pendingChannels.sort(Comparator.comparingInt((ChannelEntry c) -> c.options.priority()).reversed());
        pendingChannels.forEach(this::trySubscribe);
    }

    private void trySubscribe(ChannelEntry entry) {
        boolean meetsAuth = !entry.options.waitForAuth() || core.auth.isAuthenticated();
        if (core.state != ClientState.OPEN || preparingPendingSubscriptions || entry.pendingCid != 0 || !meetsAuth) {
            return;
        }
        SubscribeOptions sent = entry.options;
        Payload request = wire.subscribeRequest(entry.name, sent);
        Connection conn = core.connection;
        Call call = new Call("#subscribe", request, new ReplyHandler() {
            @Override
            public void onReply(Payload data) {
                entry.pendingCid = 0;
                triggerChannelSubscribe(entry, sent);
            }

            @Override
            public void onError(RemoteException error) {
                if (error instanceof BadConnectionException) {
                    return; // stays pending; resubscribed after the reconnect
                }
                entry.pendingCid = 0;
                triggerChannelSubscribeFail(error, entry, sent);
            }
        });
        core.calls.send(conn, call);
        entry.pendingCid = call.cid;
        core.emit(ClientEvents.SUBSCRIBE_REQUEST, new ClientEvents.SubscribeRequest(entry.name, sent));
    }

    private void triggerChannelSubscribe(ChannelEntry entry, SubscribeOptions sent) {
        if (entry.state == ChannelState.SUBSCRIBED || channels.get(entry.name) != entry) {
            return;
        }
        ChannelState old = entry.state;
        entry.state = ChannelState.SUBSCRIBED;
        var change = new ClientEvents.SubscribeStateChange(entry.name, old, ChannelState.SUBSCRIBED);
        var subscribe = new ClientEvents.Subscribe(entry.name, sent);
        streams.writeEvent(entry.name, ClientEvents.SUBSCRIBE_STATE_CHANGE, change);
        streams.writeEvent(entry.name, ClientEvents.SUBSCRIBE, subscribe);
        core.emit(ClientEvents.SUBSCRIBE_STATE_CHANGE, change);
        core.emit(ClientEvents.SUBSCRIBE, subscribe);
    }

    private void triggerChannelSubscribeFail(RemoteException error, ChannelEntry entry, SubscribeOptions sent) {
        boolean meetsAuth = !entry.options.waitForAuth() || core.auth.isAuthenticated();
        if (channels.get(entry.name) == entry && meetsAuth) {
            channels.remove(entry.name);
            entry.state = ChannelState.UNSUBSCRIBED;
            var fail = new ClientEvents.SubscribeFail(entry.name, error, sent);
            streams.writeEvent(entry.name, ClientEvents.SUBSCRIBE_FAIL, fail);
            core.emit(ClientEvents.SUBSCRIBE_FAIL, fail);
        }
    }

    /** Subscribed -> pending (disconnect) or unsubscribed (unsubscribe, kick-out); cancels an in-flight subscribe. */
    void triggerChannelUnsubscribe(ChannelEntry entry, boolean setAsPending) {
        if (entry.pendingCid != 0) {
            core.calls.cancel(entry.pendingCid);
            entry.pendingCid = 0;
        }
        ChannelState next = setAsPending ? ChannelState.PENDING : ChannelState.UNSUBSCRIBED;
        if (entry.state == ChannelState.SUBSCRIBED) {
            var change = new ClientEvents.SubscribeStateChange(entry.name, ChannelState.SUBSCRIBED, next);
            var unsubscribe = new ClientEvents.Unsubscribe(entry.name);
            streams.writeEvent(entry.name, ClientEvents.SUBSCRIBE_STATE_CHANGE, change);
            streams.writeEvent(entry.name, ClientEvents.UNSUBSCRIBE, unsubscribe);
            core.emit(ClientEvents.SUBSCRIBE_STATE_CHANGE, change);
            core.emit(ClientEvents.UNSUBSCRIBE, unsubscribe);
        }
        entry.state = next;
        if (!setAsPending) {
            channels.remove(entry.name);
        }
    }

    // ---- publishing and the server's channel events ----

    void transmitPublish(String channel, Object data) {
        Objects.requireNonNull(channel, "channel");
        core.outbound.transmit("#publish", wire.publication(channel, data), core.options.ackTimeout());
    }

    CompletableFuture<Payload> invokePublish(String channel, Object data) {
        Objects.requireNonNull(channel, "channel");
        return core.calls.invoke("#publish", wire.publication(channel, data), core.options.ackTimeout());
    }

    /** The server's {@code #publish}: to the channel's stream, if the client has the channel. */
    void onPublish(Payload data) {
        if (data.value().orElse(null) instanceof Map<?, ?> m && m.get("channel") instanceof String wireName) {
            String channel = wire.undecorate(wireName);
            if (channels.containsKey(channel)) {
                Payload published = m.containsKey("data") ? Payload.ofNullable(m.get("data")) : Payload.none();
                streams.writeData(channel, published);
            }
        }
    }

    /** The server's {@code #kickOut}: the channel is unsubscribed. */
    void onKickOut(Payload data) {
        if (data.value().orElse(null) instanceof Map<?, ?> m && m.get("channel") instanceof String wireName) {
            String channel = wire.undecorate(wireName);
            ChannelEntry entry = channels.get(channel);
            if (entry != null) {
                Payload message = m.containsKey("message") ? Payload.ofNullable(m.get("message")) : Payload.none();
                ClientEvents.KickOut kick = new ClientEvents.KickOut(channel, message);
                core.emit(ClientEvents.KICK_OUT, kick);
                streams.writeEvent(channel, ClientEvents.KICK_OUT, kick);
                triggerChannelUnsubscribe(entry, false);
            }
        }
    }
}
