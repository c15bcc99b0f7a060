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

/** Copies of a data node's data: what limits its loss when it goes down. */
export interface EngineData {
  /** A backup taken every `intervalMinutes`, stored on failure node `at`. */
  backup?: { intervalMinutes: number; at: string };
  /** Replicas (failure node ids) and how many minutes each lags behind. */
  replicas?: { id: string; lagMinutes: number }[];
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
  /**
   * Minutes a standby takes to start serving once called on; > 0 marks a standby, which does not count as an
   * up member of a redundancy group until activated (absent or 0: an active member).
   */
  activationMinutes?: number;
  /** False when the catalog gives no recovery time: a failed node's restore time is then a lower bound. */
  recoveryKnown?: boolean;
  /** Whether the node holds data (a Component with `data`, or of type database or storage). */
  holdsData?: boolean;
  /** Where the node's data is copied: a backup (every `intervalMinutes`, kept on node `at`) and replicas. */
  data?: EngineData;
  /** For services: tier and objectives in minutes (null when unset). */
  service?: {
    tier: number;
    rtoMinutes: number | null;
    rpoMinutes: number | null;
    mtpdMinutes: number | null;
  };
}

/** When a plan step brings a node back: minutes from the start, and false when that is only a lower bound. */
export interface RestoredAt {
  minutes: number;
  known: boolean;
}

/** Options of `analyzeImpact`. */
export interface ImpactOptions {
  /**
   * Nodes a plan restores, by id: the minute the step ends (a number, exact) or `{minutes, known}`. Such a node
   * is back at the later of that minute and the moment its own requirements are satisfied; a standby in the map
   * counts as activated then.
   */
  restoredAt?: ReadonlyMap<string, number | RestoredAt>;
}

/** `lifeboat analyze impact --json`, and the HTTP API's impact answer. */
export interface ImpactResult {
  failed: string[];
  down: {
    id: string;
    kind: FailureKind;
    restoreMinutes: number | null;
    /** False when `restoreMinutes` is a lower bound (it waited on an unknown duration). */
    restoreKnown: boolean;
    cause: string[];
  }[];
  services: {
    id: string;
    tier: number;
    down: boolean;
    restoreMinutes: number | null;
    restoreKnown: boolean;
    rtoMinutes: number | null;
    rpoMinutes: number | null;
    mtpdMinutes: number | null;
    /** true: late (or the bound already is) or never back; null: objective unset, or a bound within it. */
    rtoBreach: boolean | null;
    mtpdBreach: boolean | null;
    /** The largest loss among the down data nodes it depends on; null when unbounded or unknown. */
    dataLossMinutes: number | null;
    /** False when a down data node it depends on says nothing of its copies. */
    dataLossKnown: boolean;
    /** true: loss over the RPO or unbounded; null: RPO unset, or the loss unknown and not already over it. */
    rpoBreach: boolean | null;
  }[];
  unrecoverable: { id: string; cycle: string[] }[];
  /** Ids whose own duration or data is unknown in this scenario, by id. */
  unknown: string[];
  /** Standbys this scenario activates, and the minute each is ready; by minute, then id. */
  activations: { id: string; readyMinutes: number }[];
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
