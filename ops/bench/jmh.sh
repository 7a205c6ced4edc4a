#!/usr/bin/env bash
# JMH benchmarks of the pure code (triage, business calendar, routing rules).
# Usage: ops/bench/jmh.sh [extra JMH options]   (default: 1 fork, 3 warm-up and 5 measured 1 s iterations)
# Installs Vigie in the local Maven repository, builds ops/bench/jmh against it and runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -f ops/bench/jmh/pom.xml package
java -cp "ops/bench/jmh/target/vigie-jmh-0.1.0-SNAPSHOT.jar:ops/bench/jmh/target/lib/*" \
  org.openjdk.jmh.Main -f 1 -wi 3 -i 5 -w 1s -r 1s "$@"
