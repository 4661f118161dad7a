package dev.switchboard.core.stream;

/** Package-internal: the "by consumer id" operations, shared by stream and demux. */
final class Targets {
    private Targets() {
    }

    static <T> boolean close(Sink<T> sink, T endValue) {
        if (sink == null) {
            return false;
        }
        sink.closeWith(endValue);
        return true;
    }

    static <T> boolean kill(Sink<T> sink, T endValue) {
        if (sink == null) {
            return false;
        }
        sink.killWith(endValue);
        return true;
    }
}
