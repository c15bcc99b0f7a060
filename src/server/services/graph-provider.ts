import { setImmediate as nextTurn } from 'node:timers/promises';
import { toEngineNodes } from '../../catalog/engine-input.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { FAILURE_KINDS, isKind } from '../../catalog/kinds.ts';
import { addNode, buildGraph, updateNode } from '../../engine/index.ts';
import type { EngineGraph, EngineNode } from '../../engine/index.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { graphCacheLookups } from '../metrics.ts';
import type { AuditRow } from '../repositories/audit.repository.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { GENESIS_HASH } from './audit.service.ts';
import { rowToDocument } from './document-mapping.ts';

/** Past this many audit entries since a cached state, reloading is cheaper than replaying them. */
const MAX_REPLAY = 1000;

/** Rows read per query when loading the whole catalog: about 10 ms of reading and parsing each. */
const PAGE_SIZE = 2500;

/**
 * Every stored document in id order, read a page at a time with a turn of the event loop after each page: read
 * and parsed in one go, 100k documents hold the event loop for seconds, and every request (/healthz too) waits.
 */
async function* storedDocuments(database: LifeboatDatabase): AsyncGenerator<CatalogDocument[]> {
  for await (const page of createDocumentRepository(database.db).pages(PAGE_SIZE)) {
    yield page.map(rowToDocument);
    await nextTurn();
  }
}

/**
 * The newest audit entry names a catalog state: every write appends one. Its hash is part of the name, so a
 * restore that rewinds the log, or replaces it with another history of the same length, is a new state too.
 */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** `seq:hash`, the cache key of a catalog state. */
export function headKey(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}

/** A document write the audit log recorded, as replay needs it. */
interface DocumentChange {
  action: 'create' | 'update' | 'delete';
  kind: string;
  id: string;
  after: CatalogDocument | null;
}

/**
 * A value derived from the catalog, kept current by replaying the audit entries written since it was made
 * (`apply` returns the value at the new head, or undefined when only a reload can tell), else reloaded.
 */
interface ReplayedSpec<T> {
  load(key: string): Promise<T>;
  apply(value: T, changes: readonly DocumentChange[], key: string): T | undefined;
}

/** One replayed value with the head it reflects; concurrent callers share one refresh. */
function replayedCache<T>(database: LifeboatDatabase, spec: ReplayedSpec<T>) {
  let cached: { head: AuditHead; value: T } | undefined;
  let refreshing: Promise<{ head: AuditHead; value: T }> | undefined;

  /** The entries from `from` to `to`, or undefined unless they continue `from`'s chain and end at `to`. */
  async function entriesBetween(from: AuditHead, to: AuditHead): Promise<AuditRow[] | undefined> {
    if (to.seq <= from.seq || to.seq - from.seq > MAX_REPLAY) return undefined;
    const rows = await createAuditRepository(database.db).list({
      afterSeq: from.seq,
      limit: to.seq - from.seq,
    });
    let previous = from.hash;
    for (const row of rows) {
      if (row.prev_hash !== previous) return undefined;
      previous = row.hash;
    }
    const last = rows.at(-1);
    return last?.seq === to.seq && last.hash === to.hash ? rows : undefined;
  }

  async function refresh(): Promise<{ head: AuditHead; value: T }> {
    // The head is read before the data: a write in between is then replayed again, which is harmless.
    const head = await readHead(database);
    if (cached && headKey(cached.head) === headKey(head)) {
      graphCacheLookups.inc({ result: 'hit' });
      return cached;
    }
    const rows = cached && (await entriesBetween(cached.head, head));
    if (cached && rows) {
      const changes = rows.filter((row) => isKind(row.kind)).map(toChange);
      let value: T | undefined;
      try {
        value = spec.apply(cached.value, changes, headKey(head));
      } catch {
        // A replay that failed half-way may have left the value edited in part: reload it below.
      }
      if (value !== undefined) {
        graphCacheLookups.inc({ result: 'replay' });
        return (cached = { head, value });
      }
    }
    graphCacheLookups.inc({ result: 'miss' });
    cached = undefined;
    const value = await spec.load(headKey(head));
    return (cached = { head, value });
  }

  return {
    async current(): Promise<{ head: AuditHead; value: T }> {
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
  };
}

async function readHead(database: LifeboatDatabase): Promise<AuditHead> {
  return (await createAuditRepository(database.db).last()) ?? { seq: 0, hash: GENESIS_HASH };
}

function toChange(row: AuditRow): DocumentChange {
  return {
    action: row.action as DocumentChange['action'],
    kind: row.kind,
    id: row.document_id,
    after: row.after === null ? null : (JSON.parse(row.after) as CatalogDocument),
  };
}

const FAILURE = new Set<string>(FAILURE_KINDS);

/**
 * The engine's view of one catalog state: the plain nodes, the graph built from them on first use, and the
 * results of expensive analyses. `generation` is the head key at which the nodes last changed: writes that touch
 * no failure node (a plan, a person, a login) keep the generation and so every cached result.
 */
export interface EngineState {
  generation: string;
  nodes: Map<string, EngineNode>;
  /** The engine graph, built on first use and then edited in place by replay. */
  graph: () => EngineGraph;
  /** The graph if it has been built (replay edits it then), else undefined. */
  graphIfBuilt: () => EngineGraph | undefined;
  /** Who depends on each id, built on first use. */
  dependents: () => Map<string, string[]>;
  /** The nodes as one JSON array (what a worker thread is sent), made from a JSON text kept per node. */
  nodesJson: () => string;
  /** The JSON text of each node, carried to the next generation without the nodes that changed. */
  texts: Map<string, string>;
  /** The result of `name` for this generation: computed by the first caller, kept once it succeeds. */
  memo<R>(name: string, compute: () => Promise<R>): Promise<R>;
}

function engineState(
  generation: string,
  nodes: Map<string, EngineNode>,
  built?: EngineGraph,
  texts = new Map<string, string>(),
): EngineState {
  let graph = built;
  let dependents: Map<string, string[]> | undefined;
  let json: string | undefined;
  const results = new Map<string, unknown>();
  return {
    generation,
    nodes,
    graph: () => (graph ??= buildGraph([...nodes.values()])),
    graphIfBuilt: () => graph,
    dependents: () => (dependents ??= dependentsOf(nodes)),
    nodesJson: () => {
      if (json === undefined) {
        // Only nodes changed since the last generation are serialised again: the rest is one join.
        const parts: string[] = [];
        for (const node of nodes.values()) {
          let text = texts.get(node.id);
          if (text === undefined) texts.set(node.id, (text = JSON.stringify(node)));
          parts.push(text);
        }
        json = `[${parts.join(',')}]`;
      }
      return json;
    },
    texts,
    async memo<R>(name: string, compute: () => Promise<R>): Promise<R> {
      if (results.has(name)) return results.get(name) as R;
      // Only a result is kept: a cancelled or refused computation leaves nothing, and the next caller computes.
      const result = await compute();
      results.set(name, result);
      return result;
    },
  };
}

/** Reverse edges: for each id, the nodes that require it or hold it in a group. */
function dependentsOf(nodes: ReadonlyMap<string, EngineNode>): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const node of nodes.values()) {
    for (const to of [...node.requires, ...node.groups.flatMap((group) => group.of)]) {
      const list = dependents.get(to);
      if (list) list.push(node.id);
      else dependents.set(to, [node.id]);
    }
  }
  return dependents;
}

/** Creates and updates of failure nodes applied to `state`; undefined when a delete needs a rebuild. */
function replayEngine(
  state: EngineState,
  changes: readonly DocumentChange[],
  key: string,
): EngineState | undefined {
  const relevant = changes.filter((change) => FAILURE.has(change.kind));
  if (relevant.length === 0) return state;
  if (relevant.some((change) => change.action === 'delete')) return undefined;
  const latest = new Map<string, EngineNode>();
  for (const change of relevant) {
    const [node] = toEngineNodes(change.after ? [change.after] : []);
    if (node) latest.set(node.id, node);
  }
  const graph = state.graphIfBuilt();
  if (graph) {
    // New nodes first without dependencies, so a new node may depend on another new one; then every edit.
    for (const node of latest.values())
      if (!graph.index.has(node.id)) addNode(graph, { ...node, requires: [], groups: [] });
    for (const node of latest.values()) updateNode(graph, node);
  }
  const { texts } = state;
  for (const node of latest.values()) {
    state.nodes.set(node.id, node);
    texts.delete(node.id);
  }
  return engineState(key, state.nodes, graph, texts);
}

/** Every stored document by id, for the rules that read across kinds (plans, packs, incidents). */
export interface CatalogDocuments {
  generation: string;
  byId: Map<string, CatalogDocument>;
  /** The documents in id order, made on first use. */
  sorted?: CatalogDocument[];
  /** The view of these documents with each engine state they were read with. */
  views?: WeakMap<EngineState, CatalogView>;
}

/** The catalog at one state: its documents (in id order, and by id) with the engine's nodes and graph. */
export interface CatalogView {
  documents: CatalogDocument[];
  byId: ReadonlyMap<string, CatalogDocument>;
  nodes: Map<string, EngineNode>;
  graph: () => EngineGraph;
  /** The engine state these documents were read with: its memo keeps results for this catalog state. */
  engine: EngineState;
}

function replayDocuments(
  value: CatalogDocuments,
  changes: readonly DocumentChange[],
  key: string,
): CatalogDocuments {
  if (changes.length === 0) return value;
  for (const change of changes) {
    if (change.action === 'delete') value.byId.delete(change.id);
    else if (change.after) value.byId.set(change.id, change.after);
  }
  return { generation: key, byId: value.byId };
}

/** People and teams, parsed once per state: what a service owner's write scope is computed from. */
interface OwnerIndex {
  people: { id: string; email: string | undefined; team: string | undefined }[];
  teams: { id: string; members: string[] }[];
  scopes: Map<string, Set<string>>;
}

/** The ids a service owner may write for: their Person document and the teams they belong to or lead. */
function scopeOf(index: OwnerIndex, email: string): Set<string> {
  const scope = new Set<string>();
  for (const person of index.people) {
    if (person.email?.toLowerCase() !== email) continue;
    scope.add(person.id);
    if (person.team) scope.add(person.team);
  }
  for (const team of index.teams) if (team.members.some((id) => scope.has(id))) scope.add(team.id);
  return scope;
}

/**
 * The server's one view of the stored catalog for analysis, shared by every service that needs it: the engine
 * graph, every document, and the owner index, each keyed by the audit log's head (sequence and hash) and kept
 * current by replaying the audit entries written since, so several server processes on one database, and a
 * restore under a running server, are noticed on the next request.
 */
export function createGraphProvider(deps: { database: LifeboatDatabase }) {
  const { database } = deps;
  const documents = () => createDocumentRepository(database.db);

  const engine = replayedCache<EngineState>(database, {
    async load(key) {
      // A node depends only on its own document, so the nodes can be made a page at a time.
      const nodes = new Map<string, EngineNode>();
      for await (const page of storedDocuments(database))
        for (const node of toEngineNodes(page)) nodes.set(node.id, node);
      return engineState(key, nodes);
    },
    apply: replayEngine,
  });

  const catalog = replayedCache<CatalogDocuments>(database, {
    async load(key) {
      const byId = new Map<string, CatalogDocument>();
      for await (const page of storedDocuments(database))
        for (const document of page) byId.set(document.metadata.id, document);
      return { generation: key, byId };
    },
    apply: replayDocuments,
  });

  const owners = replayedCache<OwnerIndex>(database, {
    async load() {
      const people = (await documents().allOfKind('Person')).map((row) => {
        const spec = JSON.parse(row.spec) as { email?: string; team?: string };
        return { id: row.id, email: spec.email, team: spec.team };
      });
      const teams = (await documents().allOfKind('Team')).map((row) => {
        const spec = JSON.parse(row.spec) as { members?: string[]; lead?: string };
        return { id: row.id, members: [...(spec.members ?? []), ...(spec.lead ? [spec.lead] : [])] };
      });
      return { people, teams, scopes: new Map() };
    },
    apply: (value, changes) =>
      changes.some((change) => change.kind === 'Person' || change.kind === 'Team') ? undefined : value,
  });

  return {
    /** The engine's view of the catalog as the audit log's head names it now. */
    async engine(): Promise<EngineState> {
      return (await engine.current()).value;
    },

    /**
     * Every document with the engine's view, both of one catalog state (read again when a write lands between
     * the two). The same object while the state lasts, so callers may cache what they derive from it; they read
     * it and never change it.
     */
    async catalog(): Promise<CatalogView> {
      for (let attempt = 0; ; attempt++) {
        const [documents, state] = await Promise.all([catalog.current(), engine.current()]);
        if (headKey(documents.head) !== headKey(state.head) && attempt < 3) continue;
        const { value } = documents;
        value.views ??= new WeakMap();
        let view = value.views.get(state.value);
        if (!view) {
          value.sorted ??= [...value.byId.values()].sort((a, b) =>
            a.metadata.id < b.metadata.id ? -1 : a.metadata.id > b.metadata.id ? 1 : 0,
          );
          view = {
            documents: value.sorted,
            byId: value.byId,
            nodes: state.value.nodes,
            graph: state.value.graph,
            engine: state.value,
          };
          value.views.set(state.value, view);
        }
        return view;
      }
    },

    /** The ids a service owner (by email, lower case) may write for, from an index kept per catalog state. */
    ownerScope: async (email: string): Promise<Set<string>> => {
      const { value } = await owners.current();
      let scope = value.scopes.get(email);
      if (!scope) value.scopes.set(email, (scope = scopeOf(value, email)));
      return new Set(scope);
    },

    /** The audit log's head now. */
    head: () => readHead(database),
  };
}

/** The graph provider's interface. */
export type GraphProvider = ReturnType<typeof createGraphProvider>;
