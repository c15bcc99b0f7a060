import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A row of `plan_versions` (migration 0003). */
export interface PlanVersionRow {
  plan_id: string;
  number: number;
  document: string;
  checksum: string;
  approved_by: string;
  approved_at: string;
}

/** SQL for frozen plan versions; the rules of approval live in the plan service. */
export function createPlanRepository(db: Kysely<Database>) {
  // The table is declared here rather than in the shared schema, so this feature stays in its own files.
  const plans = db.withTables<{ plan_versions: PlanVersionRow }>();
  return {
    async lastNumber(planId: string): Promise<number> {
      const row = await plans
        .selectFrom('plan_versions')
        .select((eb) => eb.fn.max('number').as('last'))
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      return Number(row?.last ?? 0);
    },

    async insert(row: PlanVersionRow): Promise<void> {
      await plans.insertInto('plan_versions').values(row).execute();
    },

    async list(planId: string): Promise<PlanVersionRow[]> {
      return plans
        .selectFrom('plan_versions')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('number')
        .execute();
    },

    /** The latest version of each of `planIds` (of every plan when absent) that has one. */
    async latest(planIds?: readonly string[]): Promise<PlanVersionRow[]> {
      const query = (ids?: readonly string[]) => {
        let select = plans
          .selectFrom('plan_versions as v')
          .selectAll('v')
          .where((eb) =>
            eb(
              'v.number',
              '=',
              eb
                .selectFrom('plan_versions as w')
                .select((inner) => inner.fn.max('w.number').as('last'))
                .whereRef('w.plan_id', '=', 'v.plan_id'),
            ),
          );
        if (ids) select = select.where('v.plan_id', 'in', ids);
        return select.execute();
      };
      if (planIds === undefined) return query();
      const rows: PlanVersionRow[] = [];
      // Batches keep the bound parameters far below SQLite's limit.
      for (let i = 0; i < planIds.length; i += 500) {
        const batch = planIds.slice(i, i + 500);
        if (batch.length > 0) rows.push(...(await query(batch)));
      }
      return rows;
    },

    async get(planId: string, number: number): Promise<PlanVersionRow | undefined> {
      return plans
        .selectFrom('plan_versions')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('number', '=', number)
        .executeTakeFirst();
    },
  };
}
