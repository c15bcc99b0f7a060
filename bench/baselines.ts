/**
 * What the engine is compared with, over the same edges ("dst depends on src"): a recursive CTE in SQLite and in
 * PostgreSQL (how a database-backed CMDB answers "what does this take down"), a breadth-first search with
 * graphology, and a minimal typed-array BFS (the floor). None of them knows redundancy: they compute plain
 * reachability, which over-approximates the down set wherever a redundancy group survives.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DirectedGraph } from 'graphology';
import pg from 'pg';
import type { EngineGraph } from '../src/engine/graph.ts';

/** Dependency edges as two parallel arrays: `dst[i]` depends on `src[i]`. */
export interface EdgeList {
  src: Int32Array;
  dst: Int32Array;
}

/** Every live dependency edge of the engine graph (required and group members alike). */
export function edgesOf(graph: EngineGraph): EdgeList {
  const src: number[] = [];
  const dst: number[] = [];
  for (let v = 0; v < graph.n; v++) {
    for (let i = graph.reqFirst[v]!, end = i + graph.reqCount[v]!; i < end; i++) {
      src.push(graph.reqPool[i]!);
      dst.push(v);
    }
    for (let c = graph.groupFirst[v]!, end = c + graph.groupCount[v]!; c < end; c++) {
      for (let i = graph.condMemberFirst[c]!, e2 = i + graph.condSize[c]!; i < e2; i++) {
        src.push(graph.memberPool[i]!);
        dst.push(v);
      }
    }
  }
  return { src: Int32Array.from(src), dst: Int32Array.from(dst) };
}

/** The floor: CSR of dependents and a BFS with a visited byte per node, no redundancy logic. */
export function minimalBfs(n: number, edges: EdgeList): (source: number) => number {
  const start = new Int32Array(n + 1);
  for (const s of edges.src) start[s + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const target = new Int32Array(edges.src.length);
  const fill = start.slice(0, n);
  for (let i = 0; i < edges.src.length; i++) target[fill[edges.src[i]!]!++] = edges.dst[i]!;
  return (source) => {
    const seen = new Uint8Array(n);
    const queue = new Int32Array(n);
    let tail = 0;
    seen[source] = 1;
    queue[tail++] = source;
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      for (let e = start[u]!, end = start[u + 1]!; e < end; e++) {
        const v = target[e]!;
        if (seen[v] === 0) {
          seen[v] = 1;
          queue[tail++] = v;
        }
      }
    }
    return tail;
  };
}

/** A graphology directed graph of the same edges (node keys are the ids), and a BFS over it. */
export function graphologyBfs(ids: readonly string[], edges: EdgeList): (source: string) => number {
  const graph = new DirectedGraph({ allowSelfLoops: true });
  for (const id of ids) graph.addNode(id);
  for (let i = 0; i < edges.src.length; i++) graph.mergeEdge(ids[edges.src[i]!]!, ids[edges.dst[i]!]!);
  return (source) => {
    const seen = new Set<string>([source]);
    const queue = [source];
    for (let head = 0; head < queue.length; head++) {
      graph.forEachOutNeighbor(queue[head]!, (v) => {
        if (!seen.has(v)) {
          seen.add(v);
          queue.push(v);
        }
      });
    }
    return queue.length;
  };
}

const CTE = `WITH RECURSIVE down(id) AS (SELECT $source UNION SELECT dep.dst FROM dep JOIN down ON dep.src = down.id)
SELECT count(*) AS n FROM down`;

/** SQLite in a temporary file: loads the edges, indexes them, and answers with the recursive CTE. */
export function sqliteCte(edges: EdgeList): { query: (source: number) => number; close: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-'));
  const db = new Database(path.join(dir, 'bench.db'));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE dep (src INTEGER NOT NULL, dst INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO dep (src, dst) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < edges.src.length; i++) insert.run(edges.src[i], edges.dst[i]);
  })();
  db.exec('CREATE INDEX dep_src ON dep (src, dst)');
  db.exec('ANALYZE');
  const statement = db.prepare(CTE.replace('$source', '?'));
  return {
    query: (source) => (statement.get(source) as { n: number }).n,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL: creates database `lifeboat_bench`, loads the edges, answers with the recursive CTE; undefined if unreachable. */
export async function postgresCte(
  url: string,
  edges: EdgeList,
): Promise<{ query: (source: number) => Promise<number>; close: () => Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  await admin.query('DROP DATABASE IF EXISTS lifeboat_bench');
  await admin.query('CREATE DATABASE lifeboat_bench');
  const benchUrl = new URL(url);
  benchUrl.pathname = '/lifeboat_bench';
  const client = new pg.Client({ connectionString: benchUrl.toString() });
  await client.connect();
  await client.query('CREATE UNLOGGED TABLE dep (src integer NOT NULL, dst integer NOT NULL)');
  const chunk = 200_000;
  for (let i = 0; i < edges.src.length; i += chunk) {
    await client.query('INSERT INTO dep SELECT * FROM unnest($1::int[], $2::int[])', [
      Array.from(edges.src.subarray(i, i + chunk)),
      Array.from(edges.dst.subarray(i, i + chunk)),
    ]);
  }
  await client.query('CREATE INDEX dep_src ON dep (src, dst)');
  await client.query('ANALYZE dep');
  return {
    query: async (source) => {
      const result = await client.query<{ n: string }>(CTE.replace('$source', '$1::int'), [source]);
      return Number(result.rows[0]!.n);
    },
    close: async () => {
      await client.end();
      await admin.query('DROP DATABASE IF EXISTS lifeboat_bench');
      await admin.end();
    },
  };
}
