#!/usr/bin/env bash
# Fault injection (issue 6): drives simulated patients through the whole pathway while each service and the Kafka
# broker are SIGKILLed and restarted at random points and PostgreSQL is restarted once (fast stop), sends a corpus of
# malformed REST bodies and poison events, then checks that nothing acknowledged or committed was lost or applied
# twice. Not part of ./mvnw verify. Ends by itself and prints a table; exit 0 when every check holds.
#
#   deploy/local/fault-suite.sh [--patients 1000] [--workers 6] [--seed S] [--deadline-minutes 60] [--kill-rounds 2] [--chaos-min-seconds 8] [--chaos-max-seconds 60] [--no-chaos]
#   SKIP_BUILD=1   run what was built last time
# Uses embedded PostgreSQL and Kafka (ITPUMP_INFRA=embedded), fresh itpump_fault_* databases and free ports.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the platform (./mvnw package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi
export ITPUMP_INFRA=embedded
unset ITPUMP_POSTGRES_URL KAFKA_BOOTSTRAP_SERVERS
exec java -Ditpump.root="$root" \
  -cp "deploy/local/target/classes:$(cat deploy/local/target/fault-suite-classpath.txt)" \
  org.itpump.local.fault.FaultSuite "$@"
