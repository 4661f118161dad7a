/**
 * Streams: SocketCluster's writable-consumable-stream, stream-demux and async-stream-emitter on
 * virtual threads. A {@link dev.switchboard.core.stream.WritableStream} fans every write out to all
 * live consumers; a consumer is a blocking {@link java.util.Iterator} meant to run on a virtual thread.
 *
 * <p><b>The consumer rule: create the consumer before anything you must not miss is written.</b>
 * A consumer buffers from the moment it is created and never sees earlier writes.
 * <pre>{@code
 * // Good: everything written from here on is kept, even while we are busy.
 * var consumer = stream.createConsumer();
 * authenticate();                       // writes made meanwhile are buffered
 * for (var message : consumer) handle(message);
 *
 * // Bad: the for-each creates its consumer only when the loop starts,
 * // so whatever was written during authenticate() is lost.
 * authenticate();
 * for (var message : stream) handle(message);
 * }</pre>
 * A consumer is for one loop; leaving a loop early should {@code close()} it (try-with-resources),
 * otherwise it keeps buffering until the stream closes or kills it.
 *
 * <p>{@link dev.switchboard.core.stream.ConsumableStream#handle} is the callback form of a consumer:
 * same buffering and order, but its virtual thread exists only while items wait, so an idle handler
 * costs no thread.
 *
 * <p>Nothing here blocks writers, holds a monitor while waiting, or needs a platform thread per
 * consumer. Items, names and end values are never null.
 */
package dev.switchboard.core.stream;
