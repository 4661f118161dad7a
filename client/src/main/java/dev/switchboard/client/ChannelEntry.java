package dev.switchboard.client;

/** Package-internal: one entry of the client's channel map. Guarded by the client's lock. */
final class ChannelEntry {
    final String name;
    SubscribeOptions options;
    ChannelState state = ChannelState.PENDING;
    long pendingCid;

    ChannelEntry(String name, SubscribeOptions options) {
        this.name = name;
        this.options = options;
    }
}
