package dev.switchboard.client;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Package-private: {@link AuthTokenStore#inMemory()}. */
final class InMemoryAuthTokenStore implements AuthTokenStore {
    private final ConcurrentHashMap<String, String> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<String> load(String name) {
        return Optional.ofNullable(tokens.get(name));
    }

    @Override
    public void save(String name, String token) {
        tokens.put(name, token);
    }

    @Override
    public Optional<String> remove(String name) {
        return Optional.ofNullable(tokens.remove(name));
    }

    @Override
    public String toString() {
        return "InMemoryAuthTokenStore[" + tokens.size() + " token(s)]";
    }
}
