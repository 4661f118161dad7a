package dev.switchboard.client;

import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.ServerSocket;
import dev.switchboard.server.SwitchboardServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Switchboard's server in its own JVM for {@link ClientSoakTest}, so the test JVM's heap holds only
 * clients. Prints {@code LISTENING <port>}; reads commands on stdin, one per line:
 * {@code restart} (close, start again on the same port, print {@code LISTENING <port>}),
 * {@code publish <channel> <text>} (print {@code PUBLISHED}), {@code subscribers <channel>}
 * (print {@code SUBSCRIBERS <n>}), {@code quit}. Exits when stdin closes.
 */
public final class SoakServerMain {
    private SoakServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0)
                // A short ping timeout bounds how long a client may sit on a half-open connection (see the
                // note on restarts in ClientSoakTest).
                .pingInterval(Duration.ofSeconds(2)).pingTimeout(Duration.ofSeconds(5)).build();
        SwitchboardServer server = SwitchboardServer.create(options).start();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.strip().split(" ", 3);
            switch (parts[0]) {
                case "restart" -> {
                    int port = server.port();
                    server.close();
                    server = SwitchboardServer.create(options.toBuilder().port(port).build()).start();
                    System.out.println("LISTENING " + server.port());
                }
                case "publish" -> {
                    server.exchange().invokePublish(parts[1], parts[2]).join();
                    System.out.println("PUBLISHED");
                }
                case "subscribers" -> {
                    long n = 0;
                    for (ServerSocket s : server.clients()) {
                        if (s.isSubscribed(parts[1])) {
                            n++;
                        }
                    }
                    System.out.println("SUBSCRIBERS " + n);
                }
                case "quit" -> {
                    server.close();
                    return;
                }
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
        server.close();
    }
}
