package dev.switchboard.server;

/** The {@link Ack} of an event whose sender asked for no acknowledgement: sending does nothing. */
enum NoAck implements Ack {
    INSTANCE;

    @Override
    public boolean requested() {
        return false;
    }

    @Override
    public void send(Object... args) {}
}
