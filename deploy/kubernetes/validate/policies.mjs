// Security rules every build of deploy/kubernetes (base and each overlay) must keep, checked on the rendered
// resources after schema validation (validate.mjs). Each rule names what it protects; docs/security.md maps them to
// HIPAA 45 CFR 164.312. checkPolicies returns a list of messages, empty when everything holds.
//
//   namespace     Pod Security "restricted" enforced on the namespace
//   network       a default-deny policy (ingress and egress, every pod); each service: ingress only from named
//                 sources (namespace or pod selectors, never "anyone"), egress to its own PostgreSQL cluster, the
//                 Kafka TLS listener, DNS and the identity provider (HTTPS), so that tokens can be verified
//   pods          no service-account token, non-root, seccomp RuntimeDefault, no privilege escalation, all
//                 capabilities dropped, read-only root file system with an emptyDir /tmp, probes on the management
//                 port (not the API port), images pinned by tag or digest (never :latest), no secret in the
//                 environment (secrets are mounted as files)
//   kafka         every listener authenticates (TLS + SCRAM), simple authorization (ACLs) on, a KafkaUser for each
//                 service; a principal writes only what it owns (its events topic, its dead-letter topic, the audit
//                 topic; a consumer also the topics it reads, for the dead-letter redrive); other users read only;
//                 no ALL/Alter/Delete/Create grants and no wildcard topics; dead-letter topics keep at most 14 days
//   postgres      every CloudNativePG cluster rejects connections without TLS (pg_hba) and accepts none with plain host
//   tls           HTTP between pods is TLS: each service serves its API only over HTTPS (a port named https, plain HTTP
//                 disabled, certificate and key files from a mounted Secret that a cert-manager Certificate naming the
//                 Service issues); its Service exposes no other API port; every Ingress calls its backends over HTTPS
//                 and verifies their certificates
//   roles         the services' runtime database credentials are not the owner's: each cluster has a managed login
//                 role apart from its bootstrap owner (no superuser, createdb, createrole, replication or bypassrls,
//                 not a member of the owner, its password from a Secret other than the owner's); each service's
//                 containers mount such a runtime role's Secret and never the owner's (<cluster>-app, or the initdb
//                 secret), and do not migrate (QUARKUS_FLYWAY_MIGRATE_AT_START=false): only an init container may
//                 hold the owner's credentials, to run the migrations

// the four pathway services, the ops console and the integration gateway: each a Deployment with a KafkaUser
const SERVICES = ['trial-service', 'implant-service', 'dosing-service', 'followup-service', 'ops-console', 'integration-gateway'];
const MANAGEMENT_PORT = 9000;
const KAFKA_TLS_PORT = 9093;
const DLQ_MAX_RETENTION_MS = 14 * 24 * 3600 * 1000;
const READ_ONLY_OPERATIONS = new Set(['Read', 'Describe', 'DescribeConfigs']);
const FORBIDDEN_OPERATIONS = new Set(['All', 'Alter', 'AlterConfigs', 'Delete', 'Create', 'ClusterAction']);

const of = (docs, kind) => docs.filter((doc) => doc.kind === kind);
const labelsOf = (selector) => selector?.matchLabels ?? {};

/** True when the selector picks every pod (an empty podSelector). */
function selectsAll(selector) {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** True when the pod selector of a policy picks pods labelled with this app name. */
function selectsApp(selector, app) {
  if (labelsOf(selector)['app.kubernetes.io/name'] === app) return true;
  return (selector?.matchExpressions ?? []).some((e) => e.key === 'app.kubernetes.io/name' && e.operator === 'In'
    && (e.values ?? []).includes(app));
}

function ports(rule) {
  return (rule.ports ?? []).map((p) => Number(p.port));
}

function checkNamespace(docs, errors) {
  const namespaces = of(docs, 'Namespace');
  if (namespaces.length === 0) errors.push('namespace: no Namespace resource');
  for (const ns of namespaces) {
    if (ns.metadata?.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted') {
      errors.push(`namespace ${ns.metadata?.name}: pod-security.kubernetes.io/enforce is not "restricted"`);
    }
  }
}

function checkNetwork(docs, errors) {
  const policies = of(docs, 'NetworkPolicy');
  const defaultDeny = policies.find((p) => selectsAll(p.spec?.podSelector)
    && ['Ingress', 'Egress'].every((t) => (p.spec?.policyTypes ?? []).includes(t))
    && (p.spec?.ingress ?? []).length === 0 && (p.spec?.egress ?? []).length === 0);
  if (!defaultDeny) errors.push('network: no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');
  for (const policy of policies) {
    for (const rule of policy.spec?.ingress ?? []) {
      const from = rule.from ?? [];
      if (from.length === 0) errors.push(`network ${policy.metadata.name}: an ingress rule admits any source`);
      for (const peer of from) {
        if (peer.ipBlock && peer.ipBlock.cidr.endsWith('/0')) {
          errors.push(`network ${policy.metadata.name}: ingress from ${peer.ipBlock.cidr}`);
        }
        if (peer.namespaceSelector && selectsAll(peer.namespaceSelector)) {
          errors.push(`network ${policy.metadata.name}: ingress from every namespace`);
        }
      }
    }
  }
  for (const deployment of of(docs, 'Deployment')) {
    const app = deployment.metadata.name;
    const mine = policies.filter((p) => selectsApp(p.spec?.podSelector, app));
    const egress = mine.flatMap((p) => p.spec?.egress ?? []);
    const ingress = mine.flatMap((p) => p.spec?.ingress ?? []);
    if (mine.length === 0) {
      errors.push(`network ${app}: no NetworkPolicy selects it`);
      continue;
    }
    const container = deployment.spec.template.spec.containers[0];
    const apiPort = (container.ports ?? []).find((p) => p.name === 'https')?.containerPort;
    if (!ingress.some((r) => ports(r).includes(apiPort) && (r.from ?? []).length > 0)) {
      errors.push(`network ${app}: no ingress to its API port ${apiPort} from a named source`);
    }
    const dbHost = (container.env ?? []).find((e) => e.name === 'ITPUMP_DB_HOST')?.value ?? '';
    const cluster = dbHost.replace(/-rw$/, '');
    const reaches = (port, test) => egress.some((r) => ports(r).includes(port) && (r.to ?? []).some(test));
    if (!reaches(5432, (peer) => labelsOf(peer.podSelector)['cnpg.io/cluster'] === cluster)) {
      errors.push(`network ${app}: no egress to its own PostgreSQL cluster ${cluster} on 5432`);
    }
    if (!reaches(KAFKA_TLS_PORT, (peer) => labelsOf(peer.podSelector)['strimzi.io/cluster'] !== undefined)) {
      errors.push(`network ${app}: no egress to the Kafka TLS listener ${KAFKA_TLS_PORT}`);
    }
    if (!reaches(53, (peer) => labelsOf(peer.podSelector)['k8s-app'] === 'kube-dns')) {
      errors.push(`network ${app}: no egress to DNS`);
    }
    if (!egress.some((r) => ports(r).includes(443) && (r.to ?? []).length > 0)) {
      errors.push(`network ${app}: no egress to the identity provider (HTTPS 443): tokens could not be verified`);
    }
    if (egress.some((r) => (r.to ?? []).length === 0)) {
      errors.push(`network ${app}: an egress rule reaches any destination`);
    }
  }
}

function checkPods(docs, errors) {
  for (const deployment of of(docs, 'Deployment')) {
    const app = deployment.metadata.name;
    const pod = deployment.spec.template.spec;
    const fail = (message) => errors.push(`pods ${app}: ${message}`);
    if (pod.automountServiceAccountToken !== false) fail('automountServiceAccountToken is not false');
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) fail('uses a host namespace');
    const podSeccomp = pod.securityContext?.seccompProfile?.type;
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      const sc = container.securityContext ?? {};
      const where = `container ${container.name}`;
      if (!(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) fail(`${where}: runAsNonRoot is not true`);
      if ((sc.runAsUser ?? pod.securityContext?.runAsUser) === 0) fail(`${where}: runs as uid 0`);
      if ((sc.seccompProfile?.type ?? podSeccomp) !== 'RuntimeDefault') fail(`${where}: seccomp profile is not RuntimeDefault`);
      if (sc.allowPrivilegeEscalation !== false) fail(`${where}: allowPrivilegeEscalation is not false`);
      if (sc.privileged) fail(`${where}: privileged`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) fail(`${where}: does not drop ALL capabilities`);
      if ((sc.capabilities?.add ?? []).length > 0) fail(`${where}: adds capabilities`);
      if (sc.readOnlyRootFilesystem !== true) fail(`${where}: root file system is not read-only`);
      const tmp = (container.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
      const tmpVolume = tmp && (pod.volumes ?? []).find((v) => v.name === tmp.name);
      if (!tmpVolume?.emptyDir) fail(`${where}: /tmp is not an emptyDir`);
      const image = container.image ?? '';
      const tag = image.includes('@sha256:') ? 'digest' : image.slice(image.lastIndexOf('/') + 1).split(':')[1];
      if (!tag || tag === 'latest') fail(`${where}: image ${image} is not pinned (a tag other than latest, or a digest)`);
      for (const env of container.env ?? []) {
        if (env.valueFrom?.secretKeyRef) fail(`${where}: secret ${env.valueFrom.secretKeyRef.name} in environment variable ${env.name} (mount it as a file)`);
      }
      for (const from of container.envFrom ?? []) {
        if (from.secretRef) fail(`${where}: secret ${from.secretRef.name} as environment (mount it as a file)`);
      }
      // init containers run to completion before the pod starts: Kubernetes allows them no probes
      for (const probe of (pod.initContainers ?? []).includes(container) ? [] : ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const port = container[probe]?.httpGet?.port;
        const named = (container.ports ?? []).find((p) => p.name === port)?.containerPort;
        if (!container[probe]) fail(`${where}: no ${probe}`);
        else if ((named ?? Number(port)) !== MANAGEMENT_PORT) fail(`${where}: ${probe} is not on the management port ${MANAGEMENT_PORT}`);
      }
    }
  }
}

/** The service that owns a topic, or null for the audit topic (every service writes it). */
function ownerOf(topic) {
  // the gateway's standard messages for the engines (HL7 v2 ER7, FHIR JSON)
  if (/^itpump\.integration\.[a-z0-9-]+$/.test(topic)) return 'integration-gateway';
  const events = /^itpump\.([a-z]+)\.events$/.exec(topic);
  if (events) return events[1] === 'audit' ? null : `${events[1]}-service`;
  const dlq = /^itpump\.([a-z-]+)\.dlq$/.exec(topic);
  return dlq ? dlq[1] : undefined;
}

function checkKafka(docs, errors) {
  for (const kafka of of(docs, 'Kafka')) {
    const name = kafka.metadata.name;
    if (kafka.spec?.kafka?.authorization?.type !== 'simple') errors.push(`kafka ${name}: authorization is not "simple" (ACLs off)`);
    for (const listener of kafka.spec?.kafka?.listeners ?? []) {
      if (!listener.tls) errors.push(`kafka ${name}: listener ${listener.name} without TLS`);
      if (!listener.authentication) errors.push(`kafka ${name}: listener ${listener.name} without authentication`);
    }
  }
  const users = new Map(of(docs, 'KafkaUser').map((u) => [u.metadata.name, u]));
  for (const service of SERVICES) {
    if (!users.has(service)) errors.push(`kafka: no KafkaUser for ${service}`);
  }
  for (const [name, user] of users) {
    const acls = user.spec?.authorization?.acls ?? [];
    if (user.spec?.authorization?.type !== 'simple' || acls.length === 0) errors.push(`kafka user ${name}: no ACLs`);
    const reads = new Set(acls.filter((a) => a.resource?.type === 'topic' && (a.operations ?? []).includes('Read'))
      .map((a) => a.resource.name));
    const isService = SERVICES.includes(name);
    for (const acl of acls) {
      const { type, name: resource, patternType } = acl.resource ?? {};
      const operations = acl.operations ?? [];
      const what = `kafka user ${name}: ${type} ${resource}`;
      for (const op of operations) {
        if (FORBIDDEN_OPERATIONS.has(op)) errors.push(`${what}: ${op} granted`);
      }
      if (type === 'topic' && (resource === '*' || patternType === 'prefix')) errors.push(`${what}: a wildcard or prefix topic`);
      if (!isService) {
        for (const op of operations) {
          if (!READ_ONLY_OPERATIONS.has(op)) errors.push(`${what}: ${op} granted to a read-only user`);
        }
        continue;
      }
      if (type === 'topic' && operations.includes('Write')) {
        const owner = ownerOf(resource);
        const own = owner === null || owner === name;
        // the one exception: a consumer's dead-letter redrive publishes again on the topic it consumes
        if (!own && !reads.has(resource)) errors.push(`${what}: writes a topic it does not own`);
      }
      // its own group, or one named after it for a second consumer (ops-console-dead-letters), never a prefix
      const ownGroup = resource === name || (resource?.startsWith(`${name}-`) && patternType !== 'prefix');
      if (type === 'group' && !ownGroup) errors.push(`${what}: a consumer group other than its own`);
    }
    const consumes = [...reads].some((topic) => ownerOf(topic) !== name);
    if (isService && consumes && !acls.some((a) => a.resource?.type === 'group' && a.resource.name === name)) {
      errors.push(`kafka user ${name}: reads topics without its consumer group ${name}`);
    }
  }
  for (const topic of of(docs, 'KafkaTopic')) {
    const name = topic.spec?.topicName ?? topic.metadata.name;
    if (!name.endsWith('.dlq')) continue;
    const retention = Number(topic.spec?.config?.['retention.ms']);
    if (!(retention > 0 && retention <= DLQ_MAX_RETENTION_MS)) {
      errors.push(`kafka topic ${name}: a dead-letter topic must keep at most 14 days (retention.ms ${topic.spec?.config?.['retention.ms']})`);
    }
  }
}

function checkPostgres(docs, errors) {
  for (const cluster of of(docs, 'Cluster')) {
    const name = cluster.metadata.name;
    const rules = (cluster.spec?.postgresql?.pg_hba ?? []).map((r) => r.trim().split(/\s+/));
    const first = rules[0] ?? [];
    if (!(first[0] === 'hostnossl' && first.at(-1) === 'reject' && first.slice(1, 4).every((f) => f === 'all'))) {
      errors.push(`postgres ${name}: pg_hba does not begin with "hostnossl all all all reject" (connections without TLS)`);
    }
    if (rules.some((r) => r[0] === 'host')) errors.push(`postgres ${name}: a pg_hba "host" rule accepts connections without TLS`);
  }
}

const envOf = (container, name) => (container.env ?? []).find((e) => e.name === name)?.value;

/** The Secret behind the file at {@code path} in the pod (a secret volume mounted above it), or undefined. */
function secretHolding(pod, container, path) {
  const mount = (container.volumeMounts ?? []).find((m) => path?.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
  return mount && (pod.volumes ?? []).find((v) => v.name === mount.name)?.secret?.secretName;
}

function checkTls(docs, errors) {
  const certificates = of(docs, 'Certificate');
  for (const deployment of of(docs, 'Deployment')) {
    const app = deployment.metadata.name;
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    const fail = (message) => errors.push(`tls ${app}: ${message}`);
    const https = (container.ports ?? []).find((p) => p.name === 'https')?.containerPort;
    if (!https) fail('no container port named https (the API over TLS)');
    if (envOf(container, 'QUARKUS_HTTP_INSECURE_REQUESTS') !== 'disabled') {
      fail('QUARKUS_HTTP_INSECURE_REQUESTS is not "disabled": the API is also served over plain HTTP');
    }
    if (https && String(envOf(container, 'QUARKUS_HTTP_SSL_PORT') ?? 8443) !== String(https)) {
      fail(`QUARKUS_HTTP_SSL_PORT is not the https port ${https}`);
    }
    for (const variable of ['QUARKUS_HTTP_SSL_CERTIFICATE_FILES', 'QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES']) {
      const file = envOf(container, variable);
      const secret = secretHolding(pod, container, file);
      if (!secret) {
        fail(`${variable} (${file}) is not a file of a mounted Secret`);
        continue;
      }
      const certificate = certificates.find((c) => c.spec?.secretName === secret);
      if (!certificate) fail(`${variable}: Secret ${secret} is not issued by a cert-manager Certificate`);
      else if (!(certificate.spec.dnsNames ?? []).includes(app)) {
        fail(`Certificate ${certificate.metadata.name} does not name the Service ${app}`);
      }
    }
    for (const service of of(docs, 'Service').filter((s) => s.metadata.name === app)) {
      for (const port of service.spec?.ports ?? []) {
        const target = port.targetPort ?? port.port;
        if (target !== 'https' && Number(target) !== https) {
          fail(`Service ${app} port ${port.name ?? port.port} targets ${target}, not the HTTPS API port`);
        }
      }
    }
  }
  for (const ingress of of(docs, 'Ingress')) {
    const annotations = ingress.metadata.annotations ?? {};
    const name = ingress.metadata.name;
    if (annotations['nginx.ingress.kubernetes.io/backend-protocol'] !== 'HTTPS') {
      errors.push(`tls ingress ${name}: backends are called over plain HTTP (backend-protocol is not HTTPS)`);
    }
    if (annotations['nginx.ingress.kubernetes.io/proxy-ssl-verify'] !== 'on') {
      errors.push(`tls ingress ${name}: the backends' certificates are not verified (proxy-ssl-verify is not "on")`);
    }
  }
}

const PRIVILEGED_ROLE_ATTRIBUTES = ['superuser', 'createdb', 'createrole', 'replication', 'bypassrls'];

function checkDatabaseRoles(docs, errors) {
  const ownerSecrets = new Set();
  const runtimeSecrets = new Set();
  for (const cluster of of(docs, 'Cluster')) {
    const name = cluster.metadata.name;
    const initdb = cluster.spec?.bootstrap?.initdb ?? {};
    const owner = initdb.owner ?? initdb.database ?? 'app';
    const ownerSecret = initdb.secret?.name ?? `${name}-app`;
    ownerSecrets.add(ownerSecret);
    const runtime = (cluster.spec?.managed?.roles ?? [])
      .filter((role) => role.name !== owner && role.login && (role.ensure ?? 'present') === 'present');
    if (runtime.length === 0) {
      errors.push(`roles ${name}: no managed login role apart from the owner ${owner} for the service to run as`);
    }
    for (const role of runtime) {
      for (const attribute of PRIVILEGED_ROLE_ATTRIBUTES) {
        if (role[attribute]) errors.push(`roles ${name}: the runtime role ${role.name} has ${attribute}`);
      }
      if ((role.inRoles ?? []).includes(owner)) errors.push(`roles ${name}: the runtime role ${role.name} is a member of the owner ${owner}`);
      const secret = role.passwordSecret?.name;
      if (!secret) errors.push(`roles ${name}: the runtime role ${role.name} has no passwordSecret`);
      else if (secret === ownerSecret) errors.push(`roles ${name}: the runtime role ${role.name} takes the owner's Secret ${secret}`);
      else runtimeSecrets.add(secret);
    }
  }
  for (const deployment of of(docs, 'Deployment')) {
    const app = deployment.metadata.name;
    const pod = deployment.spec.template.spec;
    const secretOf = (volume) => (pod.volumes ?? []).find((v) => v.name === volume)?.secret?.secretName;
    let runtimeMounted = false;
    for (const container of pod.containers) {
      for (const mount of container.volumeMounts ?? []) {
        const secret = secretOf(mount.name);
        if (ownerSecrets.has(secret) && !runtimeSecrets.has(secret)) {
          errors.push(`roles ${app}: container ${container.name} mounts the database owner's Secret ${secret} (the runtime credentials must not be the owner's)`);
        }
        if (runtimeSecrets.has(secret)) runtimeMounted = true;
      }
      const migrates = (container.env ?? []).find((env) => env.name === 'QUARKUS_FLYWAY_MIGRATE_AT_START')?.value;
      if (migrates !== 'false') {
        errors.push(`roles ${app}: container ${container.name} migrates at start (QUARKUS_FLYWAY_MIGRATE_AT_START is not "false"); migrations belong to the init container`);
      }
    }
    if (!runtimeMounted) errors.push(`roles ${app}: no container mounts a runtime role's Secret of a PostgreSQL cluster`);
  }
}

/** Every broken rule of the rendered resources of one build, as readable messages. */
export function checkPolicies(docs) {
  const errors = [];
  checkNamespace(docs, errors);
  checkNetwork(docs, errors);
  checkPods(docs, errors);
  checkKafka(docs, errors);
  checkPostgres(docs, errors);
  checkTls(docs, errors);
  checkDatabaseRoles(docs, errors);
  return errors;
}
