package dev.switchboard.benchmarks.harness;

/**
 * One fan-out data point.
 *
 * @param scenario     F1, F2, F3 or B1
 * @param point        label for reports
 * @param subscribers  subscriber connections (the publisher is one more)
 * @param groupSize    0: everyone in the single room {@code room}; k: each connection joins a personal
 *                     room and one of N/k group rooms, and publishes alternate between the two kinds
 * @param size         payload bytes
 * @param rate         publishes per second (open loop); 0 means closed loop at saturation
 * @param outstanding  closed loop: most deliveries in flight (published but not yet received)
 * @param warmup       seconds before the measured window
 * @param measure      seconds measured
 * @param stallOne     B1: one subscriber stops reading after warm-up + measure, then a second window runs
 */
record FanOutSpec(String scenario, String point, int subscribers, int groupSize, int size, double rate,
        int outstanding, double warmup, double measure, boolean stallOne) {}
