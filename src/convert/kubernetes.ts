/**
 * Kubernetes manifests -> catalog documents. Each Deployment, StatefulSet and DaemonSet becomes a Component; a
 * Kubernetes Service is not a document of its own but the way to the workloads it selects: a workload whose
 * environment names a Service (`CART_SERVICE_ADDR: cartservice:7070`, `http://api.shop.svc.cluster.local/v1`)
 * depends on the workloads behind it (one: a required id; several: `anyOf`, as the Service balances over them).
 * Every other kind is counted in the summary and left out.
 */
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { Dependency } from '../catalog/kinds/fields.ts';
import { createIdAllocator } from './ids.ts';
import { hostsIn, isAddressName, isDatabaseImage, serviceOf } from './kubernetes-addresses.ts';
import type { Manifest } from './manifests.ts';
import {
  asRecord,
  asText,
  bump,
  carryLabels,
  countDocuments,
  newSummary,
  problemAt,
  readManifests,
  sortDocuments,
  sortProblems,
} from './manifests.ts';
import type { ConvertInput, ConvertOptions, ConvertProblem, ConvertResult } from './types.ts';
import { EXTERNAL_ID_LABEL, SOURCE_LABEL } from './types.ts';

/** The label that carries a workload's namespace. */
export const NAMESPACE_LABEL = 'kubernetes.io/namespace';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

interface Workload {
  manifest: Manifest;
  /** The source's external id: `namespace/Kind/name`. */
  key: string;
  kind: string;
  namespace: string;
  name: string;
  podLabels: Record<string, string>;
  /** Every container's and init container's image and env, with its path in the manifest. */
  containers: { path: (string | number)[]; image?: string; env: unknown }[];
}

interface KubeService {
  manifest: Manifest;
  namespace: string;
  name: string;
  type: string;
  selector?: Record<string, string>;
}

/** A workload's reference to a Service: where it is, the text, and the Service it names when it names one. */
interface Reference {
  path: (string | number)[];
  text: string;
  host: string;
  /** `namespace/name` of the Service the host names, when it is a name inside the cluster. */
  service?: string;
  /** Whether the variable's name says it is an address (unknown hosts are reported only then). */
  named: boolean;
}

function stringMap(value: unknown): Record<string, string> {
  const answer: Record<string, string> = {};
  for (const [key, item] of Object.entries(asRecord(value) ?? {})) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      answer[key] = String(item);
  }
  return answer;
}

/** A workload's manifests as one per item: a `kind: List` (as `kubectl get -o yaml` writes) stands for its items. */
function flatten(manifests: readonly Manifest[]): Manifest[] {
  const answer: Manifest[] = [];
  for (const manifest of manifests) {
    const items = manifest.data.kind === 'List' ? manifest.data.items : undefined;
    if (!Array.isArray(items)) {
      answer.push(manifest);
      continue;
    }
    items.forEach((item, index) => {
      const data = asRecord(item);
      if (!data) return;
      const at = (path: readonly (string | number)[]) => manifest.at(['items', index, ...path]);
      answer.push({ file: manifest.file, line: at([]).line, data, at });
    });
  }
  return answer;
}

/** The references of a workload's containers to other things, one per host, in container and env order. */
function referencesOf(workload: Workload, namespaces: ReadonlySet<string>): Reference[] {
  const answer: Reference[] = [];
  const seen = new Set<string>();
  for (const container of workload.containers) {
    if (!Array.isArray(container.env)) continue;
    container.env.forEach((entry, index) => {
      const variable = asRecord(entry);
      const name = asText(variable?.name);
      const value = variable?.value;
      if (!name || (typeof value !== 'string' && typeof value !== 'number')) return;
      const named = isAddressName(name);
      for (const { host, formed } of hostsIn(String(value))) {
        if (!named && !formed) continue;
        const service = serviceOf(host, workload.namespace, namespaces);
        const key = service ?? host;
        if (seen.has(key)) continue;
        seen.add(key);
        answer.push({
          path: [...container.path, 'env', index, 'value'],
          text: `${name}=${String(value)}`,
          host,
          service,
          named,
        });
      }
    });
  }
  return answer;
}

function readWorkload(manifest: Manifest, kind: string, problems: ConvertProblem[]): Workload | undefined {
  const metadata = asRecord(manifest.data.metadata);
  const name = asText(metadata?.name);
  if (!name) {
    problems.push(problemAt(manifest, ['metadata'], 'error', `${kind} has no metadata.name: left out`));
    return undefined;
  }
  const namespace = asText(metadata?.namespace) ?? 'default';
  const spec = asRecord(manifest.data.spec);
  const template = asRecord(spec?.template);
  const podSpec = asRecord(template?.spec);
  const containers: Workload['containers'] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    const items = podSpec?.[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      const container = asRecord(item);
      if (container) {
        containers.push({
          path: ['spec', 'template', 'spec', list, index],
          image: asText(container.image),
          env: container.env,
        });
      }
    });
  }
  return {
    manifest,
    key: `${namespace}/${kind}/${name}`,
    kind,
    namespace,
    name,
    podLabels: stringMap(asRecord(template?.metadata)?.labels),
    containers,
  };
}

function readService(manifest: Manifest, problems: ConvertProblem[]): KubeService | undefined {
  const metadata = asRecord(manifest.data.metadata);
  const name = asText(metadata?.name);
  if (!name) {
    problems.push(problemAt(manifest, ['metadata'], 'error', 'Service has no metadata.name: left out'));
    return undefined;
  }
  const spec = asRecord(manifest.data.spec);
  const selector = stringMap(spec?.selector);
  return {
    manifest,
    namespace: asText(metadata?.namespace) ?? 'default',
    name,
    type: asText(spec?.type) ?? 'ClusterIP',
    selector: Object.keys(selector).length > 0 ? selector : undefined,
  };
}

/** Ids from workload names; a name used in several namespaces takes its namespace as a prefix. */
function allocateIds(workloads: readonly Workload[], problems: ConvertProblem[]): Map<string, string> {
  const namespacesOf = new Map<string, Set<string>>();
  for (const workload of workloads) {
    const set = namespacesOf.get(workload.name) ?? new Set<string>();
    set.add(workload.namespace);
    namespacesOf.set(workload.name, set);
  }
  const allocator = createIdAllocator();
  const prefixed = new Set<string>();
  for (const workload of workloads) {
    const shared = namespacesOf.get(workload.name)!.size > 1;
    if (shared) prefixed.add(workload.key);
    allocator.want(workload.key, shared ? `${workload.namespace}-${workload.name}` : workload.name);
  }
  const assigned = allocator.assign();
  const ids = new Map<string, string>();
  for (const workload of workloads) {
    const { id, changed } = assigned.get(workload.key)!;
    ids.set(workload.key, id);
    const at = ['metadata', 'name'];
    if (changed === 'made unique') {
      problems.push(
        problemAt(
          workload.manifest,
          at,
          'warning',
          `${workload.kind} "${workload.name}" in namespace "${workload.namespace}" has id "${id}": its name is also another workload's id`,
        ),
      );
    } else if (prefixed.has(workload.key)) {
      problems.push(
        problemAt(
          workload.manifest,
          at,
          'warning',
          `${workload.kind} "${workload.name}" in namespace "${workload.namespace}" has id "${id}": the name is used in several namespaces`,
        ),
      );
    }
  }
  return ids;
}

function selects(service: KubeService, workload: Workload): boolean {
  if (!service.selector || service.namespace !== workload.namespace) return false;
  return Object.entries(service.selector).every(([key, value]) => workload.podLabels[key] === value);
}

/** Converts Kubernetes manifests (multi-document YAML, `kind: List` too) into Components with their dependencies. */
export function convertKubernetes(inputs: ConvertInput[], options: ConvertOptions = {}): ConvertResult {
  const problems: ConvertProblem[] = [];
  const summary = newSummary();
  const { manifests: read, unreadable } = readManifests(inputs, problems);
  const manifests = flatten(read);
  summary.items.read = manifests.length + unreadable;
  summary.items.skipped = unreadable;
  if (unreadable > 0) bump(summary.skipped, 'YAML syntax error', unreadable);

  const workloads: Workload[] = [];
  const services = new Map<string, KubeService>();
  const namespaces = new Set<string>();
  manifests.forEach((manifest, index) => {
    options.onProgress?.(index + 1, manifests.length);
    const kind = asText(manifest.data.kind);
    let kept = false;
    if (!kind) {
      problems.push(problemAt(manifest, ['kind'], 'error', 'manifest has no kind: left out'));
      bump(summary.skipped, 'no kind');
    } else if (WORKLOAD_KINDS.has(kind)) {
      const workload = readWorkload(manifest, kind, problems);
      if (workload) {
        workloads.push(workload);
        namespaces.add(workload.namespace);
        kept = true;
      } else bump(summary.skipped, 'no metadata.name');
    } else if (kind === 'Service') {
      const service = readService(manifest, problems);
      if (service) {
        const key = `${service.namespace}/${service.name}`;
        if (services.has(key)) {
          problems.push(
            problemAt(
              manifest,
              ['metadata', 'name'],
              'error',
              `Service "${key}" is defined twice: this one left out`,
            ),
          );
          bump(summary.skipped, 'duplicate Service');
        } else {
          services.set(key, service);
          namespaces.add(service.namespace);
          kept = true;
        }
      } else bump(summary.skipped, 'no metadata.name');
    } else bump(summary.skipped, `kind ${kind} not converted`);
    if (!kept) summary.items.skipped += 1;
  });

  const ids = allocateIds(workloads, problems);
  // The workloads behind each Service, found once per Service among those of its namespace.
  const inNamespace = new Map<string, Workload[]>();
  for (const workload of workloads) {
    const list = inNamespace.get(workload.namespace);
    if (list) list.push(workload);
    else inNamespace.set(workload.namespace, [workload]);
  }
  const backends = new Map<KubeService, Workload[]>();
  const behindOf = (service: KubeService) => {
    let behind = backends.get(service);
    if (!behind) {
      behind = (inNamespace.get(service.namespace) ?? []).filter((other) => selects(service, other));
      backends.set(service, behind);
    }
    return behind;
  };
  const documents: CatalogDocument[] = [];
  for (const workload of workloads) {
    const id = ids.get(workload.key)!;
    const dependsOn = new Map<string, Dependency>();
    for (const reference of referencesOf(workload, namespaces)) {
      const service = reference.service ? services.get(reference.service) : undefined;
      const at = (severity: ConvertProblem['severity'], message: string) =>
        problems.push(problemAt(workload.manifest, reference.path, severity, message));
      if (!service) {
        // A name outside the cluster (an API on the internet) is not a dependency the manifests can state.
        if (!reference.service || !reference.named) continue;
        summary.relations.read += 1;
        summary.relations.skipped += 1;
        bump(summary.skipped, 'unknown Service');
        at(
          'warning',
          `${reference.text}: no Service "${reference.service}" in the manifests: no dependency made`,
        );
        continue;
      }
      summary.relations.read += 1;
      const behind = behindOf(service);
      const targets = behind
        .filter((other) => other !== workload)
        .map((other) => ids.get(other.key)!)
        .sort();
      if (!service.selector || behind.length === 0) {
        summary.relations.skipped += 1;
        bump(summary.skipped, 'Service selects no workload');
        const why = service.selector
          ? 'selects no workload in the manifests'
          : `has no selector (type ${service.type})`;
        at('warning', `${reference.text}: Service "${reference.service}" ${why}: no dependency made`);
        continue;
      }
      if (targets.length === 0) {
        summary.relations.skipped += 1;
        bump(summary.skipped, 'refers to itself');
        continue;
      }
      summary.relations.used += 1;
      const dependency: Dependency = targets.length === 1 ? targets[0]! : { anyOf: targets };
      dependsOn.set(targets.join(','), dependency);
    }
    const labels: Record<string, string> = {
      [SOURCE_LABEL]: 'kubernetes',
      [EXTERNAL_ID_LABEL]: workload.key,
      [NAMESPACE_LABEL]: workload.namespace,
    };
    carryLabels(workload.manifest, ['metadata', 'labels'], labels, problems);
    const database = workload.containers.some(
      (container) => container.image !== undefined && isDatabaseImage(container.image),
    );
    const dependencies = [...dependsOn.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, value]) => value);
    documents.push({
      apiVersion: 'lifeboat/v1',
      kind: 'Component',
      metadata: { id, ...(id === workload.name ? {} : { name: workload.name }), labels },
      spec: {
        type: database ? 'database' : 'container',
        ...(dependencies.length > 0 ? { dependsOn: dependencies } : {}),
      },
    });
  }
  sortDocuments(documents);
  countDocuments(summary, documents);
  return { format: 'kubernetes', documents, problems: sortProblems(problems), summary };
}
