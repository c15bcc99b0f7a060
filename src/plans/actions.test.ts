import { describe, expect, it } from 'vitest';
import type { ExerciseSpec } from '../catalog/kinds/exercise.kind.ts';
import type { IncidentSpec } from '../catalog/kinds/incident.kind.ts';
import type { RiskSpec } from '../catalog/kinds/risk.kind.ts';
import { collectActions } from './actions.ts';
import type { ActionDocuments } from './actions.ts';

const incident: IncidentSpec = {
  title: 'Power loss',
  started: '2025-01-01T08:00:00Z',
  failed: ['dc'],
  actions: [
    { title: 'Test the generator', owner: 'ana', due: '2025-03-01', status: 'open' },
    { title: 'Label the breakers', owner: 'ana', due: '2025-02-01', status: 'done' },
  ],
};

const risk: RiskSpec = {
  category: 'natural',
  owner: 'ops',
  description: 'Flood',
  likelihood: 2,
  impact: 5,
  treatment: {
    decision: 'mitigate',
    actions: [
      { title: 'Raise the UPS', due: '2025-05-01', status: 'open' },
      { title: 'Someday, maybe', owner: 'bob', status: 'open' },
    ],
  },
};

const exercise: ExerciseSpec = {
  title: 'Failover test',
  type: 'parallel',
  plans: ['plan-a'],
  scheduled: '2025-01-10',
  status: 'done',
  findings: [
    {
      id: 'slow',
      title: 'The restore was slow',
      severity: 'high',
      owner: 'db',
      due: '2025-03-01',
      status: 'open',
    },
    { id: 'no-owner', title: 'Nobody owns this', severity: 'low', due: '2025-02-01', status: 'open' },
    { id: 'no-date', title: 'No date for this', severity: 'low', owner: 'db', status: 'open' },
  ],
};

const documents: ActionDocuments = {
  incidents: [{ id: 'inc-1', spec: incident }],
  risks: [{ id: 'risk-flood', name: 'Flood at the data centre', spec: risk }],
  exercises: [{ id: 'ex-1', spec: exercise }],
};

describe('collectActions', () => {
  it('lists incident actions, risk actions and owned, dated findings in one list, soonest due first', () => {
    const all = collectActions(documents, '2025-04-01');
    expect(all.map((a) => [a.source, a.document, a.title, a.due, a.overdue])).toEqual([
      ['incident', 'inc-1', 'Label the breakers', '2025-02-01', false],
      // On the same day an incident's action comes before an exercise finding.
      ['incident', 'inc-1', 'Test the generator', '2025-03-01', true],
      ['exercise', 'ex-1', 'The restore was slow', '2025-03-01', true],
      ['risk', 'risk-flood', 'Raise the UPS', '2025-05-01', false],
    ]);
  });

  it("gives a risk action without an owner to the risk's owner and names each source document", () => {
    const [riskAction] = collectActions(documents, '2025-04-01', { source: 'risk' });
    expect(riskAction).toEqual({
      index: 0,
      title: 'Raise the UPS',
      owner: 'ops',
      due: '2025-05-01',
      status: 'open',
      overdue: false,
      source: 'risk',
      document: 'risk-flood',
      documentTitle: 'Flood at the data centre',
    });
    const [finding] = collectActions(documents, '2025-04-01', { source: 'exercise' });
    expect(finding).toMatchObject({ finding: 'slow', severity: 'high', documentTitle: 'Failover test' });
  });

  it('keeps the incident id of an incident action, as the incident-only list had it', () => {
    const [first] = collectActions(documents, '2025-04-01', { source: 'incident', status: 'open' });
    expect(first).toMatchObject({ incident: 'inc-1', index: 0, documentTitle: 'Power loss' });
  });

  it('filters by status: a done action is never overdue', () => {
    const done = collectActions(documents, '2030-01-01', { status: 'done' });
    expect(done.map((a) => [a.title, a.overdue])).toEqual([['Label the breakers', false]]);
  });

  it('names a risk without a name by its id', () => {
    const [action] = collectActions(
      { incidents: [], exercises: [], risks: [{ id: 'risk-x', spec: risk }] },
      '2025-04-01',
    );
    expect(action?.documentTitle).toBe('risk-x');
  });
});
