/**
 * What a compliance check is: a pure function of the catalog, the frozen versions, the audit chain's state and
 * the date, like the continuity engine, that reports per item (a service, a plan, a risk, a supplier...) whether
 * a requirement holds, with a message and links to the evidence. The frameworks (frameworks.ts) say which checks
 * evidence which requirement; evaluate.ts runs them and scores the answer.
 */
import type { CatalogDocument, Kind } from '../catalog/kinds.ts';
import type { FrozenVersion, ReviewEvent } from '../catalog/versions.ts';
import type { ObjectivesGap } from '../plans/objectives.ts';
import type { ReminderContext } from '../reminders/types.ts';
import type { CHECK_IDS, FRAMEWORK_IDS, SEVERITIES } from '../catalog/vocabulary.ts';

export { CHECK_IDS, FRAMEWORK_IDS, SEVERITIES } from '../catalog/vocabulary.ts';

export type CheckId = (typeof CHECK_IDS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** A link to something that evidences an item or explains its failure. */
export interface Evidence {
  /**
   * What it is: a catalog document, a frozen version of one (`version`, with its number and checksum), an
   * audit-log entry or the chain's head (`audit`).
   */
  type: 'document' | 'version' | 'audit';
  /** The document's kind (for `document` and `version`). */
  kind?: Kind;
  /** The document's id, or for `audit` the entry's sequence number as text. */
  id: string;
  /** What a person reads: `Plan plan-leeds-dc version 3, approved by ... on 2026-03-02`. */
  title: string;
  /** The web application's path to open it, from the root (`/plans/plan-leeds-dc`). */
  path?: string;
  /** A frozen version's number and checksum; the audit head's hash. */
  version?: number;
  checksum?: string;
  /** The date it happened or was approved (YYYY-MM-DD), when it has one. */
  date?: string;
}

/** One item a check applies to, passing or failing. */
export interface CheckItem {
  /** The document's id (the service, the plan, the risk...); for a check over the whole catalog, its own name. */
  id: string;
  /** The document's kind; `Catalog` for a check about the catalog as a whole (the audit chain, the register). */
  kind: Kind | 'Catalog';
  status: 'pass' | 'fail';
  /** One sentence: why it passes (what evidences it) or what fails and what to do. */
  message: string;
  /** The page that fixes a failure or shows the item (`/services/svc-payments`). */
  path?: string;
  evidence?: Evidence[];
}

/** A reference to a framework's requirement a check evidences. */
export interface CheckReference {
  framework: FrameworkId;
  /** As the framework numbers it: `8.2.2`, `3.4`, `Art. 11(5)`. */
  clause: string;
}

/** The input every check reads. */
export interface ComplianceInput {
  /** The day the checks are evaluated at (YYYY-MM-DD, UTC). */
  at: string;
  /**
   * The catalog as clients read it: plans and impact assessments carry their derived status (`approved`,
   * `approvedBy`, `approvedAt`). From files, every plan and assessment counts as approved (the repository's review).
   */
  documents: readonly CatalogDocument[];
  /**
   * `database`: approvals are frozen versions and the audit log exists. `files`: catalog files on their own,
   * where approval is the repository's review and there is no audit log (C17 does not apply).
   */
  source: 'database' | 'files';
  /** Frozen versions by document id, oldest first (database only). */
  versions?: ReadonlyMap<string, readonly FrozenVersion[]>;
  /** The approval workflow's steps by document id, in order (database only). */
  reviewEvents?: ReadonlyMap<string, readonly ReviewEvent[]>;
  /** The objectives gap when the caller already has it for this catalog state (the server caches it). */
  objectivesGap?: ObjectivesGap;
  /** The audit log's state (database only). */
  audit?: {
    valid: boolean;
    /** How many entries the chain holds. */
    entries: number;
    /** The head entry: its sequence number and hash; null for an empty log. */
    head: { sequence: number; hash: string; at: string } | null;
    /** When the chain is broken: the first entry that does not verify, and why. */
    firstBroken?: { sequence: number; reason: string };
  };
}

/** What every check reads: the reminder context (documents, policy, graph, people) and the rest of the input. */
export interface ComplianceContext extends ReminderContext {
  input: ComplianceInput;
  /** The same as `today`: the evaluation date. */
  at: string;
  /** The tiers a check applies to and its severity, from the Policy over the check's defaults. */
  scopeOf(check: CheckId): { tiers: readonly number[]; severity: Severity };
  /** The tier of a Service (its declared tier; 4 when it has none). */
  tierOf(serviceId: string): number;
  /** The page path of a document (`/plans/plan-leeds-dc`). */
  pathOf(document: CatalogDocument): string;
  /** The frozen versions of a document, oldest first (none from files). */
  versionsOf(id: string): readonly FrozenVersion[];
  /** The objectives gap of the catalog (every site, vendor, plan and risk scenario), computed once on first use. */
  objectivesGap(): ObjectivesGap;
}

/** One check: one module in src/compliance/checks and one line in the registry. */
export interface ComplianceCheck {
  id: CheckId;
  /** `Objectives set and consistent`. */
  title: string;
  /** The rule in one or two sentences, as the page and docs/compliance.md state it. */
  rule: string;
  /** The requirements it evidences. */
  references: readonly CheckReference[];
  /** The tiers it applies to and its severity when the Policy does not say (tiers empty for a check not by tier). */
  defaults: { tiers: readonly number[]; severity: Severity };
  /** Its items; none means not applicable (nothing in scope). */
  items(context: ComplianceContext): CheckItem[];
}

/** A check's result, as `analyze compliance --json` and the API print it. */
export interface CheckResult {
  id: CheckId;
  title: string;
  rule: string;
  severity: Severity;
  status: 'pass' | 'fail' | 'not-applicable';
  passed: number;
  failed: number;
  items: CheckItem[];
  references: CheckReference[];
}

/** A requirement of a framework, with the checks that evidence it and its status. */
export interface RequirementResult {
  clause: string;
  title: string;
  checks: CheckId[];
  /** From its checks: fail when one fails, pass when all that apply pass; manual when no check covers it. */
  status: 'pass' | 'fail' | 'not-applicable' | 'manual';
  /** For a manual requirement, the statements made about it (newest first). */
  statements?: { id: string; text: string; madeBy: string; date: string }[];
}

export interface FrameworkResult {
  id: FrameworkId;
  title: string;
  requirements: RequirementResult[];
}

/** The whole answer. */
export interface ComplianceReport {
  at: string;
  /** Passing items over all items of all checks (0..1); null when no check has an item. */
  score: number | null;
  checks: CheckResult[];
  frameworks: FrameworkResult[];
}
