/**
 * What a Kubernetes workload's containers say about it: the hosts their environment variables name, read as
 * cluster DNS reads them, and whether their image is a data store.
 */

/**
 * Images of data stores, by the last segment of their repository (`redis:alpine`, `bitnami/postgresql:16`): a
 * workload running one becomes a `database` Component, so `check` asks where its data is copied.
 */
const DATABASE_IMAGES = new Set([
  'redis',
  'valkey',
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongo',
  'mongodb',
  'cassandra',
  'scylla',
  'elasticsearch',
  'opensearch',
  'couchdb',
  'cockroach',
  'cockroachdb',
  'etcd',
  'clickhouse',
  'influxdb',
  'neo4j',
]);

/** The last segment of an image's repository, without registry, tag or digest: `redis` for `docker.io/redis:7`. */
function imageName(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const last = withoutDigest.split('/').pop()!;
  return last.split(':')[0]!.toLowerCase();
}

/** Whether a container running `image` is a data store: `redis:alpine`, `docker.io/bitnami/postgresql:16`. */
export function isDatabaseImage(image: string): boolean {
  return DATABASE_IMAGES.has(imageName(image));
}

/** Environment variable names that hold the address of something the container talks to. */
const ADDRESS_NAME = /(^|_)(ADDR|ADDRESS|HOST|HOSTNAME|URL|URI|ENDPOINT|ENDPOINTS|SERVER|SERVERS)$/i;

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Whether an environment variable's name says it holds an address: `CART_SERVICE_ADDR`, `DATABASE_URL`. */
export function isAddressName(name: string): boolean {
  return ADDRESS_NAME.test(name);
}

/** The hosts an environment value names: `host`, `host:port`, `scheme://user@host:port/path`, lists of them. */
export function hostsIn(value: string): { host: string; formed: boolean }[] {
  if (value.includes('$(') || value.includes('{{')) return [];
  const answer: { host: string; formed: boolean }[] = [];
  for (const piece of value.split(/[\s,;]+/)) {
    if (piece === '') continue;
    let rest = piece;
    let formed = false;
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
    if (scheme) {
      rest = rest.slice(scheme[0].length);
      formed = true;
    }
    rest = rest.split(/[/?#]/)[0]!;
    rest = rest.slice(rest.lastIndexOf('@') + 1);
    const port = /^(.*):(\d{1,5})$/.exec(rest);
    if (port) {
      rest = port[1]!;
      formed = true;
    }
    const host = rest.toLowerCase().replace(/\.$/, '');
    if (!HOST.test(host) || /^[0-9.]+$/.test(host) || host === 'localhost') continue;
    if (/\.svc(\.|$)/.test(host)) formed = true;
    answer.push({ host, formed });
  }
  return answer;
}

/**
 * The Service a host names from a pod in `namespace`, as cluster DNS resolves it: `name`, `name.namespace`,
 * `name.namespace.svc[.cluster.local]` (a StatefulSet pod's `pod.name.namespace.svc...` too); undefined for a
 * name outside the cluster. `namespaces` are those the inputs hold, to tell `name.namespace` from `example.com`.
 */
export function serviceOf(
  host: string,
  namespace: string,
  namespaces: ReadonlySet<string>,
): string | undefined {
  const parts = host.split('.');
  if (parts.length === 1) return `${namespace}/${host}`;
  const svc = parts.indexOf('svc');
  if (svc >= 2) return `${parts[svc - 1]}/${parts[svc - 2]}`;
  if (parts.length === 2 && namespaces.has(parts[1]!)) return `${parts[1]}/${parts[0]}`;
  return undefined;
}
