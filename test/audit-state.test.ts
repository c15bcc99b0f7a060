import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import type { LifeboatDatabase } from '../src/server/db/database.ts';
import { createAuditRepository } from '../src/server/repositories/audit.repository.ts';
import { appendAudit } from '../src/server/services/audit.service.ts';
import { AUDIT_VERDICT_MAX_AGE_MS, createAuditStateCache } from '../src/server/services/audit-state.ts';
import { createTestDatabase } from './support/test-databases.ts';
import type { TestDatabase } from './support/test-databases.ts';
import { describeEachDatabase } from './support/test-databases.ts';

/**
 * The audit chain's state the compliance report reads (C17): kept between requests, entries appended since
 * verified onto it, the whole chain walked again once the verdict is five minutes old.
 */
describeEachDatabase('audit chain state', (dialect) => {
  let testDatabase: TestDatabase;
  let database: LifeboatDatabase;
  let clock = new Date('2026-12-06T09:00:00Z');

  beforeAll(async () => {
    testDatabase = await createTestDatabase(dialect);
    database = await openDatabase(testDatabase.config);
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  async function append(count: number): Promise<void> {
    await database.writeTransaction(async (trx) => {
      for (let i = 0; i < count; i++)
        await appendAudit(createAuditRepository(trx), {
          at: clock.toISOString(),
          actor: 'alice@example.com',
          action: 'create',
          kind: 'Team',
          documentId: `team-${Math.random().toString(36).slice(2, 8)}`,
          before: null,
          after: { spec: {} },
        });
    });
  }

  it('holds for an empty log, follows appended entries, and finds an appended entry edited before it was read', async () => {
    const audits = createAuditStateCache({ database, now: () => clock });
    expect(await audits.current()).toEqual({ valid: true, entries: 0, head: null });
    await append(3);
    const three = await audits.current();
    expect(three).toMatchObject({ valid: true, entries: 3, head: { sequence: 3, at: clock.toISOString() } });
    await append(2);
    expect(await audits.current()).toMatchObject({ valid: true, entries: 5, head: { sequence: 5 } });
    // Entries appended and one of them edited: the verification of the new entries fails and the whole walk names it.
    await append(2);
    await database.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 6).execute();
    expect(await audits.current()).toMatchObject({
      valid: false,
      entries: 5,
      head: { sequence: 7 },
      firstBroken: { sequence: 6, reason: 'its content does not match its hash' },
    });
    await database.db
      .updateTable('audit_log')
      .set({ actor: 'alice@example.com' })
      .where('seq', '=', 6)
      .execute();
  });

  it('finds an old entry edited in place once the kept verdict is five minutes old', async () => {
    const audits = createAuditStateCache({ database, now: () => clock });
    expect(await audits.current()).toMatchObject({ valid: true, entries: 7 });
    await database.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute();
    // The head did not move: the verdict kept a minute ago still answers.
    clock = new Date(clock.getTime() + 60_000);
    expect(await audits.current()).toMatchObject({ valid: true, entries: 7 });
    clock = new Date(clock.getTime() + AUDIT_VERDICT_MAX_AGE_MS);
    expect(await audits.current()).toMatchObject({
      valid: false,
      entries: 1,
      firstBroken: { sequence: 2, reason: 'its content does not match its hash' },
    });
  });
});
