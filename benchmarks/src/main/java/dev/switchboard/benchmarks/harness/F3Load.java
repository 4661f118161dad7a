package dev.switchboard.benchmarks.harness;

/**
 * F3's offered load: the rate at which socket.io keeps about 70% of its core busy at the same N, as the
 * issue's F3 target reads. The first guess is 70% of socket.io's closed-loop F1 rate, but socket.io pays
 * more per delivery below saturation (fewer frames per write), so at that guess it measured 0.81 to 1.00 of
 * its core on the AMD machine and 0.91 on the Intel one. {@link #calibrate} therefore measures socket.io at
 * the guess and scales the rate by 0.70 / measured cores, at most {@link #MAX_STEPS} times, and keeps the
 * measured rate whose cores came nearest 0.70. Every server then gets that one rate.
 */
final class F3Load {
    static final double TARGET_CORES = 0.70;
    /** A measured rate within this many cores of the target is taken as it is. */
    static final double TOLERANCE = 0.05;
    static final int MAX_STEPS = 3;

    private F3Load() {}

    /**
     * The load every server gets. {@code socketIoCores} is what socket.io used at exactly that rate during
     * calibration, NaN when it could not be measured ({@code steps} 0: the guess is used as it is).
     */
    record Load(double deliveries, double socketIoCores, int steps, double guess) {}

    /** Measures socket.io's busy cores at an offered load in deliveries per second; NaN when it fails. */
    @FunctionalInterface
    interface Probe {
        double cores(double deliveries);
    }

    /**
     * A load given on the command line ({@code --f3-load}), for comparing servers or generator transports
     * at one rate without a calibration's spread between runs: no socket.io reading, {@code steps} 0.
     */
    static Load given(double deliveries) {
        if (!(deliveries > 0) || Double.isInfinite(deliveries)) {
            throw new IllegalArgumentException("--f3-load must be a positive number of deliveries per second: " + deliveries);
        }
        return new Load(deliveries, Double.NaN, 0, deliveries);
    }

    static Load calibrate(double guess, Probe probe) {
        double rate = guess;
        Load best = new Load(guess, Double.NaN, 0, guess);
        for (int step = 1; step <= MAX_STEPS; step++) {
            double cores = probe.cores(rate);
            if (!(cores > 0)) {
                break;
            }
            if (best.steps() == 0 || Math.abs(cores - TARGET_CORES) < Math.abs(best.socketIoCores() - TARGET_CORES)) {
                best = new Load(rate, cores, step, guess);
            }
            if (Math.abs(cores - TARGET_CORES) <= TOLERANCE) {
                break;
            }
            // Proportional step; bounded so one noisy reading (a stall at 1.00 cores) cannot send it far.
            rate = rate * Math.min(2.0, Math.max(0.5, TARGET_CORES / cores));
        }
        return best;
    }
}
