package dev.switchboard.standalone;

/** A setting that cannot work; its message is the one sentence shown to the user (exit code 2). */
final class ConfigException extends RuntimeException {
    ConfigException(String message) {
        super(message, null, false, false);
    }
}
