package dev.switchboard.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Package-internal: turns transport failures into the short texts of the client's error messages. */
final class FailureText {
    private FailureText() {
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** {@code ConnectException: Connection refused}, with the root cause when it says more. */
    static String describe(Throwable error) {
        StringBuilder sb = new StringBuilder(error.getClass().getSimpleName());
        if (error.getMessage() != null && !error.getMessage().isBlank()) {
            sb.append(": ").append(error.getMessage());
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            sb.append(" (caused by ").append(root.getClass().getSimpleName());
            if (root.getMessage() != null && !root.getMessage().isBlank()) {
                sb.append(": ").append(root.getMessage());
            }
            sb.append(')');
        }
        return sb.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
