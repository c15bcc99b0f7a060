/**
 * What a reminder is: one thing that is someone's and due or overdue, found by one reminder source from the
 * catalog on a given day. Pure data; the digests (src/reminders/digest.ts) and the `reminders` job read it.
 */
import type { EffectivePolicy } from '../bia/policy.ts';
import type { CatalogDocument, Kind } from '../catalog/kinds.ts';
import type { EngineGraph, EngineNode } from '../engine/index.ts';

/** The document a reminder is about, with the path of its page in the web application. */
export interface ReminderDocument {
  kind: Kind;
  id: string;
  title: string;
  /** The page's path, from the root of the web application (`/plans/plan-leeds-dc`). */
  path: string;
}

/** One thing due or overdue, for the people it names. */
export interface ReminderItem {
  /** Stable across runs and days (`plan-review:plan-leeds-dc`): what "reminded once per period" counts by. */
  key: string;
  /** The source that found it (`plan-review`): the summary counts by it. */
  source: string;
  /** What is due, as a digest line starts: `plan review due`. */
  what: string;
  /** What it concerns in a few words: the plan's title, the action's title, the service and the campaign. */
  subject: string;
  /** The date it is or was due (YYYY-MM-DD); null when it has no date (an approval waiting, never reviewed). */
  due: string | null;
  /** Past its date (or never done where it should have been). */
  overdue: boolean;
  document: ReminderDocument;
  /** The Person ids it is for (a Team stands for its lead). */
  recipients: string[];
  /** For whoever approves (users with the manager role) rather than for named people. */
  approvers: boolean;
}

/** What every source reads: the catalog as clients read it (derived approval status), the policy and the day. */
export interface ReminderContext {
  documents: readonly CatalogDocument[];
  byId: ReadonlyMap<string, CatalogDocument>;
  policy: EffectivePolicy;
  /** YYYY-MM-DD, in UTC. */
  today: string;
  /** The engine's nodes and graph of the catalog, built once on first use. */
  nodes(): ReadonlyMap<string, EngineNode>;
  graph(): EngineGraph;
  /** The Person ids an owner reference stands for: a Person itself, a Team its lead (its members without one). */
  peopleOf(owner: string | undefined): string[];
  /** Every document of a kind, in catalog order. */
  ofKind<K extends Kind>(kind: K): Extract<CatalogDocument, { kind: K }>[];
}

/** A kind of reminder: one module in src/reminders/sources and one line in the registry. */
export interface ReminderSource {
  /** `plan-review`: the first part of its items' keys. */
  name: string;
  /** What the digest and the docs call it: `plan review due`. */
  what: string;
  items(context: ReminderContext): ReminderItem[];
}
