/**
 * A seeded generator of synthetic infrastructures, shaped like a CMDB: one backbone vendor every site relies on,
 * sites, power feeds and network switches per site, hosts, storage, VMs, databases, applications, IT services
 * and business services. Redundancy where real estates have it (dual power feeds, VM pairs behind an
 * application, 2-of-3 database replicas, redundant applications behind a service), about 3 dependency edges per
 * node, about a third of them inside redundancy groups. The same seed always gives the same graph.
 */
import type { EngineGroup, EngineNode } from '../src/engine/types.ts';

/** Mulberry32: a small, fast, seeded PRNG (public domain, Tommy Ettinger). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated infrastructure: the nodes plus the ids the scenarios use. */
export interface Infrastructure {
  nodes: EngineNode[];
  root: string;
  firstSite: string;
  tier1: string[];
}

/** Generates about `size` failure nodes with the seeded PRNG. */
export function generateInfrastructure(size: number, seed = 42): Infrastructure {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pad = (i: number): string => String(i).padStart(7, '0');
  const nodes: EngineNode[] = [];
  const add = (
    id: string,
    kind: EngineNode['kind'],
    requires: string[],
    groups: EngineGroup[],
    recovery: number,
    restart: number,
  ): string => {
    nodes.push({ id, kind, requires, groups, recoveryMinutes: recovery, restartMinutes: restart });
    return id;
  };
  const distinct = (list: readonly string[], count: number): string[] => {
    const out = new Set<string>();
    while (out.size < Math.min(count, list.length)) out.add(pick(list));
    return [...out];
  };

  const root = add('backbone', 'Vendor', [], [], 240, 0);
  const siteCount = Math.max(2, Math.round(size / 5000));
  const per = (share: number): number => Math.max(2, Math.round((size * share) / siteCount));
  interface Site {
    id: string;
    power: string[];
    switches: string[];
    hosts: string[];
    storage: string[];
    vms: string[];
  }
  const sites: Site[] = [];
  for (let s = 0; s < siteCount; s++) {
    const id = add(`site-${pad(s)}`, 'Site', [root], [], 480, 30);
    const power = [0, 1, 2, 3].map((p) =>
      add(`power-${pad(s)}-${p}`, 'Component', [id], [], int(60, 180), 10),
    );
    const switches: string[] = [];
    for (let i = 0; i < per(0.02); i++) {
      const feeds = distinct(power, 2);
      switches.push(
        add(`switch-${pad(s)}-${pad(i)}`, 'Component', [id], [{ k: 1, of: feeds }], int(30, 120), 5),
      );
    }
    sites.push({ id, power, switches, hosts: [], storage: [], vms: [] });
  }
  for (const site of sites) {
    for (let i = 0; i < per(0.02); i++) {
      const id = `storage-${site.id.slice(5)}-${pad(i)}`;
      site.storage.push(
        add(id, 'Component', [pick(site.switches)], [{ k: 1, of: distinct(site.power, 2) }], 240, 15),
      );
    }
    for (let i = 0; i < per(0.12); i++) {
      const id = `host-${site.id.slice(5)}-${pad(i)}`;
      site.hosts.push(
        add(id, 'Component', [pick(site.switches)], [{ k: 1, of: distinct(site.power, 2) }], 120, 10),
      );
    }
    for (let i = 0; i < per(0.38); i++) {
      const id = `vm-${site.id.slice(5)}-${pad(i)}`;
      const requires = [pick(site.hosts), pick(site.storage), pick(site.switches)];
      site.vms.push(add(id, 'Component', requires, [], int(20, 60), int(2, 10)));
    }
  }
  // Databases, applications and services span sites: redundancy across sites is what survives a site failure.
  const databases: string[] = [];
  const dbCount = Math.round(size * 0.08);
  for (let i = 0; i < dbCount; i++) {
    const id = `db-${pad(i)}`;
    const home = pick(sites);
    if (random() < 0.5) {
      const other = pick(sites);
      const replicas = [pick(home.vms), pick(home.vms), pick(other.vms)].filter(unique);
      add(id, 'Component', [], [{ k: Math.min(2, replicas.length), of: replicas }], 90, 15);
    } else add(id, 'Component', [pick(home.vms), pick(home.storage)], [], int(60, 180), int(5, 20));
    databases.push(id);
  }
  const applications: string[] = [];
  const appCount = Math.round(size * 0.28);
  for (let i = 0; i < appCount; i++) {
    const home = pick(sites);
    const vms = random() < 0.6 ? distinct(home.vms, 2) : [pick(home.vms), pick(pick(sites).vms)];
    const group = vms.length > 1 ? [{ k: 1, of: [...new Set(vms)] }] : [];
    applications.push(add(`app-${pad(i)}`, 'Component', [pick(databases)], group, int(15, 60), int(2, 15)));
  }
  const itServices: string[] = [];
  const tier1: string[] = [];
  const service = (id: string, requires: string[], groups: EngineGroup[], type: 'it' | 'business'): void => {
    const tier = random() < 0.1 ? 1 : int(2, 4);
    const rto = [60, 240, 480, 1440][tier - 1]!;
    nodes.push({
      id,
      kind: 'Service',
      requires,
      groups,
      recoveryMinutes: 30,
      restartMinutes: 5,
      service: {
        tier,
        rtoMinutes: rto,
        rpoMinutes: rto / 4,
        mtpdMinutes: type === 'business' ? rto * 3 : null,
      },
    });
    if (tier === 1) tier1.push(id);
  };
  for (let i = 0; i < Math.round(size * 0.04); i++) {
    const id = `it-${pad(i)}`;
    service(id, [pick(applications)], random() < 0.5 ? [{ k: 1, of: distinct(applications, 2) }] : [], 'it');
    itServices.push(id);
  }
  for (let i = 0; i < Math.round(size * 0.02); i++) {
    service(`biz-${pad(i)}`, distinct(itServices, int(2, 3)), [], 'business');
  }
  return { nodes, root, firstSite: sites[0]!.id, tier1 };
}

function unique(value: string, index: number, list: readonly string[]): boolean {
  return list.indexOf(value) === index;
}

/** Counts of the generated graph: nodes, dependency edges, and the share of edges inside groups. */
export function describeInfrastructure(nodes: readonly EngineNode[]): {
  nodes: number;
  edges: number;
  groupShare: number;
} {
  let required = 0;
  let grouped = 0;
  for (const node of nodes) {
    required += node.requires.length;
    for (const g of node.groups) grouped += g.of.length;
  }
  return { nodes: nodes.length, edges: required + grouped, groupShare: grouped / (required + grouped) };
}
