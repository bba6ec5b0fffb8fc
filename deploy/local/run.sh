#!/usr/bin/env bash
# Builds what is needed and runs the whole platform on this machine: PostgreSQL, a Kafka broker (KRaft; on 9092 when
# that port is free), the four services on ports 8081-8084, the ops console on 8085 and the integration gateway on
# 8086 (FHIR R4 at /fhir/r4; SIU over MLLP with --mllp HOST:PORT). Ctrl-C stops everything it started.
#   deploy/local/run.sh --help     the options (--demo [N], --mllp HOST:PORT)
#
#   ITPUMP_POSTGRES_URL=postgresql://user[:password]@host:port   use that PostgreSQL instead of an embedded one
#   KAFKA_BOOTSTRAP_SERVERS=host:port                             use that Kafka instead of an embedded broker
#   SKIP_BUILD=1                                                  run what was built last time
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the platform (./mvnw package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi
exec java -Ditpump.root="$root" \
  -cp "deploy/local/target/classes:$(cat deploy/local/target/launcher-classpath.txt)" \
  org.itpump.local.LocalPlatform "$@"
