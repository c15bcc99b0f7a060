/**
 * The engine's input and output: plain data, no I/O. The catalog adapts its documents to `EngineNode`s;
 * the server, the CLI and the web application read the results as they are.
 */

/** The kinds of failure node the engine knows. */
export type FailureKind = 'Service' | 'Component' | 'Site' | 'Vendor';

/** A redundancy group: satisfied while at least `k` of the members in `of` are up (`anyOf` is k = 1). */
export interface EngineGroup {
  k: number;
  of: string[];
}

/** One failure node, with its dependencies already resolved to ids (a Component's `site` is in `requires`). */
export interface EngineNode {
  id: string;
  kind: FailureKind;
  /** Required dependencies: this node is down while any of them is down. */
  requires: string[];
  /** Redundancy groups: this node is down while a group has fewer than k members up. */
  groups: EngineGroup[];
  /** Minutes to restore the node after it failed itself, once all it depends on is satisfied. */
  recoveryMinutes: number;
  /** Minutes to bring it back when it went down only through its dependencies. */
  restartMinutes: number;
  /** For services: tier and objectives in minutes (null when unset). */
  service?: {
    tier: number;
    rtoMinutes: number | null;
    rpoMinutes: number | null;
    mtpdMinutes: number | null;
  };
}

/** `lifeboat analyze impact --json`, and the HTTP API's impact answer. */
export interface ImpactResult {
  failed: string[];
  down: { id: string; kind: FailureKind; restoreMinutes: number | null; cause: string[] }[];
  services: {
    id: string;
    tier: number;
    down: boolean;
    restoreMinutes: number | null;
    rtoMinutes: number | null;
    mtpdMinutes: number | null;
    rtoBreach: boolean | null;
    mtpdBreach: boolean | null;
  }[];
  unrecoverable: { id: string; cycle: string[] }[];
}

/** `lifeboat analyze spof --json`, and the HTTP API's cut-set answer. */
export interface SpofResult {
  maxOrder: number;
  services: { id: string; cutSets: string[][] }[];
}

/** One single point of failure ranked by `rankSinglePoints`: what it takes down alone, and its score. */
export interface SinglePoint {
  id: string;
  kind: FailureKind;
  /** The services this node's failure alone takes down, by tier then id. */
  services: string[];
  /** Sum over those services of their tier's weight (TIER_WEIGHTS: 8, 4, 2, 1 for tiers 1 to 4). */
  weightedScore: number;
  /** How many of those services are of each tier. */
  byTier: { 1: number; 2: number; 3: number; 4: number };
}
