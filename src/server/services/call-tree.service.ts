import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { parseDuration } from '../../catalog/duration.ts';
import { callTreeView, escalationTarget, incidentIdFor, recipientsOf } from '../../plans/call-tree.ts';
import type {
  CallTreeContact,
  ContactView,
  Directory,
  NotificationState,
  Recipient,
} from '../../plans/call-tree.ts';
import type { Database } from '../db/schema.ts';
import type { LifeboatDatabase } from '../db/database.ts';
import type { JobQueue } from '../jobs/types.ts';
import type { EventMessage, Notifier } from '../notify/types.ts';
import { createCallTreeRepository } from '../repositories/call-tree.repository.ts';
import type { NotificationRow } from '../repositories/call-tree.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { callTreeEmail } from './call-tree.email.ts';
import type { Actor, CatalogService } from './catalog.service.ts';
import { actorName } from './catalog.service.ts';
import { rowToDocument } from './document-mapping.ts';
import { CatalogError } from './errors.ts';

type PlanDocument = DocumentOf<'Plan'>;
type IncidentDocument = DocumentOf<'Incident'>;
type TimelineEntry = NonNullable<IncidentDocument['spec']['timeline']>[number];

/** The job that escalates unacknowledged contacts. */
export const ESCALATION_JOB = 'call-tree-escalation';

/** How long an acknowledgement link works. */
const LINK_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A notification row as the rules and the API see it (never the token hash). */
function stateOf(row: NotificationRow): NotificationState {
  return {
    id: row.id,
    position: row.position,
    stage: row.stage,
    contact: row.contact_id,
    ...(row.person_id !== null && { person: row.person_id }),
    name: row.name,
    ...(row.address !== null && { address: row.address }),
    sentAt: row.sent_at,
    ...(row.escalate_at !== null && { escalateAt: row.escalate_at }),
    ...(row.acknowledged_at !== null && { acknowledgedAt: row.acknowledged_at }),
    ...(row.escalated_at !== null && { escalatedAt: row.escalated_at }),
    ...(row.escalated_to !== null && { escalatedTo: row.escalated_to }),
  };
}

/** An email to send once the transaction that recorded it has committed. */
interface PendingEmail {
  row: NotificationRow;
  token: string;
  contactNumber: number;
  role: string | undefined;
  escalatedFrom?: string;
}

/** What one step of the call tree did inside its transaction, and what is left to do after the commit. */
interface Work {
  at: string;
  incident: string;
  plan: { id: string; name: string; scenario: string; activation: string };
  contacts: CallTreeContact[];
  directory: Directory & { nameOf(id: string): string };
  repo: ReturnType<typeof createCallTreeRepository>;
  entries: TimelineEntry[];
  emails: PendingEmail[];
  timers: { position: number; stage: number; at: Date }[];
  events: EventMessage[];
  reached: { name: string; address: string | null }[];
}

/** People and Teams by id, read in the transaction. */
async function loadDirectory(trx: Kysely<Database>): Promise<Work['directory']> {
  const documents = createDocumentRepository(trx);
  const byId = new Map<string, CatalogDocument>();
  for (const kind of ['Person', 'Team'] as const)
    for (const row of await documents.allOfKind(kind)) byId.set(row.id, rowToDocument(row));
  return {
    person: (id) => {
      const document = byId.get(id);
      return document?.kind === 'Person'
        ? {
            ...(document.metadata.name !== undefined && { name: document.metadata.name }),
            ...document.spec,
          }
        : undefined;
    },
    team: (id) => {
      const document = byId.get(id);
      return document?.kind === 'Team'
        ? {
            ...(document.metadata.name !== undefined && { name: document.metadata.name }),
            ...document.spec,
          }
        : undefined;
    },
    nameOf: (id) => byId.get(id)?.metadata.name ?? id,
  };
}

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
  const incidentUrl = (id: string) => `${publicUrl}/incidents/${encodeURIComponent(id)}`;

  /** Notifies `recipients` for the contact at `position`; then waits, moves on, or escalates at once. */
  async function reach(
    work: Work,
    position: number,
    stage: number,
    recipients: Recipient[],
    escalatedFrom?: string,
  ): Promise<void> {
    const contact = work.contacts[position];
    if (contact === undefined) return;
    const minutes = contact.escalateAfter === undefined ? undefined : parseDuration(contact.escalateAfter);
    const waits =
      minutes !== undefined && escalationTarget(work.directory, work.contacts, position, stage).to !== 'none';
    const sent = new Date(work.at);
    const escalateAt = waits ? new Date(sent.getTime() + minutes * 60_000) : undefined;
    const label = `contact ${position + 1} of ${work.contacts.length}${contact.role ? ` (${contact.role})` : ''}`;
    for (const recipient of recipients) {
      const token = randomBytes(32).toString('base64url');
      const row: NotificationRow = {
        id: randomUUID(),
        incident_id: work.incident,
        position,
        stage,
        contact_id: contact.id,
        person_id: recipient.person ?? null,
        name: recipient.name,
        address: recipient.email ?? null,
        channel: recipient.email === undefined ? 'none' : 'email',
        sent_at: work.at,
        escalate_at: recipient.email !== undefined && escalateAt ? escalateAt.toISOString() : null,
        token_hash: sha256(token),
        expires_at: new Date(sent.getTime() + LINK_LIFETIME_MS).toISOString(),
        acknowledged_at: null,
        escalated_at: null,
        escalated_to: null,
      };
      await work.repo.insertNotification(row);
      work.reached.push({ name: row.name, address: row.address });
      if (recipient.email === undefined) {
        work.entries.push({
          at: work.at,
          entry: `${recipient.name} has no email address and cannot be reached (${label})`,
        });
        continue;
      }
      work.emails.push({
        row,
        token,
        contactNumber: position + 1,
        role: contact.role,
        ...(escalatedFrom !== undefined && { escalatedFrom }),
      });
      work.entries.push({
        at: work.at,
        entry:
          `Emailed ${recipient.name} (${recipient.email}), ${label}` +
          (escalatedFrom !== undefined ? `, escalated from ${escalatedFrom}` : '') +
          (escalateAt ? `; escalates at ${escalateAt.toISOString()} without acknowledgement` : ''),
      });
    }
    if (!recipients.some((recipient) => recipient.email !== undefined)) {
      await escalate(work, position, stage);
      return;
    }
    if (escalateAt) work.timers.push({ position, stage, at: escalateAt });
    // Nobody is waited for without escalateAfter: the next contact is reached at the same time.
    if (minutes === undefined) await startContact(work, position + 1);
  }

  /** Reaches the contact at `position` unless it already was (or there is none). */
  async function startContact(work: Work, position: number): Promise<void> {
    const contact = work.contacts[position];
    if (contact === undefined) return;
    const rows = await work.repo.notifications(work.incident);
    if (rows.some((row) => row.position === position)) return;
    await reach(work, position, 0, recipientsOf(work.directory, contact.id).recipients);
  }

  /**
   * Escalates the contact at `position` from `stage` when nobody acknowledged: to its deputy, or on to the next
   * contact. False when there is nothing to do (acknowledged, or already escalated: a timer firing twice).
   */
  async function escalate(work: Work, position: number, stage: number): Promise<boolean> {
    const rows = (await work.repo.notifications(work.incident)).filter((row) => row.position === position);
    if (rows.some((row) => row.acknowledged_at !== null)) return false;
    const open = rows.filter((row) => row.stage === stage && row.escalated_at === null);
    if (open.length === 0) return false;
    const target = escalationTarget(work.directory, work.contacts, position, stage);
    const next = target.to === 'next' ? work.contacts[target.position] : undefined;
    const to = target.to === 'deputy' ? (target.deputy.person ?? null) : (next?.id ?? null);
    await work.repo.markEscalated(
      open.map((row) => row.id),
      work.at,
      to,
    );
    const who = open.map((row) => row.name).join(', ');
    const reachable = open.some((row) => row.address !== null);
    const why = reachable
      ? `No acknowledgement from ${who} within ${work.contacts[position]?.escalateAfter ?? '0m'}`
      : `${who} could not be reached`;
    const whereTo =
      target.to === 'deputy'
        ? `escalated to the deputy ${target.deputy.name}`
        : next !== undefined
          ? `the call tree moves on to ${work.directory.nameOf(next.id)}`
          : 'nobody is left in the call tree';
    work.entries.push({ at: work.at, entry: `${why}: ${whereTo}` });
    work.events.push({
      event: 'call-tree.escalated',
      text: `${work.plan.name}: ${why}; ${whereTo}`,
      url: incidentUrl(work.incident),
      data: {
        incident: work.incident,
        plan: work.plan.id,
        contact: work.contacts[position]?.id,
        from: open.map((row) => row.person_id ?? row.name),
        to,
        at: work.at,
      },
    });
    if (target.to === 'deputy') await reach(work, position, 1, [target.deputy], who);
    else if (target.to === 'next') await startContact(work, target.position);
    return true;
  }

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
            ackUrl: `${publicUrl}/ack/${email.token}`,
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
