#!/usr/bin/env bash
# Builds base and every overlay with `kubectl kustomize` and validates each resource against the schemas of
# kubernetes-models, @kubernetes-models/strimzi-kafka-operator and @kubernetes-models/cloudnative-pg.
# Offline once `npm ci` has installed the locked packages. Exits non-zero on any invalid manifest.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v "${KUBECTL:-kubectl}" >/dev/null 2>&1 || ! "${KUBECTL:-kubectl}" kustomize --help >/dev/null 2>&1; then
  echo "validate.sh: needs kubectl with kustomize built in (kubectl kustomize), found none" >&2
  exit 1
fi
cd "$here/validate"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node validate.mjs "$here"
