/**
 * The steps of a call tree inside one write transaction: reaching a contact, moving on, escalating. Each records
 * notifications and timeline entries in its `Work`; the service sends the emails, timers and events after the
 * commit.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { parseDuration } from '../../catalog/duration.ts';
import { escalationTarget, recipientsOf } from '../../plans/call-tree.ts';
import type { CallTreeContact, Directory, NotificationState, Recipient } from '../../plans/call-tree.ts';
import type { Database } from '../db/schema.ts';
import type { EventMessage } from '../notify/types.ts';
import type { createCallTreeRepository } from '../repositories/call-tree.repository.ts';
import type { NotificationRow } from '../repositories/call-tree.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { rowToDocument } from './document-mapping.ts';

/** An incident document. */
export type IncidentDocument = DocumentOf<'Incident'>;
/** One entry of an incident's timeline. */
export type TimelineEntry = NonNullable<IncidentDocument['spec']['timeline']>[number];

/** The job that escalates unacknowledged contacts. */
export const ESCALATION_JOB = 'call-tree-escalation';

/** How long an acknowledgement link works. */
export const LINK_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A notification row as the rules and the API see it (never the token hash). */
export function stateOf(row: NotificationRow): NotificationState {
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
export interface PendingEmail {
  row: NotificationRow;
  token: string;
  contactNumber: number;
  role: string | undefined;
  escalatedFrom?: string;
}

/** What one step of the call tree did inside its transaction, and what is left to do after the commit. */
export interface Work {
  at: string;
  incident: string;
  /** The incident's page, absolute: the link webhook events carry. */
  incidentUrl: string;
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
export async function loadDirectory(trx: Kysely<Database>): Promise<Work['directory']> {
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

/** Notifies `recipients` for the contact at `position`; then waits, moves on, or escalates at once. */
export async function reach(
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
export async function startContact(work: Work, position: number): Promise<void> {
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
export async function escalate(work: Work, position: number, stage: number): Promise<boolean> {
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
    url: work.incidentUrl,
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
