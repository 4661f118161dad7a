package dev.switchboard.client;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Package-private: {@link AuthTokenStore#file(Path)}, a properties file rewritten atomically. */
final class FileAuthTokenStore implements AuthTokenStore {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock lock;

    FileAuthTokenStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.lock = LOCKS.computeIfAbsent(this.file, f -> new ReentrantLock());
    }

    @Override
    public Optional<String> load(String name) throws IOException {
        lock.lock();
        try {
            return Optional.ofNullable(read().getProperty(name));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void save(String name, String token) throws IOException {
        lock.lock();
        try {
            Properties p = read();
            p.setProperty(name, token);
            write(p);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> remove(String name) throws IOException {
        lock.lock();
        try {
            Properties p = read();
            Object old = p.remove(name);
            if (old != null) {
                write(p);
            }
            return Optional.ofNullable((String) old);
        } finally {
            lock.unlock();
        }
    }

    private Properties read() throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    private void write(Properties p) throws IOException {
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Best effort on non-POSIX file systems.
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Switchboard client auth tokens");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return "FileAuthTokenStore[" + file + "]";
    }
}
