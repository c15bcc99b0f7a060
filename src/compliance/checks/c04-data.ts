import type { DocumentOf } from '../../catalog/kinds.ts';
import { exerciseDate, exerciseFail, typeCounts } from '../../exercises/analysis.ts';
import type { EngineNode } from '../../engine/index.ts';
import { addDays } from '../../plans/review.ts';
import type { CheckItem, ComplianceCheck, ComplianceContext } from '../types.ts';
import { scopedServices, serviceName } from './c01-objectives.ts';
import { duration, judgedScenarios, plural, scenarioLabel, someOf } from './c03-recovery.ts';

const DAY = 24 * 60;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every node that depends on each node, directly or through others (required or in a redundancy group). */
export function dependentsOf(nodes: ReadonlyMap<string, EngineNode>): (id: string) => Set<string> {
  const reverse = new Map<string, string[]>();
  for (const node of nodes.values())
    for (const on of [...node.requires, ...node.groups.flatMap((group) => group.of)]) {
      const list = reverse.get(on);
      if (list) list.push(node.id);
      else reverse.set(on, [node.id]);
    }
  const memo = new Map<string, Set<string>>();
  return (id) => {
    const known = memo.get(id);
    if (known) return known;
    const seen = new Set<string>();
    const queue = [id];
    for (let head = 0; head < queue.length; head++)
      for (const next of reverse.get(queue[head]!) ?? [])
        if (!seen.has(next) && next !== id) {
          seen.add(next);
          queue.push(next);
        }
    memo.set(id, seen);
    return seen;
  };
}

/** How a message names a component: `Core database (db)`, or its id alone. */
function componentName(component: DocumentOf<'Component'>): string {
  const { id, name } = component.metadata;
  return name === undefined ? `"${id}"` : `${name} (${id})`;
}

/** Part 1: per service in scope, its data loss in every scenario of the objectives gap against its RPO. */
function serviceItems(context: ComplianceContext): CheckItem[] {
  const services = scopedServices(context, 'C04');
  if (services.length === 0) return [];
  const gap = context.objectivesGap();
  const label = scenarioLabel(gap);
  const rows = new Map(gap.services.map((row) => [row.id, row]));
  const judged = judgedScenarios(gap);
  return services.flatMap((service): CheckItem[] => {
    const row = rows.get(service.metadata.id);
    if (!row) return [];
    const results = row.results.filter((result) => judged.has(result.scenario));
    const name = serviceName(service);
    const base = { id: row.id, kind: 'Service' as const, path: context.pathOf(service) };
    const losing = results.filter((result) => result.dataLossMinutes !== 0);
    if (losing.length === 0)
      return [
        {
          ...base,
          status: 'pass',
          message: `${name} loses no data in any scenario of the objectives matrix (${plural(judged.size, 'scenario')}).`,
        },
      ];
    if (row.rpoMinutes === null)
      return [
        {
          ...base,
          status: 'fail',
          message:
            `${name} has no RPO, so its data loss cannot be judged; it loses data in ` +
            `${someOf(losing.map((result) => label(result.scenario)))}: set its RPO.`,
        },
      ];
    const rpo = duration(row.rpoMinutes);
    // Worst first: unbounded (no copy survives), then the largest loss; a stable sort keeps scenario order.
    const over = results
      .filter((result) => result.rpoBreach === true)
      .sort((a, b) => (b.dataLossMinutes ?? Infinity) - (a.dataLossMinutes ?? Infinity) || 0);
    const unknown = results.filter((result) => result.rpoBreach === null);
    if (over.length === 0 && unknown.length === 0) {
      const worst = [...losing].sort((a, b) => (b.dataLossMinutes ?? 0) - (a.dataLossMinutes ?? 0))[0]!;
      return [
        {
          ...base,
          status: 'pass',
          message:
            `${name} loses at most ${duration(worst.dataLossMinutes ?? 0)} of data (in ${label(worst.scenario)}), ` +
            `within its RPO ${rpo}, in every scenario of the objectives matrix.`,
        },
      ];
    }
    const parts: string[] = [];
    if (over.length > 0)
      parts.push(
        `loses more than its RPO ${rpo} in ${plural(over.length, 'scenario')}: ` +
          someOf(
            over.map(
              (result) =>
                `${label(result.scenario)} (${result.dataLossMinutes === null ? 'no copy survives' : `${duration(result.dataLossMinutes)} lost`})`,
            ),
          ),
      );
    if (unknown.length > 0)
      parts.push(
        `has an unknown data loss in ${plural(unknown.length, 'scenario')} (${someOf(unknown.map((result) => label(result.scenario)))}), ` +
          'a data component it depends on saying nothing of its copies',
      );
    const action =
      over.length > 0
        ? 'back up or replicate its data more often, or keep a copy where the failure does not reach'
        : 'describe the backups and replicas of its data components';
    return [{ ...base, status: 'fail', message: `${name} ${parts.join('; ')}: ${action}.` }];
  });
}

/** Part 2: per data Component, a backup or a replica. */
function copiesItem(context: ComplianceContext, component: DocumentOf<'Component'>): CheckItem {
  const { data } = component.spec;
  const base = { id: component.metadata.id, kind: 'Component' as const, path: context.pathOf(component) };
  const copies = [
    data?.backup ? `a backup every ${data.backup.interval} on "${data.backup.at}"` : '',
    (data?.replicas ?? []).length > 0
      ? `${plural(data!.replicas!.length, 'replica')} (${data!.replicas!.map((r) => `"${r.id}", lag ${r.lag}`).join('; ')})`
      : '',
  ].filter(Boolean);
  if (copies.length === 0)
    return {
      ...base,
      status: 'fail',
      message:
        `${componentName(component)} holds data but has no backup or replica: a failure loses its data; ` +
        'describe its backup (interval and where the copies are) or its replicas.',
    };
  return { ...base, status: 'pass', message: `${componentName(component)} has ${copies.join(' and ')}.` };
}

/** A done exercise that counts as a restore test: its day and every node it takes out, restores or exercises. */
interface RestoreTest {
  exercise: DocumentOf<'Exercise'>;
  date: string;
  touched: string[];
}

/** The done exercises of type restore-test or heavier, latest first (ties by id). */
function restoreTests(context: ComplianceContext): RestoreTest[] {
  const plans = new Map(context.ofKind('Plan').map((plan) => [plan.metadata.id, plan.spec]));
  return context
    .ofKind('Exercise')
    .filter((exercise) => exercise.spec.status === 'done' && typeCounts(exercise.spec.type, 'restore-test'))
    .map((exercise) => ({
      exercise,
      date: exerciseDate(exercise.spec),
      touched: [
        ...exerciseFail(exercise.spec, plans),
        ...(exercise.spec.results?.restored ?? []).map((entry) => entry.id),
        ...(exercise.spec.results?.dataLoss ?? []).map((entry) => entry.service),
        ...exercise.spec.plans.flatMap((plan) => plans.get(plan)?.services ?? []),
      ],
    }))
    .sort((a, b) => compare(b.date, a.date) || compare(a.exercise.metadata.id, b.exercise.metadata.id));
}

/** Part 3: per backed-up Component, its latest done restore test and whether it is within the interval. */
function backupItem(
  context: ComplianceContext,
  component: DocumentOf<'Component'>,
  dependents: (id: string) => Set<string>,
  tests: readonly RestoreTest[],
): CheckItem {
  const { id } = component.metadata;
  const nodes = context.nodes();
  const tiers = [...dependents(id)].flatMap((other) => {
    const tier = nodes.get(other)?.service?.tier;
    return tier === undefined ? [] : [tier];
  });
  const tier = tiers.length === 0 ? null : Math.min(...tiers);
  const entry = context.policy.exercises.tiers.find((t) => t.tier === tier);
  const interval = entry?.intervalMinutes ?? context.policy.exercises.intervalMinutes;
  const days = Math.ceil(interval / DAY);
  // An exercise covers the component when it takes it out or restores it, or exercises a service on it.
  const last = tests.find((test) => test.touched.some((other) => other === id || dependents(id).has(other)));
  const programme = `${tier === null ? 'the programme' : `tier ${tier}`} interval ${duration(interval)}`;
  const base = { id: `${id}#backup`, kind: 'Component' as const, path: context.pathOf(component) };
  const name = componentName(component);
  if (!last)
    return {
      ...base,
      status: 'fail',
      message: `The backup of ${name} was never restore-tested: run a restore-test exercise (${programme}).`,
    };
  const due = addDays(last.date, days);
  const { exercise } = last;
  const evidence = [
    {
      type: 'document' as const,
      kind: 'Exercise' as const,
      id: exercise.metadata.id,
      title: `${exercise.spec.title} (${exercise.spec.type}, ${last.date})`,
      path: context.pathOf(exercise),
      date: last.date,
    },
  ];
  const tested = `The backup of ${name} was last restore-tested on ${last.date} ("${exercise.spec.title}", ${exercise.spec.type})`;
  if (due < context.at)
    return {
      ...base,
      status: 'fail',
      message: `${tested} and was due again on ${due} (${programme}): run a restore test.`,
      evidence,
    };
  return { ...base, status: 'pass', message: `${tested}, due again ${due} (${programme}).`, evidence };
}

/**
 * C04: each service of the scoped tiers (1-2 by default) loses no more data than its RPO in any scenario of the
 * objectives gap; every data Component of the estate has a backup or a replica; every backup was restore-tested
 * (a done exercise of type restore-test or heavier that covers it) within the exercise interval of the most
 * critical tier depending on it.
 */
export const dataCheck: ComplianceCheck = {
  id: 'C04',
  title: 'Data protected and restores tested',
  rule:
    'In every scenario of the objectives matrix (as C03 judges them), each tier 1-2 service loses no more data than its RPO (an unknown ' +
    'loss fails); every component that holds data (with data copies described, or of type database or storage) ' +
    'has a backup or a replica; every backup was restore-tested by a done exercise of type restore-test or ' +
    'heavier that takes out or restores the component or exercises a service depending on it, within the ' +
    "policy's exercise interval of the most critical tier depending on it (26 weeks for tier 1, else 52 weeks by " +
    'default): due on the test day + interval, failing the day after.',
  references: [
    { framework: 'iso22301', clause: '8.3' },
    { framework: 'nist-800-34', clause: '3.4.1' },
    { framework: 'nist-800-34', clause: '3.4.2' },
    { framework: 'dora', clause: 'Art. 12' },
    { framework: 'nis2', clause: 'Art. 21(2)(c)' },
  ],
  defaults: { tiers: [1, 2], severity: 'high' },
  items(context) {
    const nodes = context.nodes();
    const dependents = dependentsOf(nodes);
    const tests = restoreTests(context);
    const components = context
      .ofKind('Component')
      .filter((component) => nodes.get(component.metadata.id)?.holdsData === true)
      .sort((a, b) => compare(a.metadata.id, b.metadata.id));
    return [
      ...serviceItems(context),
      ...components.flatMap((component) => [
        copiesItem(context, component),
        ...(component.spec.data?.backup ? [backupItem(context, component, dependents, tests)] : []),
      ]),
    ];
  },
};
