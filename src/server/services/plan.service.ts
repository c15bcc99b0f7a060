import { setImmediate as nextTurn } from 'node:timers/promises';
import { toEngineNodes } from '../../catalog/engine-input.ts';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { analyzeImpact, buildGraph } from '../../engine/index.ts';
import type { EngineGraph, EngineNode } from '../../engine/index.ts';
import { recoveryOrderOf } from '../../plans/recovery-order.ts';
import type { RecoveryOrder } from '../../plans/recovery-order.ts';
import { planScope, reviewStatus, scopeDocumentOf } from '../../plans/review.ts';
import type { ReviewStatus, ScopeDocument } from '../../plans/review.ts';
import { checkStepOrder } from '../../plans/step-order.ts';
import type { StepOrderProblem } from '../../plans/step-order.ts';
import { approvePlan, matchesVersion, planChecksum, planView, storedPlan } from '../../plans/versions.ts';
import type { PlanDocument, PlanVersion } from '../../plans/versions.ts';
import { buildPackModel } from '../../reports/pack-model.ts';
import type { PackModel } from '../../reports/pack-model.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createApprovalService } from './approval.service.ts';
import { rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';
import { createGraphProvider } from './graph-provider.ts';
import type { CatalogView, GraphProvider } from './graph-provider.ts';
import { createHeavyWork, engineErrorOf } from './heavy-work.ts';
import type { HeavyWork, WorkContext } from './heavy-work.ts';
import { pageUrl, publishSafely } from '../notify/publish.ts';
import type { Notifier } from '../notify/types.ts';

/** The whole stored catalog, with the engine's nodes: plans read across many kinds at once. */
export interface CatalogSnapshot {
  documents: CatalogDocument[];
  byId: Map<string, CatalogDocument>;
  nodes: Map<string, EngineNode>;
  /** The engine graph of `nodes`, when one is already built (the server's graph provider keeps one). */
  graph?: () => EngineGraph;
}

/** Builds a snapshot from documents (the server's, or a YAML catalog's in the CLI). */
export function snapshotOf(documents: CatalogDocument[]): CatalogSnapshot {
  const nodes = toEngineNodes(documents);
  return {
    documents,
    byId: new Map(documents.map((document) => [document.metadata.id, document])),
    nodes: new Map(nodes.map((node) => [node.id, node])),
  };
}

/** A plan's generated recovery order beside its written steps. */
export interface PlanRecoveryOrder extends RecoveryOrder {
  plan: string;
  /** Written steps that contradict the dependency graph, or wait for each other in a loop. */
  stepProblems: StepOrderProblem[];
}

/** The recovery order of a plan's scenario on a snapshot, with the step-order check. */
export function planRecoveryOrder(snapshot: CatalogSnapshot, plan: PlanDocument): PlanRecoveryOrder {
  try {
    const graph = snapshot.graph?.() ?? buildGraph([...snapshot.nodes.values()]);
    const impact = analyzeImpact(graph, plan.spec.scenario.fail);
    return {
      plan: plan.metadata.id,
      ...recoveryOrderOf(snapshot.nodes, impact),
      stepProblems: checkStepOrder(plan.spec, snapshot.nodes),
    };
  } catch (error) {
    throw engineErrorOf(error);
  }
}

/** The review scope of each plan (by id and content) on each snapshot: it walks the plan's whole dependency tree. */
const reviewScopes = new WeakMap<CatalogSnapshot, Map<string, ScopeDocument[]>>();

function scopesOf(snapshot: CatalogSnapshot): Map<string, ScopeDocument[]> {
  let scopes = reviewScopes.get(snapshot);
  if (!scopes) reviewScopes.set(snapshot, (scopes = new Map<string, ScopeDocument[]>()));
  return scopes;
}

const scopeKey = (plan: PlanDocument) => `${plan.metadata.id}:${planChecksum(plan)}`;

/** The scope's ids as review reads them: each document's kind, times and version. */
function scopeDocument(snapshot: CatalogSnapshot, id: string): ScopeDocument | undefined {
  const document = snapshot.byId.get(id);
  return document && scopeDocumentOf(document);
}

/** Whether a plan is due for review on a snapshot at `now`. */
export function planReview(snapshot: CatalogSnapshot, plan: PlanDocument, now: Date): ReviewStatus {
  const scopes = scopesOf(snapshot);
  const key = scopeKey(plan);
  let scope = scopes.get(key);
  if (!scope) {
    scope = [...planScope(plan.spec, snapshot.nodes)].flatMap((id) => scopeDocument(snapshot, id) ?? []);
    scopes.set(key, scope);
  }
  return reviewStatus(plan.spec, scope, now, plan.metadata.createdAt);
}

/** Nodes walked, or documents looked up, between two turns of the event loop. */
const SLICE = 2000;

/** Scopes being computed, so that parallel packs of one plan walk its tree once. */
const pendingScopes = new WeakMap<CatalogSnapshot, Map<string, Promise<void>>>();

/**
 * The scope walks in progress, one after another: every callback waiting for a turn of the event loop runs in
 * the same turn, so twenty walks side by side would hold the loop for twenty slices at each turn.
 */
let scopeWalks: Promise<unknown> = Promise.resolve();

/**
 * Computes a plan's review scope into the cache `planReview` reads, with a turn of the event loop every SLICE
 * steps: a plan over a large estate walks tens of thousands of nodes (about 100 ms for 56,600 nodes), and the
 * first packs after an edit would otherwise walk them one plan after another without a break. The walk is
 * `planScope`'s (src/plans/review.ts) step for step, in the same order, so the scope and its order are the same;
 * its call tree and step owners come from `planScope` itself, on the plan without services or scenario.
 */
export async function prepareReview(snapshot: CatalogSnapshot, plan: PlanDocument): Promise<void> {
  const scopes = scopesOf(snapshot);
  const key = scopeKey(plan);
  if (scopes.has(key)) return;
  let pending = pendingScopes.get(snapshot);
  if (!pending) pendingScopes.set(snapshot, (pending = new Map<string, Promise<void>>()));
  let computing = pending.get(key);
  if (!computing) {
    const walk = async () => {
      const { spec } = plan;
      const ids = new Set<string>();
      const queue = [...spec.services, ...spec.scenario.fail];
      for (let steps = 1; queue.length > 0; steps++) {
        if (steps % SLICE === 0) await nextTurn();
        const id = queue.pop()!;
        if (ids.has(id)) continue;
        ids.add(id);
        const node = snapshot.nodes.get(id);
        if (node) queue.push(...node.requires, ...node.groups.flatMap((group) => group.of));
      }
      const people = planScope(
        { ...spec, services: [], scenario: { ...spec.scenario, fail: [] } },
        new Map(),
      );
      for (const id of people) ids.add(id);
      const scope: ScopeDocument[] = [];
      let looked = 0;
      for (const id of ids) {
        if (++looked % SLICE === 0) await nextTurn();
        const document = scopeDocument(snapshot, id);
        if (document) scope.push(document);
      }
      scopes.set(key, scope);
    };
    const started = scopeWalks.then(walk).finally(() => pending.delete(key));
    scopeWalks = started.catch(() => undefined);
    pending.set(key, (computing = started));
  }
  await computing;
}

/** The plans of a snapshot that are due for review, with the reasons. */
export function duePlans(snapshot: CatalogSnapshot, now: Date) {
  return snapshot.documents
    .filter((document): document is PlanDocument => document.kind === 'Plan')
    .map((plan) => ({
      id: plan.metadata.id,
      name: plan.metadata.name ?? plan.metadata.id,
      ...planReview(snapshot, plan, now),
    }))
    .filter((plan) => plan.due);
}

/** A plan pack's model from a snapshot: the frozen version when the plan is approved as it stands, else the draft. */
export function packModelOf(
  snapshot: CatalogSnapshot,
  plan: PlanDocument,
  version: PlanVersion | undefined,
  exportedAt: Date,
): PackModel {
  const current =
    version && plan.spec.status !== 'retired' && matchesVersion(plan, version) ? version : undefined;
  return buildPackModel({
    plan: current?.document ?? plan,
    version: current
      ? {
          number: current.number,
          checksum: current.checksum,
          approvedBy: current.approvedBy,
          approvedAt: current.approvedAt,
        }
      : { number: null, checksum: planChecksum(plan), approvedBy: null, approvedAt: null },
    documents: snapshot.byId,
    recovery: planRecoveryOrder(snapshot, current?.document ?? plan),
    review: planReview(snapshot, plan, exportedAt),
    exportedAt,
  });
}

/** Plans on the stored catalog: approval and frozen versions, recovery order, review, packs. */
export function createPlanService(deps: {
  database: LifeboatDatabase;
  now: () => Date;
  graphs?: GraphProvider;
  work?: HeavyWork;
  /** Webhooks: `plan.approved` when a plan is approved. */
  events?: { notifier: Notifier; publicUrl: string; onError?: (error: unknown) => void };
}) {
  const { database, now } = deps;
  const graphs = deps.graphs ?? createGraphProvider({ database });
  const work = deps.work ?? createHeavyWork({ threads: 0 });
  const approval = createApprovalService<PlanDocument>({ database, now, kind: 'Plan', freeze: approvePlan });

  /** The latest frozen version of each plan named (of every plan when absent). */
  const latestVersions = (ids?: readonly string[]) => approval.latestVersions(ids);

  /** Plans as clients read them, with their approval derived from the frozen versions. */
  const views = (plans: readonly PlanDocument[]) => approval.views(plans);

  /**
   * Pack models are built one per turn of the event loop: a model takes a few milliseconds, and a hundred packs
   * asked for at once would otherwise be built back to back when the snapshot they wait for arrives.
   */
  let modelBuilds: Promise<unknown> = Promise.resolve();

  // One snapshot per catalog state: approving a plan writes an audit entry too, so a new state.
  const snapshots = new WeakMap<CatalogView, Promise<CatalogSnapshot>>();
  async function snapshot(): Promise<CatalogSnapshot> {
    const catalog = await graphs.catalog();
    let made = snapshots.get(catalog);
    if (!made) {
      made = snapshotWithApprovals(catalog);
      snapshots.set(catalog, made);
      made.catch(() => snapshots.delete(catalog));
    }
    return made;
  }

  async function snapshotWithApprovals(catalog: CatalogView): Promise<CatalogSnapshot> {
    const latest = await latestVersions();
    const documents: CatalogDocument[] = [];
    const byId = new Map<string, CatalogDocument>();
    // A slice at a time, with a turn of the event loop between: 100k documents are a long stretch otherwise.
    for (let i = 0; i < catalog.documents.length; i++) {
      if (i > 0 && i % (5 * SLICE) === 0) await nextTurn();
      const stored = catalog.documents[i]!;
      const document = stored.kind === 'Plan' ? planView(stored, latest.get(stored.metadata.id)) : stored;
      documents.push(document);
      byId.set(document.metadata.id, document);
    }
    // The engine's nodes and graph are the provider's: plans are no failure nodes, so their views change neither.
    return { documents, byId, nodes: catalog.nodes, graph: catalog.graph };
  }

  async function getPlan(id: string): Promise<PlanDocument> {
    const row = await createDocumentRepository(database.db).get(id);
    if (row?.kind !== 'Plan') throw new CatalogError('not-found', `No Plan has the id "${id}"`);
    const [view] = await views([rowToDocument(row) as DocumentOf<'Plan'>]);
    return view!;
  }

  async function latestVersion(id: string): Promise<PlanVersion | undefined> {
    return (await latestVersions([id])).get(id);
  }

  return {
    /**
     * Approves the plan at the version the approver reviewed (`expectedVersion`, required): freezes it as the next
     * numbered version. The document's content is unchanged; its version moves on, since what it reads as has.
     */
    async approve(
      id: string,
      actor: string,
      expectedVersion: number | undefined,
    ): Promise<{ document: PlanDocument; version: PlanVersion }> {
      const approved = await approval.approve(id, { actor, expectedVersion });
      if (deps.events) {
        const { document, version } = approved;
        await publishSafely(
          deps.events.notifier,
          {
            event: 'plan.approved',
            text: `Plan "${document.metadata.name ?? id}" approved by ${actor} as version ${version.number}`,
            url: pageUrl(deps.events.publicUrl, 'plans', id),
            data: {
              plan: id,
              name: document.metadata.name ?? null,
              version: version.number,
              approvedBy: actor,
            },
          },
          deps.events.onError,
        );
      }
      return approved;
    },

    /** What a create, update or import stores of a plan: approval fields a client sends are not kept. */
    storedForm(document: PlanDocument): PlanDocument {
      return storedPlan(document);
    },

    /** Plans as clients read them: approved when their content is that of their latest frozen version. */
    views,

    /** Every frozen version of a plan, oldest first, without the documents. */
    versions: (id: string) => approval.versions(id),

    /** One frozen version, with the full document as it was approved. */
    version: (id: string, number: number): Promise<PlanVersion> => approval.version(id, number),

    async recoveryOrder(id: string): Promise<PlanRecoveryOrder> {
      return planRecoveryOrder(await snapshot(), await getPlan(id));
    },

    /** Plans due for review now, with why. */
    async due() {
      const current = await snapshot();
      for (const document of current.documents)
        if (document.kind === 'Plan') await prepareReview(current, document);
      return duePlans(current, now());
    },

    /** The ids of every plan, in id order. */
    async ids(): Promise<string[]> {
      return (await createDocumentRepository(database.db).allOfKind('Plan')).map((row) => row.id).sort();
    },

    /** A pack as PDF, rendered in the heavy-work pool. */
    async packPdf(model: PackModel, context: WorkContext = { user: 'local' }): Promise<Buffer> {
      return work.packPdf(model, context);
    },

    /** The model a plan pack is rendered from. */
    async packModel(id: string): Promise<PackModel> {
      const plan = await getPlan(id);
      const current = await snapshot();
      await prepareReview(current, plan);
      const version = await latestVersion(id);
      const build = modelBuilds.then(async () => {
        await nextTurn();
        return packModelOf(current, plan, version, now());
      });
      modelBuilds = build.catch(() => undefined);
      return build;
    },
  };
}

/** The plan service's interface. */
export type PlanService = ReturnType<typeof createPlanService>;
