package dev.switchboard.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A socket's listeners of one kind: copy-on-write and lock-free, for lists that are read on every
 * packet and written a few times in a socket's life, usually never. Unlike {@code
 * CopyOnWriteArrayList} (an object, a lock object and an array each, about 56 bytes), an empty one is
 * 16 bytes and shares its array with every other, which matters for a socket that holds six of them
 * while it idles. Iteration sees the listeners as they were when it began.
 */
final class HandlerList<T> implements Iterable<T> {
    private static final Object[] EMPTY = {};
    private static final VarHandle ITEMS;

    static {
        try {
            ITEMS = MethodHandles.lookup().findVarHandle(HandlerList.class, "items", Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Object[] items = EMPTY;

    void add(T item) {
        while (true) {
            Object[] current = items;
            Object[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = item;
            if (ITEMS.compareAndSet(this, current, next)) {
                return;
            }
        }
    }

    boolean isEmpty() {
        return items.length == 0;
    }

    @Override
    public Iterator<T> iterator() {
        Object[] snapshot = items;
        return snapshot.length == 0 ? Collections.emptyIterator() : new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < snapshot.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (next >= snapshot.length) {
                    throw new NoSuchElementException();
                }
                return (T) snapshot[next++];
            }
        };
    }
}
