/**
 * Exercise and training findings. Errors (the catalog is invalid): a recorded step that its plan does not have.
 * Warnings (a continuity shortfall to act on): a done exercise that missed a service's RTO or RPO with no finding
 * naming the service, a done exercise with no start or no results, a planned exercise whose date has passed, and,
 * in a catalog that records exercises, a plan overdue for one (docs/exercises.md).
 */
import { catalogPolicy } from '../../bia/current.ts';
import { buildGraph } from '../../engine/index.ts';
import { formatDuration } from '../duration.ts';
import { analyzeExercises, exerciseInput } from '../../exercises/analysis.ts';
import { PLAN_PHASES } from '../kinds.schema.ts';
import type { CatalogDocument } from '../kinds.ts';
import { toEngineNodes } from '../engine-input.ts';
import type { CheckedDocument } from './document-rules.ts';
import type { Finding } from './finding.ts';

/** The exercise errors and warnings of a catalog, judged on `today` (YYYY-MM-DD). */
export function checkExercises(
  checked: readonly CheckedDocument[],
  today: string,
  errors: Finding[],
  warnings: Finding[],
): void {
  const exercises = checked.filter(
    (entry): entry is CheckedDocument & { document: Extract<CatalogDocument, { kind: 'Exercise' }> } =>
      entry.document?.kind === 'Exercise',
  );
  if (exercises.length === 0) return;
  const at = ({ source }: CheckedDocument, path: (string | number)[]) => ({
    file: source.file,
    ...source.locate(path),
  });

  const steps = new Map<string, Set<string>>();
  for (const { document } of checked)
    if (document?.kind === 'Plan')
      steps.set(
        document.metadata.id,
        new Set(PLAN_PHASES.flatMap((phase) => (document.spec.phases?.[phase] ?? []).map((step) => step.id))),
      );
  for (const entry of exercises) {
    const { spec } = entry.document;
    for (const [index, step] of (spec.results?.steps ?? []).entries()) {
      const known = steps.get(step.plan);
      if (known && !known.has(step.step))
        errors.push({
          ...at(entry, ['spec', 'results', 'steps', index, 'step']),
          message: `the plan "${step.plan}" has no step "${step.step}"`,
        });
    }
    if (spec.status === 'done') {
      if (spec.started === undefined)
        warnings.push({
          ...at(entry, ['spec', 'status']),
          message: `the exercise "${entry.document.metadata.id}" is done but has no start: record when it started, so its restore times can be measured`,
        });
      if (!spec.results?.restored?.length && !spec.results?.steps?.length)
        warnings.push({
          ...at(entry, ['spec', 'status']),
          message: `the exercise "${entry.document.metadata.id}" is done but records no results: add the steps' times and when each service was back`,
        });
    }
    if (spec.status === 'planned' && spec.scheduled < today)
      warnings.push({
        ...at(entry, ['spec', 'scheduled']),
        message: `the exercise "${entry.document.metadata.id}" was scheduled for ${spec.scheduled} and is still planned: record it as running, done or cancelled, or reschedule it`,
      });
  }
  // The analysis needs a sound graph: with errors, the references may not resolve.
  if (errors.length > 0) return;

  const documents = checked.flatMap(({ document }) => (document ? [document] : []));
  const graph = buildGraph(toEngineNodes(documents));
  const analysis = analyzeExercises(exerciseInput(documents, graph, catalogPolicy(documents), today));
  const names = new Map(documents.map((document) => [document.metadata.id, document.metadata.name]));
  const byId = new Map(exercises.map((entry) => [entry.document.metadata.id, entry]));
  for (const result of analysis.exercises) {
    const entry = byId.get(result.id)!;
    const findings = entry.document.spec.findings ?? [];
    const named = (service: string) => {
      const words = [service, names.get(service)].filter((word): word is string => !!word);
      return findings.some((finding) =>
        words.some((word) =>
          `${finding.title}\n${finding.description ?? ''}`.toLowerCase().includes(word.toLowerCase()),
        ),
      );
    };
    for (const service of result.services) {
      const missed = [
        service.met === false
          ? `its RTO (back after ${formatDuration(service.achievedMinutes!)}, target ${formatDuration(service.targetMinutes!)})`
          : '',
        service.dataLossMet === false
          ? `its RPO (${formatDuration(service.dataLossMinutes!)} of data lost, target ${formatDuration(service.rpoMinutes!)})`
          : '',
      ].filter(Boolean);
      if (missed.length === 0 || named(service.id)) continue;
      warnings.push({
        ...at(entry, ['spec', 'findings']),
        message: `the exercise "${result.id}" missed ${missed.join(' and ')} for the service "${service.id}", and no finding names it: record a finding with an owner and a due date`,
      });
    }
  }
  const plans = new Map(
    checked.flatMap((entry) =>
      entry.document?.kind === 'Plan' ? [[entry.document.metadata.id, entry]] : [],
    ),
  );
  for (const entry of analysis.programme) {
    if (!entry.overdue) continue;
    const plan = plans.get(entry.plan);
    if (!plan) continue;
    const what = `tier ${entry.tier}: ${entry.atLeast === 'communication' ? 'any exercise' : `a ${entry.atLeast} exercise or heavier`}`;
    warnings.push({
      ...at(plan, ['metadata', 'id']),
      message:
        entry.lastExercised === null
          ? `the plan "${entry.plan}" has never been exercised (${what}): schedule an exercise`
          : `the plan "${entry.plan}" was due for an exercise on ${entry.due} (${what}; last ${entry.lastType} on ${entry.lastExercised})`,
    });
  }
}
