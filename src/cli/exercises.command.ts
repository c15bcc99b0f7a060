import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { didYouMean } from '../catalog/check/suggest.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { buildGraph } from '../engine/index.ts';
import { fileApprovalNote } from '../plans/versions.ts';
import { renderExerciseReportHtml } from '../reports/exercise-report-html.ts';
import type { PlanApproval } from '../reports/exercise-report-model.ts';
import { buildExerciseReportModel } from '../reports/exercise-report-model.ts';
import { renderExerciseReportPdf } from '../reports/exercise-report-pdf.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { fail } from './output.ts';

const FORMATS = ['pdf', 'html'] as const;

/** What a failed write of the report means, for the errors a person can fix. */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder; name a file',
};

/** `--format`: pdf or html. */
function parseFormat(value: string): (typeof FORMATS)[number] {
  const format = FORMATS.find((known) => known === value);
  if (!format) throw new InvalidArgumentError(`expected pdf or html, got "${value}"`);
  return format;
}

/** `lifeboat exercises report <catalog> <exercise-id> [--format pdf|html] [--out file]`, on catalog files. */
export function registerExercises(program: Command): void {
  const exercises = program
    .command('exercises')
    .description('exercises: reports for the people who ran them');

  exercises
    .command('report')
    .description(
      'write the report of one exercise: scope, participants, timeline, achieved against predicted against target per service, findings, lessons',
    )
    .argument('<catalog>', 'a catalog file or folder')
    .argument('<exercise-id>', 'the Exercise to report on')
    .option('--format <format>', 'pdf or html (one self-contained file)', parseFormat, 'pdf' as const)
    .option('--out <file>', 'where to write it (default <exercise-id>-report.<format>)')
    .action(
      async (
        catalogPath: string,
        id: string,
        options: { format: (typeof FORMATS)[number]; out?: string },
      ) => {
        const command = 'exercises report';
        const documents = await loadCheckedCatalog(command, catalogPath, 'fix them to write the report');
        const byId = new Map(documents.map((document) => [document.metadata.id, document]));
        const exercise = byId.get(id);
        if (exercise?.kind !== 'Exercise') {
          const ids = documents.flatMap((d) => (d.kind === 'Exercise' ? [d.metadata.id] : []));
          fail(command, `${catalogPath} holds no Exercise with the id "${id}"${didYouMean(id, ids)}`, 1);
        }
        // Without a database, approval is the repository's review process: every plan but a retired one counts.
        const approvals = new Map<string, PlanApproval>();
        for (const planId of exercise.spec.plans) {
          const plan = byId.get(planId);
          if (plan?.kind !== 'Plan') continue;
          const retired = plan.spec.status === 'retired';
          approvals.set(planId, {
            status: retired ? 'retired' : 'approved in the catalog files',
            version: null,
            approvedBy: null,
            approvedAt: null,
          });
        }
        const model = buildExerciseReportModel({
          exercise,
          documents: byId,
          graph: buildGraph(toEngineNodes(documents)),
          approvals,
          generatedAt: new Date(),
        });
        const out = options.out ?? `${model.id}-report.${options.format}`;
        const bytes =
          options.format === 'html' ? renderExerciseReportHtml(model) : await renderExerciseReportPdf(model);
        try {
          await writeFile(out, bytes);
        } catch (error) {
          const code = error instanceof Error && 'code' in error ? String(error.code) : '';
          const reason = WRITE_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
          fail(command, `cannot write ${out}: ${reason}`, 1);
        }
        const counted = [...approvals.values()].filter((a) => a.status !== 'retired').length;
        if (counted > 0) process.stderr.write(`${fileApprovalNote(counted)}\n`);
        process.stdout.write(`${model.id}: ${model.status} exercise report -> ${out}\n`);
      },
    );
}
