/**
 * The call tree of an invoked plan, as pure rules: who a contact reaches, where an escalation goes, and what the
 * call tree looks like from its notifications. The service stores the notifications and sends the emails.
 *
 * The rules (docs/plans.md, "Invoking a plan"):
 * - contacts are reached in order; every contact is reached, an acknowledgement only moves on sooner;
 * - a Person contact is emailed; a Team contact reaches its lead, or every member when it has no lead, or the
 *   team's own address when it has neither;
 * - a contact that does not acknowledge within its `escalateAfter` is escalated to its deputy (a Person's
 *   deputy, or the deputy of a Team's lead), who gets the same time; then the next contact is reached;
 * - a contact without `escalateAfter` is not waited for: the next contact is reached at the same time;
 * - a contact nobody can email (no address) is escalated at once.
 */

/** One contact of a plan's call tree, as the Plan kind declares it. */
export interface CallTreeContact {
  id: string;
  role?: string;
  escalateAfter?: string;
}

/** Someone a notification goes to. `person` is undefined for a Team's own address. */
export interface Recipient {
  person?: string;
  name: string;
  email?: string;
}

/** The People and Teams the rules read, by id. */
export interface Directory {
  person(id: string): { name?: string; email?: string; deputy?: string } | undefined;
  team(id: string): { name?: string; email?: string; lead?: string; members?: string[] } | undefined;
}

function personRecipient(directory: Directory, id: string): Recipient {
  const person = directory.person(id);
  return { person: id, name: person?.name ?? id, ...(person?.email && { email: person.email }) };
}

/**
 * Who a contact reaches first, and the deputy an escalation goes to: a Person and their deputy; a Team's lead
 * and the lead's deputy; a Team without a lead, each member (no deputy); a Team with neither, its address.
 */
export function recipientsOf(
  directory: Directory,
  contactId: string,
): { recipients: Recipient[]; deputy?: Recipient } {
  const team = directory.team(contactId);
  const lead = team ? team.lead : contactId;
  if (lead !== undefined) {
    const deputy = directory.person(lead)?.deputy;
    return {
      recipients: [personRecipient(directory, lead)],
      ...(deputy !== undefined && deputy !== lead && { deputy: personRecipient(directory, deputy) }),
    };
  }
  const members = team?.members ?? [];
  if (members.length > 0) return { recipients: members.map((id) => personRecipient(directory, id)) };
  return { recipients: [{ name: team?.name ?? contactId, ...(team?.email && { email: team.email }) }] };
}

/** What a notification row says, as the rules need it. */
export interface NotificationState {
  id: string;
  position: number;
  stage: number;
  contact: string;
  person?: string;
  name: string;
  address?: string;
  sentAt: string;
  escalateAt?: string;
  acknowledgedAt?: string;
  escalatedAt?: string;
  escalatedTo?: string;
}

/** Where an escalation of `position` at `stage` goes: the deputy, or the next contact (`none`: nobody left). */
export type EscalationTarget =
  { to: 'deputy'; deputy: Recipient } | { to: 'next'; position: number } | { to: 'none' };

/**
 * Where the escalation of a contact goes when nobody acknowledged at `stage`: from the contact itself to its
 * deputy when it has one with an address, otherwise (and from the deputy) to the next contact.
 */
export function escalationTarget(
  directory: Directory,
  contacts: readonly CallTreeContact[],
  position: number,
  stage: number,
): EscalationTarget {
  const contact = contacts[position];
  if (contact === undefined) return { to: 'none' };
  if (stage === 0) {
    const { deputy } = recipientsOf(directory, contact.id);
    if (deputy?.email !== undefined) return { to: 'deputy', deputy };
  }
  return position + 1 < contacts.length ? { to: 'next', position: position + 1 } : { to: 'none' };
}

/** The incident id for a plan invoked on a day: `<plan>-<yyyymmdd>`, then `-2`, `-3`... when taken. */
export function incidentIdFor(planId: string, at: Date, taken: (id: string) => boolean): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  // An id has at most 63 characters: room for the date and a suffix up to -999.
  const stem = `${planId.slice(0, 63 - day.length - 5).replace(/-+$/, '')}-${day}`;
  if (!taken(stem)) return stem;
  for (let n = 2; ; n++) if (!taken(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** A contact's state in the call tree. */
export type ContactState = 'waiting' | 'pending' | 'acknowledged' | 'unanswered';

/** One contact of an invoked call tree as the incident page shows it. */
export interface ContactView {
  position: number;
  contact: string;
  role?: string;
  escalateAfter?: string;
  /**
   * `waiting`: not reached yet; `pending`: reached, no answer yet; `acknowledged`: someone reached for it
   * answered; `unanswered`: nobody answered and the call tree moved on.
   */
  state: ContactState;
  /** When the pending contact's escalation is due. */
  escalationDueAt?: string;
  acknowledgedAt?: string;
  notifications: NotificationState[];
}

/** The call tree of an incident from its contacts and notifications; derived, never stored. */
export function callTreeView(
  contacts: readonly CallTreeContact[],
  notifications: readonly NotificationState[],
): ContactView[] {
  return contacts.map((contact, position) => {
    const rows = notifications
      .filter((row) => row.position === position)
      .sort((a, b) => a.stage - b.stage || a.sentAt.localeCompare(b.sentAt) || a.name.localeCompare(b.name));
    const acknowledged = rows
      .map((row) => row.acknowledgedAt)
      .filter((at): at is string => at !== undefined)
      .sort()[0];
    const open = rows.filter((row) => row.escalatedAt === undefined);
    const due = open
      .map((row) => row.escalateAt)
      .filter((at): at is string => at !== undefined)
      .sort()[0];
    const state: ContactState =
      rows.length === 0
        ? 'waiting'
        : acknowledged !== undefined
          ? 'acknowledged'
          : open.length === 0
            ? 'unanswered'
            : 'pending';
    return {
      position,
      contact: contact.id,
      ...(contact.role !== undefined && { role: contact.role }),
      ...(contact.escalateAfter !== undefined && { escalateAfter: contact.escalateAfter }),
      state,
      ...(state === 'pending' && due !== undefined && { escalationDueAt: due }),
      ...(acknowledged !== undefined && { acknowledgedAt: acknowledged }),
      notifications: rows,
    };
  });
}
