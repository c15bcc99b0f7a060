import { describe, expect, it } from 'vitest';
import { coverageRows, sessionRows } from './training-model';

const policy = { exercises: { intervalMinutes: 0, tiers: [], trainingValidForMinutes: 52 * 7 * 24 * 60 } };

describe('coverageRows', () => {
  it('counts the trained people of each plan and lists the untrained first, in the plan order', () => {
    const [row] = coverageRows([
      {
        plan: 'plan-a',
        people: [
          { id: 'ana', trained: true, until: '2027-01-01' },
          { id: 'bob', trained: false, until: null },
          { id: 'cy', trained: true, until: '2027-06-01' },
          { id: 'dee', trained: false, until: '2026-01-01' },
        ],
      },
    ]);
    expect(row?.trained).toBe(2);
    expect(row?.total).toBe(4);
    expect(row?.people.map((person) => person.id)).toEqual(['bob', 'dee', 'ana', 'cy']);
  });

  it('counts a plan that names nobody as 0 of 0', () => {
    expect(coverageRows([{ plan: 'empty', people: [] }])).toEqual([
      { plan: 'empty', trained: 0, total: 0, people: [] },
    ]);
  });
});

describe('sessionRows', () => {
  it("dates each session's end by its own validity or the policy's, latest session first", () => {
    const rows = sessionRows(
      [
        { id: 't-old', spec: { title: 'Old', plans: ['p'], date: '2025-01-10', attendees: ['ana'] } },
        {
          id: 't-new',
          spec: { title: 'New', plans: ['p'], date: '2026-06-15', attendees: ['bob'], validFor: '26w' },
        },
      ],
      policy,
      '2026-12-06',
    );
    expect(rows.map((row) => [row.id, row.validUntil, row.valid])).toEqual([
      ['t-new', '2026-12-14', true],
      ['t-old', '2026-01-09', false],
    ]);
  });
});
