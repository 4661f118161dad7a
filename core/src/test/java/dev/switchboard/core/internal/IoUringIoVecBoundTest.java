package dev.switchboard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The io_uring iovec bound: set to IOV_MAX for Netty unless the user chose a value. */
class IoUringIoVecBoundTest {
    private static final String PROPERTY = "io.netty.iouring.numElementsIoVec";
    private final String before = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void boundsTheIovecArrayToIovMax() {
        System.clearProperty(PROPERTY);
        IoUringIoVecBound.apply();
        assertThat(System.getProperty(PROPERTY)).isEqualTo("1024");
    }

    @Test
    void keepsAValueTheUserSet() {
        System.setProperty(PROPERTY, "2048");
        IoUringIoVecBound.apply();
        assertThat(System.getProperty(PROPERTY)).isEqualTo("2048");
    }
}
