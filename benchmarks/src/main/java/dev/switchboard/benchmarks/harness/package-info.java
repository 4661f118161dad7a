/**
 * The cross-server benchmark harness: starts each server under test as a fresh pinned process per data
 * point, drives it with the one load generator, measures server and generator CPU from {@code /proc},
 * and writes result rows, the BENCHMARKS.md sections and PNG plots. Entry point {@link
 * dev.switchboard.benchmarks.harness.Runner}; {@code benchmarks/run.sh} builds and runs it.
 */
package dev.switchboard.benchmarks.harness;
