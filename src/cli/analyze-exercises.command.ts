import type { Command } from 'commander';
import { catalogPolicy } from '../bia/current.ts';
import { currentDate } from '../catalog/check/check-catalog.ts';
import { formatDuration } from '../catalog/duration.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { buildGraph } from '../engine/index.ts';
import { analyzeExercises, exerciseInput } from '../exercises/analysis.ts';
import type { ExerciseAnalysis } from '../exercises/analysis.ts';
import { loadCheckedCatalog } from './catalog-source.ts';

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => rows.reduce((width, row) => Math.max(width, row[column]?.length ?? 0), 0)) ??
    [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const time = (minutes: number | null) => (minutes === null ? '-' : formatDuration(minutes));

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
        table([
          ['  SERVICE', 'TARGET', 'PREDICTED', 'GRAPH', 'ACHIEVED', 'MET', 'DATA LOST', 'RPO'],
          ...exercise.services.map((service) => [
            `  ${service.id}`,
            time(service.targetMinutes),
            time(service.predictedMinutes),
            time(service.graphMinutes),
            time(service.achievedMinutes),
            service.met === null ? '-' : service.met ? 'yes' : 'MISSED',
            time(service.dataLossMinutes),
            time(service.rpoMinutes),
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
              `${entry.id} (predicted ${time(entry.predictedMinutes)}, took ${time(entry.achievedMinutes)})`,
          )
          .join(', ')}`,
      );
    lines.push('');
  }
  if (analysis.exercises.length === 0) lines.push('exercises: none recorded', '');
  lines.push(
    'programme:',
    table([
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
      table([
        ['  SERVICE', 'RTO', 'PROVEN', 'EXERCISE'],
        ...proven.map((row) => [
          `  ${row.service}`,
          time(row.rtoMinutes),
          time(row.provenMinutes),
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
