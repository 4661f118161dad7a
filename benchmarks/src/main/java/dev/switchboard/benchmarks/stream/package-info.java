/**
 * Benchmarks of {@link dev.switchboard.core.stream}: write-to-consume throughput and latency with
 * consumers iterating on virtual threads. Results are recorded in BENCHMARKS.md.
 */
package dev.switchboard.benchmarks.stream;
