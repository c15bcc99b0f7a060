import type { Command } from 'commander';
import { catalogPolicy } from '../bia/current.ts';
import { currentDate } from '../catalog/check/check-catalog.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { buildGraph } from '../engine/index.ts';
import { analyzeExercises, exerciseInput } from '../exercises/analysis.ts';
import type { ExerciseAnalysis } from '../exercises/analysis.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { formatTable, minutesText } from './output.ts';

/**
 * The exercise analysis as a person reads it: per exercise, achieved against predicted against target for each
 * service and the most optimistic durations; then the programme, the proven RTOs and who is not trained.
 */
export function formatExerciseAnalysis(analysis: ExerciseAnalysis): string {
  const lines: string[] = [];
  for (const exercise of analysis.exercises) {
    lines.push(
      `${exercise.id} (${exercise.type}, ${exercise.status}, ${exercise.date}): ${exercise.title}; open findings: ${exercise.openFindings}`,
    );
    if (exercise.services.length > 0)
      lines.push(
        formatTable([
          ['  SERVICE', 'TARGET', 'PREDICTED', 'GRAPH', 'ACHIEVED', 'MET', 'DATA LOST', 'RPO'],
          ...exercise.services.map((service) => [
            `  ${service.id}`,
            minutesText(service.targetMinutes),
            minutesText(service.predictedMinutes),
            minutesText(service.graphMinutes),
            minutesText(service.achievedMinutes),
            service.met === null ? '-' : service.met ? 'yes' : 'MISSED',
            minutesText(service.dataLossMinutes),
            minutesText(service.rpoMinutes),
          ]),
        ]),
      );
    const optimistic = exercise.calibration.filter((entry) => entry.ratio < 1);
    if (optimistic.length > 0)
      lines.push(
        `  most optimistic: ${optimistic
          .slice(0, 5)
          .map(
            (entry) =>
              `${entry.id} (predicted ${minutesText(entry.predictedMinutes)}, took ${minutesText(entry.achievedMinutes)})`,
          )
          .join(', ')}`,
      );
    lines.push('');
  }
  if (analysis.exercises.length === 0) lines.push('exercises: none recorded', '');
  lines.push(
    'programme:',
    formatTable([
      ['  PLAN', 'TIER', 'COUNTS FROM', 'LAST', 'TYPE', 'DUE', 'NEXT PLANNED'],
      ...analysis.programme.map((entry) => [
        `  ${entry.plan}`,
        String(entry.tier),
        entry.atLeast,
        entry.lastExercised ?? 'never',
        entry.lastType ?? '-',
        entry.overdue ? `OVERDUE${entry.due ? ` since ${entry.due}` : ''}` : (entry.due ?? '-'),
        entry.scheduled ?? '-',
      ]),
    ]),
  );
  const proven = analysis.proven.filter((row) => row.provenMinutes !== null);
  lines.push('', `proven RTOs: ${proven.length} of ${analysis.proven.length} services`);
  if (proven.length > 0)
    lines.push(
      formatTable([
        ['  SERVICE', 'RTO', 'PROVEN', 'EXERCISE'],
        ...proven.map((row) => [
          `  ${row.service}`,
          minutesText(row.rtoMinutes),
          minutesText(row.provenMinutes),
          row.exercise!,
        ]),
      ]),
    );
  lines.push('', 'training:');
  for (const plan of analysis.training) {
    const untrained = plan.people.filter((person) => !person.trained).map((person) => person.id);
    lines.push(
      `  ${plan.plan}: ${plan.people.length - untrained.length} of ${plan.people.length} trained${untrained.length > 0 ? `; not trained: ${untrained.join(', ')}` : ''}`,
    );
  }
  return lines.join('\n');
}

/** `lifeboat analyze exercises <catalog>`. */
export function registerAnalyzeExercises(analyze: Command): void {
  analyze
    .command('exercises')
    .description(
      'exercises and training: achieved restore times against predicted and target, proven RTOs, when each plan is due for an exercise, who is trained',
    )
    .argument('<catalog>', 'a catalog file or folder')
    .option('--json', 'print the result as JSON')
    .action(async (catalogPath: string, flags: { json?: boolean }) => {
      const documents = await loadCheckedCatalog('analyze exercises', catalogPath, 'fix them to analyse it');
      const graph = buildGraph(toEngineNodes(documents));
      const analysis = analyzeExercises(
        exerciseInput(documents, graph, catalogPolicy(documents), currentDate()),
      );
      process.stdout.write(
        `${flags.json ? JSON.stringify(analysis, null, 2) : formatExerciseAnalysis(analysis)}\n`,
      );
    });
}
