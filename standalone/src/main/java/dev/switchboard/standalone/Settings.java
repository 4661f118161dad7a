package dev.switchboard.standalone;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.spi.Broker;
import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.redis.RedisBroker;
import dev.switchboard.redis.RedisBrokerOptions;
import dev.switchboard.server.HttpApiOptions;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SocketIoOptions;
import dev.switchboard.server.auth.AuthAlgorithm;
import dev.switchboard.server.auth.AuthOptions;
import dev.switchboard.server.auth.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checked configuration of a standalone server, made from the parsed command line. Every bad value
 * becomes a {@link ConfigException} whose message names the option, in one sentence; a Redis broker that
 * cannot be reached is a {@link BrokerException} (the start fails, exit code 1).
 *
 * @param options the server's options
 * @param metrics serve {@code /metrics}
 * @param demo    install {@link DemoApp}
 */
record Settings(ServerOptions options, boolean metrics, boolean demo) {

    static Settings from(Main m) {
        if (m.port < 0 || m.port > 65535) {
            throw new ConfigException("--port must be between 0 and 65535, not " + m.port);
        }
        if (!m.scPath.startsWith("/")) {
            throw new ConfigException("--sc-path must start with '/', not '" + m.scPath + "'");
        }
        if (!m.sioPath.startsWith("/") || !m.sioPath.endsWith("/")) {
            throw new ConfigException("--sio-path must start and end with '/', not '" + m.sioPath + "'");
        }
        try {
            ServerOptions options = ServerOptions.builder()
                    .host(m.host).port(m.port).path(m.scPath)
                    .origins(m.origins == null ? List.of() : m.origins.stream().map(String::trim).toList())
                    .pingInterval(m.pingInterval).pingTimeout(m.pingTimeout)
                    .maxPayload(m.maxPayload).outboundBufferLimit(m.outboundBufferLimit)
                    .auth(auth(m))
                    .socketIo(SocketIoOptions.builder().enabled(m.socketIo).path(m.sioPath)
                            .pingInterval(m.sioPingInterval).pingTimeout(m.sioPingTimeout)
                            .maxHttpBufferSize(m.maxHttpBufferSize).cookie(cookie(m.sioCookie)).build())
                    .httpApi(HttpApiOptions.builder().apiKeys(apiKeys(m)).sseHeartbeat(m.sseHeartbeat)
                            .maxBodyBytes(m.maxApiBody).build())
                    .build();
            // Last, once everything else is valid: a Redis broker connects here (BrokerException if it cannot).
            Broker broker = broker(m.broker, b -> b.mode(m.redisMode).socketIoKey(m.sioRedisKey)
                    .requestTimeout(m.clusterRequestTimeout));
            return new Settings(options.toBuilder().broker(broker).build(), m.metrics, m.demo);
        } catch (BrokerException e) {
            throw e; // not a bad value: the start fails (exit code 1)
        } catch (IllegalArgumentException | SwitchboardException e) {
            throw new ConfigException("Invalid configuration: " + e.getMessage());
        }
    }

    /** {@code memory}, or a {@link RedisBroker} connected to the URI (throws {@link BrokerException} if it cannot). */
    static Broker broker(String spec, RedisBrokerOptions.Mode mode) {
        return broker(spec, b -> b.mode(mode));
    }

    /** A cookie name as RFC 6265 allows it (a token), or empty for none. */
    static String cookie(String name) {
        if (!name.isEmpty() && !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new ConfigException("--sio-cookie must be a cookie name (letters, digits and !#$%&'*+.^_`|~-), not '"
                    + name + "'");
        }
        return name;
    }

    /** {@code memory}, or a {@link RedisBroker} on the URI with {@code settings} applied to its options. */
    static Broker broker(String spec, java.util.function.UnaryOperator<RedisBrokerOptions.Builder> settings) {
        String s = spec.trim();
        if (s.equalsIgnoreCase("memory")) {
            return Broker.inMemory();
        }
        if (s.startsWith("redis://") || s.startsWith("rediss://")) {
            RedisBrokerOptions options;
            try {
                options = settings.apply(RedisBrokerOptions.builder(s)).build();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--broker is not a usable Redis URI: " + e.getMessage());
            }
            return RedisBroker.create(options);
        }
        throw new ConfigException("--broker must be 'memory' or a redis:// URI, not '" + spec + "'");
    }

    private static AuthOptions auth(Main m) {
        AuthAlgorithm algorithm = m.authAlgorithm == null ? null
                : AuthAlgorithm.of(m.authAlgorithm.trim().toUpperCase(Locale.ROOT)).orElseThrow(() -> new ConfigException(
                        "--auth-algorithm must be one of HS256..512, RS256..512, PS256..512 or ES256..512, not '"
                                + m.authAlgorithm + "'"));
        boolean secret = m.authKey != null || m.authKeyFile != null;
        boolean pair = m.authPrivateKey != null || m.authPublicKey != null;
        if (m.authKey != null && m.authKeyFile != null) {
            throw new ConfigException("Give --auth-key or --auth-key-file, not both");
        }
        if (secret && pair) {
            throw new ConfigException("Give a shared secret (--auth-key) or a key pair (--auth-private-key and"
                    + " --auth-public-key), not both");
        }
        AuthOptions.Builder auth = AuthOptions.builder();
        if (secret) {
            String key = m.authKey != null ? m.authKey : read(m.authKeyFile, "--auth-key-file").strip();
            if (key.isEmpty()) {
                throw new ConfigException("The auth key is empty");
            }
            auth.secret(key);
        } else if (pair) {
            if (m.authPrivateKey == null || m.authPublicKey == null) {
                throw new ConfigException("--auth-private-key and --auth-public-key go together");
            }
            auth.keyPair(PemKeys.privateKey(read(m.authPrivateKey, "--auth-private-key")),
                    PemKeys.publicKey(read(m.authPublicKey, "--auth-public-key")));
        }
        if (algorithm != null) {
            auth.algorithm(algorithm);
        }
        return auth.build();
    }

    private static List<String> apiKeys(Main m) {
        List<String> keys = new ArrayList<>();
        if (m.apiKeys != null) {
            m.apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).forEach(keys::add);
        }
        if (m.apiKeyFile != null) {
            read(m.apiKeyFile, "--api-key-file").lines().map(String::strip)
                    .filter(k -> !k.isEmpty() && !k.startsWith("#")).forEach(keys::add);
        }
        for (String key : keys) {
            if (key.length() < 16) {
                throw new ConfigException("API keys must be at least 16 characters long");
            }
        }
        return keys;
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(option + " cannot be read: " + file);
        }
    }
}
