/**
 * JMH benchmarks for Switchboard. They run only when invoked explicitly, e.g.
 * {@code java -jar benchmarks/target/benchmarks.jar Stream -f 1 -wi 3 -w 1 -i 5 -r 1}; a Maven build
 * merely compiles them and shades {@code benchmarks/target/benchmarks.jar}.
 */
package dev.switchboard.benchmarks;
