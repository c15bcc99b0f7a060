import { describe, expect, it } from 'vitest';
import { callTreeView, escalationTarget, incidentIdFor, recipientsOf } from './call-tree.ts';
import type { Directory, NotificationState } from './call-tree.ts';

const people: Record<string, { name?: string; email?: string; deputy?: string }> = {
  ana: { name: 'Ana', email: 'ana@example.org', deputy: 'bo' },
  bo: { name: 'Bo', email: 'bo@example.org' },
  cy: { name: 'Cy' },
  di: { name: 'Di', email: 'di@example.org', deputy: 'cy' },
};
const teams: Record<string, { name?: string; email?: string; lead?: string; members?: string[] }> = {
  led: { name: 'Led team', lead: 'di', members: ['ana'] },
  flat: { name: 'Flat team', members: ['ana', 'bo'] },
  empty: { name: 'Empty team', email: 'empty@example.org' },
};
const directory: Directory = { person: (id) => people[id], team: (id) => teams[id] };

describe('recipientsOf', () => {
  it('reaches a person with their deputy, a team through its lead and the lead’s deputy', () => {
    expect(recipientsOf(directory, 'ana')).toEqual({
      recipients: [{ person: 'ana', name: 'Ana', email: 'ana@example.org' }],
      deputy: { person: 'bo', name: 'Bo', email: 'bo@example.org' },
    });
    expect(recipientsOf(directory, 'led')).toEqual({
      recipients: [{ person: 'di', name: 'Di', email: 'di@example.org' }],
      deputy: { person: 'cy', name: 'Cy' },
    });
  });

  it('reaches every member of a team without a lead, and a team with neither at its own address', () => {
    expect(recipientsOf(directory, 'flat').recipients.map((r) => r.person)).toEqual(['ana', 'bo']);
    expect(recipientsOf(directory, 'empty')).toEqual({
      recipients: [{ name: 'Empty team', email: 'empty@example.org' }],
    });
  });
});

describe('escalationTarget', () => {
  const contacts = [{ id: 'ana', escalateAfter: '15m' }, { id: 'led', escalateAfter: '15m' }, { id: 'flat' }];
  it('goes to the deputy first, then to the next contact, and to nobody after the last', () => {
    expect(escalationTarget(directory, contacts, 0, 0)).toMatchObject({
      to: 'deputy',
      deputy: { person: 'bo' },
    });
    expect(escalationTarget(directory, contacts, 0, 1)).toEqual({ to: 'next', position: 1 });
    expect(escalationTarget(directory, contacts, 2, 0)).toEqual({ to: 'none' });
  });

  it('skips a deputy nobody can email', () => {
    // Di's deputy Cy has no address.
    expect(escalationTarget(directory, contacts, 1, 0)).toEqual({ to: 'next', position: 2 });
  });
});

describe('incidentIdFor', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  it('names the incident after the plan and the day, numbering a second one that day', () => {
    expect(incidentIdFor('plan-north', at, () => false)).toBe('plan-north-20260302');
    const taken = new Set(['plan-north-20260302', 'plan-north-20260302-2']);
    expect(incidentIdFor('plan-north', at, (id) => taken.has(id))).toBe('plan-north-20260302-3');
  });

  it('stays within 63 characters for the longest plan id', () => {
    const id = incidentIdFor(`p${'-x'.repeat(31)}`, at, (candidate) => !candidate.endsWith('-999'));
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(/^p(-x)+-20260302-999$/);
  });
});

describe('callTreeView', () => {
  const row = (fields: Partial<NotificationState>): NotificationState => ({
    id: 'n',
    position: 0,
    stage: 0,
    contact: 'ana',
    name: 'Ana',
    sentAt: '2026-03-02T09:00:00.000Z',
    ...fields,
  });
  it('derives waiting, pending with its due time, acknowledged and unanswered from the notifications', () => {
    const contacts = [{ id: 'ana' }, { id: 'led' }, { id: 'flat' }, { id: 'empty' }];
    const view = callTreeView(contacts, [
      row({ id: 'a', escalatedAt: '2026-03-02T09:15:00.000Z' }),
      row({ id: 'b', stage: 1, name: 'Bo', escalatedAt: '2026-03-02T09:30:00.000Z' }),
      row({ id: 'c', position: 1, escalateAt: '2026-03-02T09:45:00.000Z' }),
      row({ id: 'd', position: 2, acknowledgedAt: '2026-03-02T09:40:00.000Z' }),
    ]);
    expect(view.map((contact) => [contact.state, contact.escalationDueAt ?? contact.acknowledgedAt])).toEqual(
      [
        ['unanswered', undefined],
        ['pending', '2026-03-02T09:45:00.000Z'],
        ['acknowledged', '2026-03-02T09:40:00.000Z'],
        ['waiting', undefined],
      ],
    );
    expect(view[0]?.notifications.map((n) => n.name)).toEqual(['Ana', 'Bo']);
  });
});
