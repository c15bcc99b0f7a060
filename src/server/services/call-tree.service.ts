import { pageUrl } from '../notify/publish.ts';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { callTreeView, incidentIdFor } from '../../plans/call-tree.ts';
import type { CallTreeContact, ContactView } from '../../plans/call-tree.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import type { JobQueue } from '../jobs/types.ts';
import type { Notifier } from '../notify/types.ts';
import { createCallTreeRepository } from '../repositories/call-tree.repository.ts';
import type { NotificationRow } from '../repositories/call-tree.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { callTreeEmail } from './call-tree.email.ts';
import { ESCALATION_JOB, escalate, loadDirectory, sha256, startContact, stateOf } from './call-tree.steps.ts';
import type { IncidentDocument, TimelineEntry, Work } from './call-tree.steps.ts';
import type { Actor, CatalogService } from './catalog.service.ts';
import { actorName } from './catalog.service.ts';
import { CatalogError } from './errors.ts';

export { ESCALATION_JOB };

type PlanDocument = DocumentOf<'Plan'>;

/**
 * The call tree of an invoked plan: invoking (an incident and the first notifications), acknowledging through a
 * one-time link, escalating who did not answer in time. Each step changes the notifications and the incident's
 * timeline in one write transaction (a catalog update, audited), then sends its emails, timers and webhook events.
 */
export function createCallTreeService(deps: {
  database: LifeboatDatabase;
  catalog: CatalogService;
  notifier: Notifier;
  /** Where escalation timers go; without a queue, the job's schedule finds due escalations all the same. */
  jobs?: Pick<JobQueue, 'send'> | undefined;
  publicUrl: string;
  now: () => Date;
}) {
  const { database, catalog, notifier } = deps;
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const incidentUrl = (id: string) => pageUrl(publicUrl, 'incidents', id);

  /** Runs `step` on the incident's call tree in one write transaction, with its timeline entries. */
  async function inTransaction<T>(
    incidentId: string,
    at: Date,
    actor: Actor,
    step: (work: Work) => Promise<T>,
  ): Promise<{ work: Work; result: T } | undefined> {
    const { result } = await catalog.updateWith(
      'Incident',
      incidentId,
      async (current, reader, trx) => {
        const repo = createCallTreeRepository(trx);
        const tree = await repo.tree(incidentId);
        if (tree === undefined) return { document: undefined, result: undefined };
        const plan = await reader.get(tree.plan_id);
        const work: Work = {
          at: at.toISOString(),
          incident: incidentId,
          incidentUrl: incidentUrl(incidentId),
          plan: {
            id: tree.plan_id,
            name: plan?.metadata.name ?? tree.plan_id,
            scenario: plan?.kind === 'Plan' ? plan.spec.scenario.description : '',
            activation: plan?.kind === 'Plan' ? plan.spec.activation : '',
          },
          contacts: JSON.parse(tree.contacts) as CallTreeContact[],
          directory: await loadDirectory(trx),
          repo,
          entries: [],
          emails: [],
          timers: [],
          events: [],
          reached: [],
        };
        const result = await step(work);
        if (work.entries.length === 0) return { document: undefined, result: { work, result } };
        const incident = current as IncidentDocument;
        const document: IncidentDocument = {
          ...incident,
          spec: { ...incident.spec, timeline: [...(incident.spec.timeline ?? []), ...work.entries] },
        };
        return { document, result: { work, result } };
      },
      actor,
    );
    return result;
  }

  /** Sends what a committed step left to do: emails, escalation timers, webhook events. */
  async function afterCommit(work: Work): Promise<void> {
    const failures: TimelineEntry[] = [];
    for (const email of work.emails) {
      try {
        await notifier.email(
          callTreeEmail({
            to: email.row.address ?? '',
            name: email.row.name,
            plan: work.plan,
            incident: { id: work.incident, url: incidentUrl(work.incident) },
            contactNumber: email.contactNumber,
            contacts: work.contacts.length,
            role: email.role,
            escalatedFrom: email.escalatedFrom,
            ackUrl: `/ack/${email.token}`,
            publicUrl,
          }),
        );
      } catch (error) {
        failures.push({
          at: deps.now().toISOString(),
          entry:
            `The email to ${email.row.name} (${email.row.address ?? ''}) could not be sent: ${error instanceof Error ? error.message : String(error)}`.slice(
              0,
              2_000,
            ),
        });
      }
    }
    for (const timer of work.timers)
      await deps.jobs?.send(
        ESCALATION_JOB,
        { incident: work.incident, position: timer.position, stage: timer.stage },
        {
          startAfter: timer.at,
          singletonKey: `call-tree:${work.incident}:${timer.position}:${timer.stage}`,
        },
      );
    for (const event of work.events) await notifier.publish(event);
    if (failures.length > 0)
      await catalog.updateWith(
        'Incident',
        work.incident,
        (current) => {
          const incident = current as IncidentDocument;
          return Promise.resolve({
            document: {
              ...incident,
              spec: { ...incident.spec, timeline: [...(incident.spec.timeline ?? []), ...failures] },
            },
            result: undefined,
          });
        },
        'lifeboat call tree',
      );
  }

  /** The notification a link names, or a not-found refusal (unknown or expired link). */
  async function notificationOf(token: string, at: Date): Promise<NotificationRow> {
    const row = await createCallTreeRepository(database.db).byTokenHash(sha256(token));
    if (row === undefined)
      throw new CatalogError(
        'not-found',
        'This acknowledgement link is not known: check that the whole link from the email was opened',
      );
    if (row.acknowledged_at === null && row.expires_at <= at.toISOString())
      throw new CatalogError(
        'not-found',
        `This acknowledgement link expired at ${row.expires_at}: it works for 30 days after it was sent`,
      );
    return row;
  }

  return {
    /**
     * Invokes a plan: creates an Incident for its scenario (id `<plan>-<yyyymmdd>`, audited as an ordinary create)
     * and starts its call tree. A service owner may invoke the plans they or their teams own.
     */
    async invoke(
      planId: string,
      actor: Actor,
      options: { summary?: string; now?: Date } = {},
    ): Promise<{ incident: IncidentDocument; notified: { name: string; address: string | null }[] }> {
      const at = options.now ?? deps.now();
      const plan = (await catalog.get('Plan', planId)) as PlanDocument;
      if (
        typeof actor !== 'string' &&
        actor.ownerScope !== undefined &&
        !actor.ownerScope.has(plan.spec.owner)
      )
        throw new CatalogError(
          'forbidden',
          `As a service owner you may only invoke plans owned by you or your teams; the owner of plan "${planId}" is "${plan.spec.owner}"`,
        );
      if (plan.spec.status === 'retired')
        throw new CatalogError('conflict', `Plan "${planId}" is retired: invoke the plan that replaces it`);
      const name = plan.metadata.name ?? planId;
      const by = actorName(actor);
      const documents = createDocumentRepository(database.db);
      let incident: CatalogDocument | undefined;
      // Two invocations on one day get -2, -3...; a race for the same id is retried with the next one.
      for (let attempt = 0; incident === undefined; attempt++) {
        const taken = new Set<string>();
        let id = incidentIdFor(planId, at, () => false);
        while ((await documents.get(id)) !== undefined) {
          taken.add(id);
          id = incidentIdFor(planId, at, (candidate) => taken.has(candidate));
        }
        try {
          incident = await catalog.create(
            'Incident',
            {
              apiVersion: 'lifeboat/v1',
              kind: 'Incident',
              metadata: { id, name: `${name} invoked` },
              spec: {
                title: `${name} invoked`,
                summary: options.summary?.trim() || plan.spec.scenario.description,
                started: at.toISOString(),
                detected: at.toISOString(),
                failed: plan.spec.scenario.fail,
                plan: planId,
                timeline: [{ at: at.toISOString(), entry: `Plan "${name}" invoked by ${by}` }],
              },
            },
            by,
          );
        } catch (error) {
          if (!(error instanceof CatalogError && error.code === 'already-exists') || attempt >= 5)
            throw error;
        }
      }
      const incidentId = incident.metadata.id;
      const contacts: CallTreeContact[] = (plan.spec.contacts ?? []).map((contact) => ({ ...contact }));
      await database.writeTransaction((trx) =>
        createCallTreeRepository(trx).insertTree({
          incident_id: incidentId,
          plan_id: planId,
          contacts: JSON.stringify(contacts),
          started_at: at.toISOString(),
          started_by: by,
        }),
      );
      const step = await inTransaction(incidentId, at, by, async (work) => {
        work.events.push({
          event: 'plan.invoked',
          text: `${name} invoked by ${by}: ${plan.spec.scenario.description}`,
          url: incidentUrl(incidentId),
          data: { plan: planId, incident: incidentId, by, at: work.at, failed: plan.spec.scenario.fail },
        });
        if (contacts.length === 0)
          work.entries.push({ at: work.at, entry: 'The plan has no call tree: nobody was notified' });
        await startContact(work, 0);
      });
      if (step) await afterCommit(step.work);
      return {
        incident: (await catalog.get('Incident', incidentId)) as IncidentDocument,
        notified: step?.work.reached ?? [],
      };
    },

    /** What an acknowledgement link names, without acknowledging (a GET: mail scanners follow links). */
    async lookup(
      token: string,
    ): Promise<{ name: string; incident: string; plan: string; acknowledgedAt?: string }> {
      const row = await notificationOf(token, deps.now());
      const tree = await createCallTreeRepository(database.db).tree(row.incident_id);
      const plan = tree ? await catalog.getById(tree.plan_id).catch(() => undefined) : undefined;
      return {
        name: row.name,
        incident: row.incident_id,
        plan: plan?.metadata.name ?? tree?.plan_id ?? '',
        ...(row.acknowledged_at !== null && { acknowledgedAt: row.acknowledged_at }),
      };
    },

    /**
     * Acknowledges through a one-time link: once (a second time answers when it was), on the timeline, and the
     * call tree moves on to the next contact.
     */
    async acknowledge(
      token: string,
    ): Promise<{ name: string; incident: string; acknowledgedAt: string; already: boolean }> {
      const at = deps.now();
      const row = await notificationOf(token, at);
      if (row.acknowledged_at !== null)
        return {
          name: row.name,
          incident: row.incident_id,
          acknowledgedAt: row.acknowledged_at,
          already: true,
        };
      const actor = `${row.name}${row.address ? ` <${row.address}>` : ''} (acknowledgement link)`;
      const step = await inTransaction(row.incident_id, at, actor, async (work) => {
        if (!(await work.repo.acknowledge(row.id, work.at))) return false;
        work.entries.push({
          at: work.at,
          entry: `${row.name} acknowledged`,
          ...(row.person_id !== null && work.directory.person(row.person_id) && { by: row.person_id }),
        });
        work.events.push({
          event: 'call-tree.acknowledged',
          text: `${work.plan.name}: ${row.name} acknowledged`,
          url: incidentUrl(row.incident_id),
          data: {
            incident: row.incident_id,
            plan: work.plan.id,
            contact: row.contact_id,
            person: row.person_id,
            at: work.at,
          },
        });
        await startContact(work, row.position + 1);
        return true;
      });
      if (step?.result !== true) {
        const again = await notificationOf(token, at);
        return {
          name: again.name,
          incident: again.incident_id,
          acknowledgedAt: again.acknowledged_at ?? at.toISOString(),
          already: true,
        };
      }
      await afterCommit(step.work);
      return { name: row.name, incident: row.incident_id, acknowledgedAt: at.toISOString(), already: false };
    },

    /**
     * Escalates every contact whose time to acknowledge ran out by `now`, each in its own transaction; a contact
     * already escalated or acknowledged is left alone, so running this twice escalates once.
     */
    async escalateDue(now: Date): Promise<{ escalated: number }> {
      let escalated = 0;
      for (const due of await createCallTreeRepository(database.db).due(now.toISOString())) {
        const step = await inTransaction(due.incident_id, now, 'lifeboat call tree', (work) =>
          escalate(work, due.position, due.stage),
        );
        if (step?.result === true) {
          escalated++;
          await afterCommit(step.work);
        }
      }
      return { escalated };
    },

    /** The call tree of an incident, derived from its notifications; empty when no plan was invoked for it. */
    async view(incidentId: string): Promise<{
      incident: string;
      plan: string | null;
      startedAt: string | null;
      startedBy: string | null;
      contacts: (ContactView & { name: string })[];
    }> {
      const incident = await catalog.get('Incident', incidentId);
      const repo = createCallTreeRepository(database.db);
      const tree = await repo.tree(incident.metadata.id);
      if (tree === undefined)
        return { incident: incidentId, plan: null, startedAt: null, startedBy: null, contacts: [] };
      const contacts = JSON.parse(tree.contacts) as CallTreeContact[];
      const names = new Map(
        (await createDocumentRepository(database.db).getMany(contacts.map((contact) => contact.id))).map(
          (row) => [row.id, row.name ?? row.id],
        ),
      );
      const rows = (await repo.notifications(incidentId)).map(stateOf);
      return {
        incident: incidentId,
        plan: tree.plan_id,
        startedAt: tree.started_at,
        startedBy: tree.started_by,
        contacts: callTreeView(contacts, rows).map((view) => ({
          ...view,
          name: names.get(view.contact) ?? view.contact,
        })),
      };
    },
  };
}

/** The call-tree service's interface. */
export type CallTreeService = ReturnType<typeof createCallTreeService>;
