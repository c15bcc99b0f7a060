import { formatDuration, parseDuration } from '../../catalog/duration.ts';
import type { CatalogDocument, Kind } from '../../catalog/kinds.ts';
import { PLAN_PHASES } from '../../catalog/kinds.schema.ts';
import { calibrationProposal } from '../../exercises/calibration.ts';
import type {
  AppliedCalibration,
  CalibrationProposal,
  StepCalibration,
} from '../../exercises/calibration.ts';
import type { Actor, CatalogService } from './catalog.service.ts';
import { CatalogError } from './errors.ts';
import type { GraphProvider } from './graph-provider.ts';

/** The changes a manager chose from a proposal: node ids, and plan steps. */
export interface CalibrationChoice {
  nodes: readonly string[];
  steps: readonly { plan: string; step: string }[];
}

/** A duration field in minutes; null when absent. */
function minutesOf(value: unknown): number | null {
  return typeof value === 'string' ? (parseDuration(value) ?? null) : null;
}

/** Refuses a change when the catalog no longer holds the value the proposal was made against. */
function checkUnchanged(what: string, current: number | null, proposed: number | null): void {
  if (current === proposed) return;
  const text = (minutes: number | null) => (minutes === null ? 'none' : formatDuration(minutes));
  throw new CatalogError(
    'version-conflict',
    `${what} changed while the calibration was being applied (it is now ${text(current)}, the proposal was made against ${text(proposed)}); nothing was written, load the proposal again`,
  );
}

/**
 * Model calibration that can be applied (docs/exercises.md, "Calibration"): the proposal of a done exercise,
 * and writing the changes a manager chose as ordinary audited updates, all in one write transaction.
 */
export function createExerciseCalibration(deps: { graphs: GraphProvider; catalog: CatalogService }) {
  const { graphs, catalog } = deps;

  async function exerciseAndProposal(id: string) {
    const view = await graphs.catalog();
    const document = view.byId.get(id);
    if (document?.kind !== 'Exercise') throw new CatalogError('not-found', `No Exercise has the id "${id}"`);
    const proposal = calibrationProposal({
      graph: view.graph(),
      documents: view.byId,
      exercise: { id, spec: document.spec },
    });
    return { exercise: document, proposal, view };
  }

  return {
    /** The durations the exercise measured that differ from the catalog's, the most optimistic first. */
    async proposal(id: string): Promise<CalibrationProposal> {
      return (await exerciseAndProposal(id)).proposal;
    },

    /**
     * Recomputes the proposal and writes exactly the chosen changes, one audited update per changed document, in
     * one transaction: nothing is written when a choice is not in the proposal (400), the exercise is not done
     * (409), or a value changed meanwhile (409).
     */
    async apply(id: string, choice: CalibrationChoice, actor: Actor): Promise<AppliedCalibration> {
      const { exercise, proposal, view } = await exerciseAndProposal(id);
      if (exercise.spec.status !== 'done')
        throw new CatalogError(
          'conflict',
          `Exercise "${id}" is ${exercise.spec.status}: only a done exercise's measurements can be applied`,
        );
      const nodeIds = [...new Set(choice.nodes)];
      const stepKeys = [...new Map(choice.steps.map((s) => [`${s.plan}/${s.step}`, s])).values()];
      if (nodeIds.length === 0 && stepKeys.length === 0)
        throw new CatalogError('invalid', 'Choose at least one node or step of the proposal to apply');

      const nodes = nodeIds.map((node) => {
        const row = proposal.nodes.find((candidate) => candidate.id === node);
        if (!row) {
          const proposed = proposal.nodes.map((candidate) => candidate.id).join(', ') || 'none';
          throw new CatalogError(
            'invalid',
            `"${node}" is not among the nodes the calibration of exercise "${id}" proposes to change (proposed: ${proposed})`,
          );
        }
        return row;
      });
      const steps = stepKeys.map(({ plan, step }) => {
        const row = proposal.steps.find((candidate) => candidate.plan === plan && candidate.step === step);
        if (!row) {
          const proposed =
            proposal.steps.map((candidate) => `${candidate.plan}/${candidate.step}`).join(', ') || 'none';
          throw new CatalogError(
            'invalid',
            `The step "${step}" of plan "${plan}" is not among the steps the calibration of exercise "${id}" proposes to change (proposed: ${proposed})`,
          );
        }
        return row;
      });

      const edits: { kind: Kind; id: string; change: (current: CatalogDocument) => CatalogDocument }[] = [];
      for (const row of nodes) {
        const kind = view.byId.get(row.id)!.kind;
        edits.push({
          kind,
          id: row.id,
          change: (current) => {
            const spec = current.spec as Record<string, unknown>;
            checkUnchanged(
              `The ${row.field} of ${kind} "${row.id}"`,
              minutesOf(spec[row.field]),
              row.currentMinutes,
            );
            return {
              ...current,
              spec: { ...spec, [row.field]: formatDuration(row.measuredMinutes) },
            } as CatalogDocument;
          },
        });
      }
      const byPlan = new Map<string, StepCalibration[]>();
      for (const row of steps) byPlan.set(row.plan, [...(byPlan.get(row.plan) ?? []), row]);
      for (const [plan, rows] of byPlan) {
        edits.push({
          kind: 'Plan',
          id: plan,
          change: (current) => {
            if (current.kind !== 'Plan') throw new CatalogError('not-found', `No Plan has the id "${plan}"`);
            const phases = { ...current.spec.phases };
            for (const row of rows) {
              const phase = PLAN_PHASES.find((name) => phases[name]?.some((s) => s.id === row.step));
              if (phase === undefined)
                throw new CatalogError(
                  'version-conflict',
                  `Plan "${plan}" no longer has the step "${row.step}"; nothing was written, load the proposal again`,
                );
              phases[phase] = phases[phase]!.map((s) => {
                if (s.id !== row.step) return s;
                checkUnchanged(
                  `The duration of step "${row.step}" of plan "${plan}"`,
                  minutesOf(s.duration),
                  row.currentMinutes,
                );
                return { ...s, duration: formatDuration(row.measuredMinutes) };
              });
            }
            return { ...current, spec: { ...current.spec, phases } };
          },
        });
      }

      const written = await catalog.updateEach(edits, actor);
      return {
        exercise: id,
        nodes,
        steps,
        documents: written.map((document) => ({
          kind: document.kind,
          id: document.metadata.id,
          version: document.metadata.version ?? 0,
        })),
      };
    },
  };
}

/** The exercise calibration service's interface. */
export type ExerciseCalibration = ReturnType<typeof createExerciseCalibration>;
