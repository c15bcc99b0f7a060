import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuthService } from '../src/server/auth/auth.service.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { createReminderService } from '../src/server/services/reminder.service.ts';
import { runCli } from './support/cli.ts';
import { startSmtpServer } from './support/smtp.ts';
import type { TestSmtpServer } from './support/smtp.ts';

/**
 * `lifeboat jobs run reminders --now <instant>` on the example organisation (Northbank, `lifeboat demo`), with a
 * real SMTP server. The digests below are written out from examples/northbank; why each item is due:
 * - plan-ransomware, reviewed 2024-09-02 every 52w: due 2025-09-01 (owner team-security: Fiona);
 * - plan-exit-voxa, last exercised 2025-08-20 (tier 2, every 52w): due 2026-08-19 (team-contact-centre: Siobhan);
 * - risk-cardlink-line's acceptance ended 2026-09-30 (team-cards: Rachel).
 * What is not due: the Leeds plan was reviewed on 2026-10-30 (every 26w); the ransomware plan was exercised on
 * 2026-09-19 (a parallel test, every 26w) and its briefing's attendees took part, so their training counts past
 * the briefing's end (2026-12-14); Siobhan and Ben were briefed on the Voxa plan on 2026-10-12; the incident's
 * open action is due in 2027; the 2026 BIA round is complete.
 * Priya is a manager (the weekly summary), Fiona chose weekly digests and Helen none.
 */
const PUBLIC_URL = 'https://lifeboat.northbank.example';
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-reminders-'));
let smtp: TestSmtpServer;
let env: Record<string, string>;

const at = (path: string) => `  ${PUBLIC_URL}${path}`;
const RANSOMWARE = '/plans/plan-ransomware';
const VOXA = '/plans/plan-exit-voxa';

/** The daily digests of Monday 2026-12-07, by address. */
const DAILY: Record<string, string[]> = {
  'rachel.thornton@northbank.example': [
    '- Risk acceptance expired: The leased line to Cardlink fails (was due 2026-09-30)',
    at('/risks/risk-cardlink-line'),
  ],
  'siobhan.kelly@northbank.example': [
    '- Exercise overdue: Exit from Voxa Cloud Contact (was due 2026-08-19)',
    at(VOXA),
  ],
};

/** Fiona's weekly digest: overdue first (undated last among them), then what is due. */
const WEEKLY: Record<string, string[]> = {
  'fiona.macleod@northbank.example': [
    '- Plan review due: Ransomware on the Leeds estate (was due 2025-09-01)',
    at(RANSOMWARE),
  ],
};

/** What a recipient reads: the subject and each item line with its link. */
function byRecipient(mails: readonly ParsedMail[]): Record<string, { subject: string; lines: string[] }> {
  const out: Record<string, { subject: string; lines: string[] }> = {};
  for (const mail of mails) {
    const to = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
    const lines = (mail.text ?? '').split('\n').filter((line) => /^(- | {2}http)/.test(line));
    const key = mail.subject?.startsWith('Lifeboat weekly summary') ? `summary ${to}` : to;
    out[key] = { subject: mail.subject ?? '', lines };
  }
  return out;
}

/** Runs the job at `instant` through the command line and answers the emails it sent. */
async function runReminders(instant: string): Promise<ParsedMail[]> {
  const before = smtp.messages.length;
  const result = await runCli(['jobs', 'run', 'reminders', '--now', instant], env);
  expect(result.code, result.stderr).toBe(0);
  return smtp.messages.slice(before);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  env = {
    LIFEBOAT_DB: join(dir, 'northbank.db'),
    LIFEBOAT_SMTP_URL: smtp.url,
    LIFEBOAT_MAIL_FROM: 'Lifeboat <lifeboat@northbank.example>',
    LIFEBOAT_PUBLIC_URL: PUBLIC_URL,
  };
  expect((await runCli(['demo'], env)).code).toBe(0);
  const database = await openDatabase({ dialect: 'sqlite', file: env.LIFEBOAT_DB! });
  try {
    const auth = createAuthService({ database, now: () => new Date() });
    const reminders = createReminderService({ database });
    for (const [email, role, digest] of [
      ['priya.raman@northbank.example', 'manager', undefined],
      ['fiona.macleod@northbank.example', 'owner', 'weekly'],
      ['helen.ashworth@northbank.example', 'viewer', 'off'],
    ] as const) {
      const user = await auth.addUser({ email, role }, 'test setup');
      if (digest)
        await reminders.setPreference({ userId: user.id, email }, digest, {
          actor: 'test setup',
          now: new Date(),
        });
    }
  } finally {
    await database.close();
  }
  // Loading the example and running the command from source take a while on a busy machine.
}, 180_000);
afterAll(async () => {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

it('sends exactly the expected digests and the manager summary for Northbank on Monday 2026-12-07', async () => {
  const sent = byRecipient(await runReminders('2026-12-07T07:00:00Z'));
  const expected = { ...DAILY, ...WEEKLY };
  expect(Object.keys(sent).sort()).toEqual(
    [...Object.keys(expected), 'summary priya.raman@northbank.example'].sort(),
  );
  for (const [address, lines] of Object.entries(expected))
    expect(sent[address]?.lines, address).toEqual(lines);
  expect(sent['rachel.thornton@northbank.example']?.subject).toBe('Lifeboat reminders: 1 overdue');
  expect(sent['fiona.macleod@northbank.example']?.subject).toBe('Lifeboat reminders: 1 overdue');
  const summary = sent['summary priya.raman@northbank.example']!;
  expect(summary.subject).toBe('Lifeboat weekly summary 2026-W50: 3 open, 3 overdue');
  expect(summary.lines.slice(0, 3)).toEqual([
    '- Plan review due: 1 (1 overdue)',
    '- Exercise due: 1 (1 overdue)',
    '- Risk acceptance expiring: 1 (1 overdue)',
  ]);
});

it('sends nothing when the job runs again at the same instant', async () => {
  expect(await runReminders('2026-12-07T07:00:00Z')).toEqual([]);
});

it('sends the next day only the daily digests again: no weekly digest, no summary', async () => {
  const sent = byRecipient(await runReminders('2026-12-08T07:00:00Z'));
  expect(Object.keys(sent).sort()).toEqual(Object.keys(DAILY).sort());
  for (const [address, lines] of Object.entries(DAILY)) expect(sent[address]?.lines, address).toEqual(lines);
});
