import type { Command } from 'commander';
import { ConfigError, mailConfigFromEnv, serverConfigFromEnv } from '../server/config.ts';
import { createJobQueue } from '../server/jobs/queue.ts';
import type { JobQueue } from '../server/jobs/types.ts';
import { createNotifier } from '../server/notify/notifier.ts';
import { createCallTreeService } from '../server/services/call-tree.service.ts';
import { createCatalogService } from '../server/services/catalog.service.ts';
import { CatalogError } from '../server/services/errors.ts';
import { openCommandDatabase } from './import.command.ts';
import { fail } from './output.ts';

/** An instant: a date (midnight UTC) or a date and time with its offset, `2026-03-02T07:00:00Z`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const COMMAND = 'incident declare';

/** `lifeboat incident declare --plan <id>`: invokes a plan as the web page and the API do. */
export function registerIncident(program: Command): void {
  const incident = program.command('incident').description('declare an incident by invoking a plan');
  incident
    .command('declare')
    .description(
      'invoke a plan: open an incident for its scenario and email its call tree (on the database the environment names)',
    )
    .requiredOption('--plan <id>', 'the plan to invoke')
    .option('--now <instant>', 'the instant the incident starts (2026-03-02T07:00:00Z); default: now')
    .option('--summary <text>', "what is happening; the plan's scenario when absent")
    .action(async (flags: { plan: string; now?: string; summary?: string }) => {
      const now = flags.now === undefined ? new Date() : new Date(flags.now);
      if (flags.now !== undefined && (!INSTANT.test(flags.now) || Number.isNaN(now.getTime())))
        fail(
          COMMAND,
          `--now must be an instant such as 2026-03-02T07:00:00Z or a date such as 2026-03-02 (UTC), got "${flags.now}"`,
          2,
        );
      let mail;
      let publicUrl: string;
      try {
        mail = mailConfigFromEnv();
        const config = serverConfigFromEnv();
        publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
      } catch (error) {
        if (error instanceof ConfigError) fail(COMMAND, error.message, 2);
        throw error;
      }
      const database = await openCommandDatabase(COMMAND);
      // Escalation timers go to the queue the servers run; email as `lifeboat serve` sends it.
      const jobs: JobQueue = createJobQueue({ database, notifier: () => notifier, publicUrl });
      const notifier = createNotifier({ database, jobs, ...mail, publicUrl });
      try {
        const service = createCallTreeService({
          database,
          catalog: createCatalogService({ database, now: () => now }),
          notifier,
          jobs,
          publicUrl,
          now: () => now,
        });
        const result = await service.invoke(flags.plan, 'lifeboat incident declare', {
          now,
          ...(flags.summary !== undefined && { summary: flags.summary }),
        });
        const lines = [`declared ${result.incident.metadata.id}: ${result.incident.spec.title}`];
        if (result.notified.length === 0) lines.push('notified nobody: the plan has no call tree');
        for (const person of result.notified)
          lines.push(
            `notified ${person.name}${person.address ? ` <${person.address}>` : ' (no email address: not reached)'}`,
          );
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (error) {
        if (error instanceof CatalogError) fail(COMMAND, error.detail, 1);
        throw error;
      } finally {
        await jobs.stop();
        notifier.close();
        await database.close();
      }
    });
}
