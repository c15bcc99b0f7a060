/** A layered estate of any size for the map's tests: services down to sites, with anyOf and atLeast groups. */
import type { GraphData, GraphEdge, GraphNode } from '../api/analysis';

/** `size` nodes: about 4% services, then applications, VMs, hosts, sites; every third dependency a group. */
export function layeredTestGraph(size: number): GraphData {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const count = (share: number) => Math.max(2, Math.round(size * share));
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const business = ids('biz', count(0.01));
  const it = ids('it', count(0.03));
  const sites = ids('site', 3);
  const hosts = ids('host', count(0.1));
  const vms = ids('vm', count(0.3));
  const apps = ids('app', size - business.length - it.length - sites.length - hosts.length - vms.length);
  for (const id of business) nodes.push({ id, kind: 'Service', type: 'business', name: id });
  for (const id of it) nodes.push({ id, kind: 'Service', type: 'it', name: id });
  for (const id of apps) nodes.push({ id, kind: 'Component', type: 'application', name: id });
  for (const id of vms) nodes.push({ id, kind: 'Component', type: 'vm', name: id });
  for (const id of hosts) nodes.push({ id, kind: 'Component', type: 'server', name: id });
  for (const id of sites) nodes.push({ id, kind: 'Site', name: id });

  const pick = (list: string[], i: number) => list[i % list.length] ?? '';
  const depend = (from: string, below: string[], i: number, group: number) => {
    if (i % 3 === 0) {
      const of = [pick(below, i), pick(below, i + 1), pick(below, i + 2)];
      for (const to of of) edges.push({ from, to, group: { index: group, k: i % 2 === 0 ? 1 : 2, of: 3 } });
    } else {
      edges.push({ from, to: pick(below, i) });
    }
  };
  business.forEach((id, i) => depend(id, it, i, 0));
  it.forEach((id, i) => depend(id, apps, i * 7, 0));
  apps.forEach((id, i) => {
    depend(id, vms, i, 0);
    // Every fifth application also needs 1 of 3 hosts directly: a second group under the same node.
    if (i % 5 === 0) depend(id, hosts, 0, 1);
  });
  vms.forEach((id, i) => depend(id, hosts, i, 0));
  hosts.forEach((id, i) => depend(id, sites, i, 0));
  return { nodes, edges, truncated: false };
}
