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
