import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { renderPackHtml } from '../reports/pack-html.ts';
import { renderPackPdf } from '../reports/pack-pdf.ts';
import { createIncidentService } from '../server/services/incident.service.ts';
import { createPlanService } from '../server/services/plan.service.ts';
import { openCommandDatabase } from './import.command.ts';
import { fail } from './output.ts';

/** `lifeboat plans export <dir> [--plan id]`, `lifeboat plans due` and `lifeboat actions`, on the database. */
export function registerPlans(program: Command): void {
  const plans = program.command('plans').description('continuity plans: offline packs and reviews');

  plans
    .command('export <dir>')
    .description('write each plan as <id>.pdf and <id>.html into <dir>, readable with everything else down')
    .option('--plan <id>', 'only this plan')
    .action(async (dir: string, options: { plan?: string }) => {
      const database = await openCommandDatabase('plans export');
      try {
        const service = createPlanService({ database, now: () => new Date() });
        const ids = options.plan ? [options.plan] : await service.ids();
        if (ids.length === 0) fail('plans export', 'the catalog holds no plan', 1);
        await mkdir(dir, { recursive: true });
        for (const id of ids) {
          const model = await service.packModel(id).catch((error: unknown) => {
            fail('plans export', error instanceof Error ? error.message : String(error), 1);
          });
          await writeFile(path.join(dir, `${id}.pdf`), await renderPackPdf(model));
          await writeFile(path.join(dir, `${id}.html`), renderPackHtml(model));
          const version = model.version.number === null ? 'draft' : `version ${model.version.number}`;
          process.stdout.write(
            `${id}: ${version}, sha256 ${model.version.checksum} -> ${id}.pdf, ${id}.html\n`,
          );
        }
      } finally {
        await database.close();
      }
    });

  plans
    .command('due')
    .description('plans due for review: interval passed, or something in scope changed since')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const database = await openCommandDatabase('plans due');
      try {
        const due = await createPlanService({ database, now: () => new Date() }).due();
        if (options.json) process.stdout.write(`${JSON.stringify(due, null, 2)}\n`);
        else if (due.length === 0) process.stdout.write('no plan is due for review\n');
        else {
          // A reader wants the first reasons, not a hundred: --json lists them all.
          for (const plan of due) {
            const shown = plan.reasons.slice(0, 3).join('; ');
            const more =
              plan.reasons.length > 3
                ? `; and ${plan.reasons.length - 3} more changes in scope (--json lists them)`
                : '';
            process.stdout.write(`${plan.id}: ${shown}${more}\n`);
          }
        }
      } finally {
        await database.close();
      }
    });

  program
    .command('actions')
    .description('corrective actions from incidents, soonest due first (open ones unless --all)')
    .option('--all', 'done ones too')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const database = await openCommandDatabase('actions');
      try {
        const items = await createIncidentService({ database, now: () => new Date() }).actions({
          source: 'incident',
          ...(!options.all && { status: 'open' }),
        });
        if (options.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        else if (items.length === 0) process.stdout.write('no open action\n');
        else
          for (const a of items)
            process.stdout.write(
              `${a.due}${a.overdue ? ' OVERDUE' : ''}  ${a.owner}  ${a.title}  (${a.document}, ${a.status})\n`,
            );
      } finally {
        await database.close();
      }
    });
}
