#!/usr/bin/env bash
# Benchmark (issue 6): pathway hop latency, sustained decisions per second, backlog drain, case reads, beside the
# ceilings of this machine measured in the same run (pgbench, a Kafka producer on the same broker, the bare
# Quarkus /q/health/live). Not a test, not run in CI. Results in deploy/local/target/bench/ (results.txt,
# latency-histogram.png, latencies-ms.txt); docs/benchmarks.md records a run.
#
#   deploy/local/benchmark.sh [--trials 1000] [--throughput-trials 1000] [--backlog 50000] [--seconds 20]
#       [--phases startup,hop,sustained,backlog,reads]   (a subset; the ceilings run with any workload)
#   ITPUMP_SERVICE_JAVA_OPTS="..."   more JVM options for every service ({service} = its name), e.g. a JFR recording
#   ITPUMP_SERVICE_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64   the JDK that runs the services and the hello app (as
#       the container images do: JDK 25 with the AOT cache app.aot, which a JDK 25 build records); default this java
#   SKIP_BUILD=1   run what was built last time
# Needs pgbench on the PATH. Run it on a quiet machine: other load distorts every figure.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v pgbench >/dev/null || { echo "benchmark.sh needs pgbench on the PATH (Debian: postgresql-client)" >&2; exit 2; }
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the platform (./mvnw package -DskipTests) ..."
  # on the services' JDK, so that a JDK 25 records the AOT cache it will read (root pom, profile aot-cache)
  JAVA_HOME="${ITPUMP_SERVICE_JAVA_HOME:-${JAVA_HOME:-}}" ./mvnw -B -q package -DskipTests
fi
export ITPUMP_INFRA=embedded
unset ITPUMP_POSTGRES_URL KAFKA_BOOTSTRAP_SERVERS
exec java -Djava.awt.headless=true -Ditpump.root="$root" \
  -cp "deploy/local/target/classes:$(cat deploy/local/target/launcher-classpath.txt)" \
  org.itpump.local.bench.Benchmark "$@"
