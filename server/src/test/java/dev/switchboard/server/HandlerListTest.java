package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HandlerListTest {
    @Test
    void keepsInsertionOrderAndIteratesASnapshot() {
        HandlerList<String> list = new HandlerList<>();
        assertThat(list.isEmpty()).isTrue();
        assertThat(list.iterator().hasNext()).isFalse();
        list.add("a");
        list.add("b");
        Iterator<String> before = list.iterator();
        list.add("c");
        List<String> seen = new ArrayList<>();
        before.forEachRemaining(seen::add);
        assertThat(seen).as("an iteration sees the list as it began").containsExactly("a", "b");
        assertThat(list).containsExactly("a", "b", "c");
        assertThat(list.isEmpty()).isFalse();
        assertThatThrownBy(before::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void concurrentAddsAreAllKept() throws Exception {
        HandlerList<Integer> list = new HandlerList<>();
        int threads = 8;
        int each = 500;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            started.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    list.add(base + i);
                }
            }));
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
        List<Integer> all = new ArrayList<>();
        list.forEach(all::add);
        assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
    }
}
