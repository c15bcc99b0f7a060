import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { FrozenVersion } from '../catalog/versions.ts';
import type { ComplianceReport } from '../compliance/types.ts';
import { evidencePackModel } from './evidence-pack-model.ts';
import type { EvidencePackInput } from './evidence-pack-model.ts';

const FROM = '2025-12-07';
const TO = '2026-12-06';

const doc = (kind: string, id: string, spec: object, name?: string) =>
  ({ apiVersion: 'lifeboat/v1', kind, metadata: { id, ...(name && { name }) }, spec }) as unknown as CatalogDocument;

const plan = (id: string) =>
  doc('Plan', id, { owner: 'ana', services: [], scenario: { description: 'x', fail: ['dc'] } }, `Plan ${id}`);

const version = (document: CatalogDocument, number: number, approvedAt: string): FrozenVersion => ({
  number,
  document,
  checksum: `${document.metadata.id}-v${number}`.padEnd(64, '0'),
  approvedBy: 'manager@example.org',
  approvedAt,
});

const report: ComplianceReport = {
  at: TO,
  score: 0.5,
  checks: [],
  frameworks: [
    {
      id: 'iso22301',
      title: 'ISO 22301:2019',
      requirements: [
        {
          clause: '7.4',
          title: 'Communication',
          checks: [],
          status: 'manual',
          statements: [{ id: 'st-comms', text: 'We follow the crisis procedure.', madeBy: 'ana', date: '2026-03-01' }],
        },
      ],
    },
  ],
};

const documents = [
  doc('Person', 'ana', {}, 'Ana Silva'),
  plan('plan-a'),
  plan('plan-b'),
  plan('plan-c'),
  doc('Risk', 'risk-old', { acceptance: { by: 'ana', on: '2025-07-01', until: '2026-06-30' }, treatment: { decision: 'accept' } }, 'Old acceptance'),
  doc('Risk', 'risk-new', { acceptance: { by: 'ana', on: '2026-07-01', until: '2027-06-30' }, treatment: { decision: 'accept' } }, 'Current acceptance'),
  doc('Incident', 'inc-before', { title: 'The night before', started: '2025-12-06T23:30:00Z', failed: ['dc'] }),
  doc('Incident', 'inc-first', { title: 'The first night', started: '2025-12-07T00:10:00Z', resolved: '2025-12-07T02:40:00Z', failed: ['dc'], actions: [{ title: 'Fix', owner: 'ana', due: '2026-01-01', status: 'open' }] }),
];

const [planA, planB, planC] = [documents[1]!, documents[2]!, documents[3]!];
const input: EvidencePackInput = {
  report,
  documents,
  source: 'database',
  versions: new Map([
    // Approved before the period, again within it, and once after its end.
    ['plan-a', [version(planA, 1, '2025-01-10T09:00:00Z'), version(planA, 2, '2026-03-01T09:00:00Z'), version(planA, 3, '2026-12-07T08:00:00Z')]],
    // Approved on the period's first day and on its last.
    ['plan-b', [version(planB, 1, '2025-12-07T09:00:00Z'), version(planB, 2, '2026-12-06T23:59:00Z')]],
    // Only approved after the period.
    ['plan-c', [version(planC, 1, '2026-12-07T00:00:00Z')]],
  ]),
  audit: { valid: true, entries: 42, head: { sequence: 42, hash: 'f'.repeat(64), at: '2026-12-06T08:00:00Z' } },
  from: FROM,
  to: TO,
  generatedAt: new Date('2026-12-06T10:00:00Z'),
};

describe('evidencePackModel', () => {
  it('lists the version in force at the end of the period and those approved within it, both ends included', () => {
    const model = evidencePackModel(input);
    expect(model.plans.map((row) => [row.id, row.version, row.note])).toEqual([
      ['plan-a', 2, 'in force on 2026-12-06; version 3 approved 2026-12-07'],
      ['plan-b', 1, 'approved in the period; superseded by version 2'],
      ['plan-b', 2, 'in force on 2026-12-06'],
    ]);
    expect(model.plans[0]!.checksum).toBe(input.versions!.get('plan-a')![1]!.checksum);
    expect(model.plansNotApproved).toEqual(['Plan plan-c']);
  });

  it('names who made each statement, and states the audit head with how to verify it', () => {
    const model = evidencePackModel(input);
    expect(model.requirements[0]!.statements).toEqual([
      { id: 'st-comms', text: 'We follow the crisis procedure.', madeBy: 'Ana Silva', date: '2026-03-01' },
    ]);
    expect(model.audit).toMatchObject({ sequence: 42, hash: 'f'.repeat(64), valid: true, broken: null });
    expect(model.audit!.verify).toContain(`the entry at sequence 42 (GET /api/v1/audit?cursor=41&limit=1) must have the hash ${'f'.repeat(64)}`);
    expect(model.header.running).toBe(
      'Organisation · Evidence pack · ISO 22301:2019 · 2025-12-07 to 2026-12-06 · generated 2026-12-06T10:00:00.000Z',
    );
  });

  it('states each acceptance as in force or expired at the end of the period, and keeps the incidents started within it', () => {
    const model = evidencePackModel(input);
    expect(model.acceptances.map((a) => [a.id, a.by, a.state])).toEqual([
      ['risk-old', 'Ana Silva', 'expired on 2026-06-30'],
      ['risk-new', 'Ana Silva', 'in force on 2026-12-06'],
    ]);
    expect(model.incidents.map((i) => [i.id, i.duration, i.actions])).toEqual([['inc-first', '2h30m', '1 (1 open)']]);
  });

  it('from files, lists every plan with the checksum of its content and says there is no audit log', () => {
    const model = evidencePackModel({ ...input, source: 'files', versions: undefined, audit: undefined });
    expect(model.plans.map((row) => [row.id, row.version])).toEqual([
      ['plan-a', null],
      ['plan-b', null],
      ['plan-c', null],
    ]);
    expect(model.plans[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(model.audit).toBeNull();
    expect(model.auditNote).toContain('there is no audit log');
  });
});
