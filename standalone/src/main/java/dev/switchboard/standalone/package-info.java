/**
 * The runnable Switchboard server ({@code scripts/run}, {@code java -jar switchboard-standalone.jar}):
 * a picocli command ({@link dev.switchboard.standalone.Main}) whose every option also reads a {@code
 * SWITCHBOARD_*} environment variable, text or JSON logs, Prometheus metrics at {@code /metrics},
 * graceful shutdown on SIGTERM, and the demo application (an {@code echo} procedure, a {@code fail}
 * procedure, free channels, and a Socket.IO chat with rooms) so a newcomer can try the official
 * clients at once.
 */
package dev.switchboard.standalone;
