/**
 * The supplier concentration analysis on the stored catalog: the vendors, services, contracts, exercises and the
 * current BIA of each service (the latest approved version of each assessment) go to the heavy-work pool with the
 * engine graph of the catalog state; the answer is cached per catalog state, and computed again when a contract,
 * an exercise, the BIA or the date (exit plans fall overdue) changed within that state.
 */
import { createHash } from 'node:crypto';
import { supplierDocuments, type SupplierAnalysis } from '../../suppliers/concentration.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import { createBiaService } from './bia.service.ts';
import type { GraphProvider } from './graph-provider.ts';
import type { HeavyWork, WorkContext } from './heavy-work.ts';
import type { SupplierTaskInput } from './heavy-work.tasks.ts';

/** The supplier analysis service. */
export function createSupplierService(deps: {
  database: LifeboatDatabase;
  graphs: GraphProvider;
  work: HeavyWork;
  now: () => Date;
}) {
  const { database, graphs, work } = deps;
  const bia = createBiaService({ database, graphs });

  /** The supplier concentration analysis as its JSON answer. */
  async function analysisAnswer(context: WorkContext): Promise<string> {
    const view = await graphs.catalog();
    const { current } = await bia.basis();
    const input: SupplierTaskInput = {
      ...supplierDocuments(view.documents),
      bias: [...current],
      today: deps.now().toISOString().slice(0, 10),
    };
    const state = view.engine;
    // A contract, an exercise, the BIA or the date may change within one engine state (they are not graph nodes).
    const digest = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
    const latest = await state.memo('suppliers', () =>
      Promise.resolve<{ digest?: string; answer?: string }>({}),
    );
    if (latest.digest === digest && latest.answer !== undefined) return latest.answer;
    const answer = await work.suppliers(state, input, context);
    Object.assign(latest, { digest, answer });
    return answer;
  }

  return {
    analysisAnswer,

    /** The supplier analysis (the command line's reading of the database). */
    async analysis(context: WorkContext = { user: 'local' }): Promise<SupplierAnalysis> {
      return JSON.parse(await analysisAnswer(context)) as SupplierAnalysis;
    },
  };
}

/** The supplier service's interface. */
export type SupplierService = ReturnType<typeof createSupplierService>;
