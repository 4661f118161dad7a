#!/bin/sh
# Runs the cross-server benchmark (Switchboard vs socket.io vs socketcluster-server vs bare Netty) and
# rewrites its BENCHMARKS.md section and plots. Everything is passed to the Runner, e.g.
#   benchmarks/run.sh --quick                      # every scenario, short windows, 1 repeat (~25 min)
#   benchmarks/run.sh --full --scenarios F1,R1     # the issue's N values, 3 repeats
#   benchmarks/run.sh --quick --report-only        # re-render from benchmarks/results/quick/results.tsv
#   benchmarks/run.sh --quick --jfr --scenarios none   # JFR CPU/allocation profile of Switchboard (F1, R1)
# SKIP_BUILD=1 skips the Maven build, SKIP_NPM=1 skips `npm ci` in benchmarks/node.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
JAVA_HOME=$(scripts/find-jdk.sh 21)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # Offline first (the usual case: dependencies cached); online only if something is missing.
  scripts/mvn -o -q -pl benchmarks -am package -DskipTests || scripts/mvn -q -pl benchmarks -am package -DskipTests
fi
if [ "${SKIP_NPM:-0}" != 1 ]; then
  (cd benchmarks/node && npm ci --no-audit --no-fund --loglevel=error)
fi
# The generator holds up to 19k sockets; the servers inherit the same limit.
ulimit -n "$(ulimit -Hn)"
# The harness (load generator) runs on core 0; it pins every server it starts to core 1.
exec taskset -c 0 "$JAVA_HOME/bin/java" ${GEN_JAVA_OPTS:-} -XX:+UseSerialGC -Xms1g -Xmx4g --enable-native-access=ALL-UNNAMED \
  -cp benchmarks/target/benchmarks.jar dev.switchboard.benchmarks.harness.Runner \
  --validate --command "benchmarks/run.sh $*" "$@"
