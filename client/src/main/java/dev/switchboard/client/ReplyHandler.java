package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;

/** Package-internal: where the reply of an invoke goes; called under the client's lock, must not block. */
interface ReplyHandler {
    void onReply(Payload data);

    void onError(RemoteException error);
}
