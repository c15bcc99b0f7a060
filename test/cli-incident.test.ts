import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { startSmtpServer } from './support/smtp.ts';
import type { TestSmtpServer } from './support/smtp.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-incident-'));
let smtp: TestSmtpServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  smtp = await startSmtpServer();
  env = {
    LIFEBOAT_DB: join(dir, 'incident.db'),
    LIFEBOAT_SMTP_URL: smtp.url,
    LIFEBOAT_MAIL_FROM: 'lifeboat@northbank.example',
    LIFEBOAT_PUBLIC_URL: 'https://lifeboat.northbank.example',
  };
  const demo = await runCli(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(async () => {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

const addressees = () =>
  smtp.messages.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address);

it('declares an incident from a plan, emails the first contact, and the escalation job reaches the deputy once', async () => {
  const declared = await runCli(
    ['incident', 'declare', '--plan', 'plan-dc-leeds-loss', '--now', '2026-03-02T09:00:00Z'],
    env,
  );
  expect(declared.code, declared.stderr).toBe(0);
  expect(declared.stdout).toMatch(/^declared plan-dc-leeds-loss-20260302: /);
  expect(declared.stdout).toContain('notified Martin Okafor <martin.okafor@northbank.example>');
  await smtp.waitFor(1);
  expect(smtp.messages[0]?.text).toContain('https://lifeboat.northbank.example/ack/');

  // Martin has 10 minutes; at 09:11 his deputy Gareth is reached, once however often the job runs.
  for (const expected of ['escalated 1 contact', 'escalated 0 contacts']) {
    const run = await runCli(['jobs', 'run', 'call-tree-escalation', '--now', '2026-03-02T09:11:00Z'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`call-tree-escalation: ${expected}\n`);
  }
  await smtp.waitFor(2);
  expect(addressees()).toEqual(['martin.okafor@northbank.example', 'gareth.pryce@northbank.example']);
});

it('refuses an unknown plan with a readable error', async () => {
  const result = await runCli(['incident', 'declare', '--plan', 'no-such-plan'], env);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('lifeboat incident declare: error: No Plan has the id "no-such-plan"\n');
});
