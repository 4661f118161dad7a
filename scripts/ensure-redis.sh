#!/bin/sh
# Makes sure Debian's redis-server and redis-cli are installed for the tests that start their own Redis
# (the redis module's broker, chaos and cluster tests; standalone's Redis wiring test). Idempotent: does
# nothing when both are there. Installs the Debian package redis-server with apt-get when run as root;
# otherwise fails with one sentence saying what to do.
set -e
if [ -x /usr/bin/redis-server ] && command -v redis-cli >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: installing Debian's redis-server for the Redis tests (apt-get install redis-server)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
  [ -x /usr/bin/redis-server ] && command -v redis-cli >/dev/null 2>&1 && exit 0
  echo "ensure-redis: apt-get install redis-server finished but /usr/bin/redis-server or redis-cli is missing." >&2
  exit 1
fi
echo "ensure-redis: the Redis tests need /usr/bin/redis-server and redis-cli: install the Debian package" \
  "redis-server (as root: apt-get install redis-server), or skip the tests with -DskipTests." >&2
exit 1
