package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The events a {@link SwitchboardClient} emits, as typed keys and records; names match SocketCluster's
 * client events. Listen with {@code client.listener(ClientEvents.CONNECT)}; channel events also with
 * {@code channel.listener(ClientEvents.SUBSCRIBE)}.
 *
 * <p>An event only reaches consumers that exist when it is emitted: create the consumer first
 * ({@code var connects = client.listener(ClientEvents.CONNECT).createConsumer();}), then cause the event.
 * Events of one client are emitted in the order they happened, from the client's internal threads;
 * consume them on your own (virtual) threads. Records are immutable. Each listener consumer buffers the
 * events it has not consumed yet, without bound: close consumers you stop reading.
 */
public final class ClientEvents {
    private ClientEvents() {
    }

    /** Every client event record. */
    public sealed interface ClientEvent permits Connecting, Connect, Close, Failure, Message, Subscribe,
            SubscribeRequest, SubscribeFail, Unsubscribe, SubscribeStateChange, KickOut, Authenticate, Deauthenticate,
            AuthStateChange, RemoveAuthToken {
    }

    /** A connection attempt started. */
    public record Connecting() implements ClientEvent {
    }

    /**
     * The handshake completed.
     *
     * @param id              the socket id the server assigned
     * @param pingTimeout     the server's ping timeout, now the client's dead-link limit
     * @param isAuthenticated whether the server accepted the stored token
     * @param authError       why the stored token was refused, if it was
     * @param authToken       the signed token sent with the handshake, if any
     */
    public record Connect(String id, Duration pingTimeout, boolean isAuthenticated, Optional<RemoteException> authError,
            Optional<String> authToken) implements ClientEvent {
        public Connect {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(pingTimeout, "pingTimeout");
            Objects.requireNonNull(authError, "authError");
            Objects.requireNonNull(authToken, "authToken");
        }
    }

    /** A connection ended: {@code disconnect} (after the handshake), {@code connectAbort} (before), {@code close} (both). */
    public record Close(int code, String reason) implements ClientEvent {
        public Close {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Something went wrong: a {@link SocketProtocolException}, a handshake error, a token store failure. */
    public record Failure(Throwable error) implements ClientEvent {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Every inbound frame as text ({@code message}), including pings; or a frame that is not an envelope ({@code raw}). */
    public record Message(String message) implements ClientEvent {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The server confirmed a subscription. */
    public record Subscribe(String channel, SubscribeOptions options) implements ClientEvent {
        public Subscribe {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(options, "options");
        }
    }

    /** A {@code #subscribe} was sent. */
    public record SubscribeRequest(String channel, SubscribeOptions options) implements ClientEvent {
        public SubscribeRequest {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(options, "options");
        }
    }

    /** The server refused a subscription; the channel is {@link ChannelState#UNSUBSCRIBED}. */
    public record SubscribeFail(String channel, RemoteException error, SubscribeOptions options) implements ClientEvent {
        public SubscribeFail {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(options, "options");
        }
    }

    /** A subscribed channel stopped being subscribed (unsubscribe, kick-out or disconnect). */
    public record Unsubscribe(String channel) implements ClientEvent {
        public Unsubscribe {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /** A channel's state changed to or from {@link ChannelState#SUBSCRIBED}. */
    public record SubscribeStateChange(String channel, ChannelState oldState, ChannelState newState)
            implements ClientEvent {
        public SubscribeStateChange {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(oldState, "oldState");
            Objects.requireNonNull(newState, "newState");
        }
    }

    /** The server removed this client from a channel ({@code #kickOut}); the channel is unsubscribed. */
    public record KickOut(String channel, Payload message) implements ClientEvent {
        public KickOut {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The client got or confirmed a token. */
    public record Authenticate(String signedAuthToken, Map<String, Object> authToken) implements ClientEvent {
        public Authenticate {
            Objects.requireNonNull(signedAuthToken, "signedAuthToken");
            authToken = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                    Objects.requireNonNull(authToken, "authToken")));
        }
    }

    /** The client dropped its token. */
    public record Deauthenticate(Optional<String> oldSignedAuthToken, Optional<Map<String, Object>> oldAuthToken)
            implements ClientEvent {
        public Deauthenticate {
            Objects.requireNonNull(oldSignedAuthToken, "oldSignedAuthToken");
            Objects.requireNonNull(oldAuthToken, "oldAuthToken");
        }
    }

    /** {@link SwitchboardClient#authState()} changed. */
    public record AuthStateChange(AuthState oldState, AuthState newState, Optional<String> signedAuthToken,
            Optional<Map<String, Object>> authToken) implements ClientEvent {
        public AuthStateChange {
            Objects.requireNonNull(oldState, "oldState");
            Objects.requireNonNull(newState, "newState");
            Objects.requireNonNull(signedAuthToken, "signedAuthToken");
            Objects.requireNonNull(authToken, "authToken");
        }
    }

    /** The stored token was removed from the {@link AuthTokenStore}. */
    public record RemoveAuthToken(Optional<String> oldAuthToken) implements ClientEvent {
        public RemoveAuthToken {
            Objects.requireNonNull(oldAuthToken, "oldAuthToken");
        }
    }

    /** A connection attempt started. */
    public static final ClientEventKey<Connecting> CONNECTING = key("connecting", Connecting.class, false);
    /** The handshake completed. */
    public static final ClientEventKey<Connect> CONNECT = key("connect", Connect.class, false);
    /** An open connection ended. */
    public static final ClientEventKey<Close> DISCONNECT = key("disconnect", Close.class, false);
    /** A connection attempt failed before the handshake completed. */
    public static final ClientEventKey<Close> CONNECT_ABORT = key("connectAbort", Close.class, false);
    /** Any connection or attempt ended (after {@code disconnect} or {@code connectAbort}). */
    public static final ClientEventKey<Close> CLOSE = key("close", Close.class, false);
    /** Errors: abnormal closes, handshake errors, token store failures. */
    public static final ClientEventKey<Failure> ERROR = key("error", Failure.class, false);
    /** Every inbound frame, pings included. */
    public static final ClientEventKey<Message> MESSAGE = key("message", Message.class, false);
    /** Inbound frames that are not SocketCluster envelopes. */
    public static final ClientEventKey<Message> RAW = key("raw", Message.class, false);
    /** A subscription was confirmed. */
    public static final ClientEventKey<Subscribe> SUBSCRIBE = key("subscribe", Subscribe.class, true);
    /** A {@code #subscribe} was sent. */
    public static final ClientEventKey<SubscribeRequest> SUBSCRIBE_REQUEST = key("subscribeRequest",
            SubscribeRequest.class, false);
    /** A subscription was refused. */
    public static final ClientEventKey<SubscribeFail> SUBSCRIBE_FAIL = key("subscribeFail", SubscribeFail.class, true);
    /** A confirmed subscription ended. */
    public static final ClientEventKey<Unsubscribe> UNSUBSCRIBE = key("unsubscribe", Unsubscribe.class, true);
    /** A channel entered or left {@link ChannelState#SUBSCRIBED}. */
    public static final ClientEventKey<SubscribeStateChange> SUBSCRIBE_STATE_CHANGE = key("subscribeStateChange",
            SubscribeStateChange.class, true);
    /** The server removed the client from a channel. */
    public static final ClientEventKey<KickOut> KICK_OUT = key("kickOut", KickOut.class, true);
    /** A token was received or confirmed. */
    public static final ClientEventKey<Authenticate> AUTHENTICATE = key("authenticate", Authenticate.class, false);
    /** The token was dropped. */
    public static final ClientEventKey<Deauthenticate> DEAUTHENTICATE = key("deauthenticate", Deauthenticate.class,
            false);
    /** The auth state changed. */
    public static final ClientEventKey<AuthStateChange> AUTH_STATE_CHANGE = key("authStateChange",
            AuthStateChange.class, false);
    /** The token was removed from the store. */
    public static final ClientEventKey<RemoveAuthToken> REMOVE_AUTH_TOKEN = key("removeAuthToken",
            RemoveAuthToken.class, false);

    /** Every key, in declaration order. */
    public static final List<ClientEventKey<?>> ALL = List.of(CONNECTING, CONNECT, DISCONNECT, CONNECT_ABORT, CLOSE,
            ERROR, MESSAGE, RAW, SUBSCRIBE, SUBSCRIBE_REQUEST, SUBSCRIBE_FAIL, UNSUBSCRIBE, SUBSCRIBE_STATE_CHANGE,
            KICK_OUT, AUTHENTICATE, DEAUTHENTICATE, AUTH_STATE_CHANGE, REMOVE_AUTH_TOKEN);

    /** The key named {@code name}, e.g. {@code "connect"}. */
    public static Optional<ClientEventKey<?>> byName(String name) {
        Objects.requireNonNull(name, "name");
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    private static <E extends ClientEvent> ClientEventKey<E> key(String name, Class<E> type, boolean channelEvent) {
        return new ClientEventKey<>(name, type, channelEvent);
    }
}
