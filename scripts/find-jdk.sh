#!/bin/sh
# Prints the home of the newest installed JDK whose version is at least $1 (default 21).
# Exits 1 when there is none. Used by scripts/mvn and .ci/run so nobody has to set JAVA_HOME.
min=${1:-21}; best=; bestv=0
for d in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
  [ -x "$d/bin/javac" ] || continue
  v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  v=${v%%.*}
  [ "$v" -ge "$min" ] 2>/dev/null && [ "$v" -gt "$bestv" ] && { best=$d; bestv=$v; }
done
if [ -z "$best" ]; then
  echo "find-jdk: no JDK $min or later found (looked in \$JAVA_HOME and /usr/lib/jvm)" >&2
  exit 1
fi
echo "$best"
