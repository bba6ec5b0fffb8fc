#!/usr/bin/env bash
# Copies the Deployment and Service that quarkus-kubernetes generated for each service at package time
# (<service>/target/kubernetes/kubernetes.yml, configured in chassis-core's microprofile-config.properties and each
# service's application.properties) into the Kustomize base. Run after `./mvnw package`, then commit the copies;
# GeneratedManifestsTest (deploy/local, in ./mvnw verify) fails while a copy differs from what the build generates.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
for service in trial-service implant-service dosing-service followup-service ops-console integration-gateway; do
  generated="$root/$service/target/kubernetes/kubernetes.yml"
  [[ -f "$generated" ]] || { echo "generate.sh: $generated is missing: run ./mvnw package first" >&2; exit 1; }
  mkdir -p "$root/deploy/kubernetes/base/services/$service"
  cp "$generated" "$root/deploy/kubernetes/base/services/$service/kubernetes.yml"
done
echo "Copied the generated manifests of the services, the ops console and the gateway into deploy/kubernetes/base/services/"
