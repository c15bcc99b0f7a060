import { describe, expect, it } from 'vitest';
import { doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { risksCheck } from './c12-risks.ts';

/** A risk owned by ops, within the default appetite (9) at 2 x 3, reviewed on 2026-01-01. */
function risk(id: string, spec: Partial<DocumentOf<'Risk'>['spec']> = {}): CatalogDocument {
  return doc(
    'Risk',
    id,
    {
      category: 'technical',
      owner: 'ops',
      description: 'The database is corrupted.',
      likelihood: 2,
      impact: 3,
      treatment: { decision: 'mitigate' },
      lastReviewed: '2026-01-01',
      ...spec,
    },
    { name: 'Database corruption' },
  );
}

const items = (extra: CatalogDocument[], at = '2026-06-01') =>
  risksCheck.items(complianceContext({ at, documents: [...smallCatalog(), ...extra], source: 'files' }));

describe('C12 risks', () => {
  it('passes a risk within the appetite that is owned, treated and reviewed', () => {
    expect(items([risk('risk-db')])).toEqual([
      {
        id: 'risk-db',
        kind: 'Risk',
        status: 'pass',
        path: '/risks/risk-db',
        message: 'Owned by Operations; decision mitigate; reviewed on 2026-01-01, due again 2026-12-31.',
      },
    ]);
  });

  // The default policy reviews every 52 weeks: 364 days after 2026-01-01 is 2026-12-31, the day it is due.
  it('fails a review on the day it falls due and passes it the day before', () => {
    expect(items([risk('risk-db')], '2026-12-30')[0]!.status).toBe('pass');
    expect(items([risk('risk-db')], '2026-12-31')[0]).toMatchObject({
      status: 'fail',
      message:
        'It was last reviewed on 2026-01-01 and was due again on 2026-12-31 (every 364 days): review it.',
    });
  });

  it('fails a risk never reviewed and one with no treatment, saying both when both are wrong', () => {
    const bare = risk('risk-bare', {
      treatment: undefined,
      lastReviewed: undefined,
      likelihood: 4,
      impact: 4,
    });
    expect(items([bare])[0]!.message).toBe(
      'It has no treatment while its score 16 is over the appetite of 9: decide to mitigate, transfer, accept or avoid it; it has never been reviewed: review it and set lastReviewed.',
    );
  });

  it('fails a risk whose owner is a team with nobody in it, or not in the catalog', () => {
    const empty = doc('Team', 'nobody', {}, { name: 'Empty team' });
    expect(items([empty, risk('risk-db', { owner: 'nobody' })])[0]!.message).toBe(
      'Its owner nobody names nobody (a Team with no lead or members): name a Person or staff the Team.',
    );
    expect(items([risk('risk-db', { owner: 'carol' })])[0]!.message).toBe(
      'Its owner carol is not in the catalog: name a Person or Team.',
    );
  });

  it('asks a risk above the appetite to be treated through actions', () => {
    const high = { likelihood: 4, impact: 4, residual: { likelihood: 3, impact: 4 } };
    expect(items([risk('risk-high', high)])[0]!.message).toBe(
      'Its residual score 12 is over the appetite of 9 and its decision to mitigate has no action: add the actions that carry it out.',
    );
    const treated = risk('risk-high', {
      ...high,
      treatment: {
        decision: 'mitigate',
        actions: [{ title: 'Add a replica', owner: 'ops', due: '2026-09-30', status: 'open' }],
      },
    });
    expect(items([treated])[0]).toMatchObject({
      status: 'pass',
      message:
        'Owned by Operations; decision mitigate; reviewed on 2026-01-01, due again 2026-12-31; residual score 12 over the appetite of 9 treated by 1 action.',
    });
  });

  it('passes a risk above the appetite accepted by a person until the last day of the acceptance', () => {
    const accepted = risk('risk-accepted', {
      likelihood: 5,
      impact: 4,
      treatment: { decision: 'accept' },
      acceptance: { by: 'ana', on: '2026-01-15', until: '2026-06-30' },
    });
    expect(items([accepted], '2026-06-30')).toEqual([
      {
        id: 'risk-accepted',
        kind: 'Risk',
        status: 'pass',
        path: '/risks/risk-accepted',
        message:
          'Owned by Operations; decision accept; reviewed on 2026-01-01, due again 2026-12-31; score 20 over the appetite of 9 accepted by Ana Silva until 2026-06-30.',
        evidence: [
          {
            type: 'document',
            kind: 'Risk',
            id: 'risk-accepted',
            title: 'Risk Database corruption accepted by Ana Silva on 2026-01-15, until 2026-06-30',
            path: '/risks/risk-accepted',
            date: '2026-01-15',
          },
        ],
      },
    ]);
    expect(items([accepted], '2026-07-01')[0]).toMatchObject({
      status: 'fail',
      message:
        'Its score 20 is over the appetite of 9 and its acceptance by Ana Silva ended on 2026-06-30: renew it or treat the risk.',
    });
  });

  it('is not applicable without risks, and fails through the evaluation when one fails', () => {
    expect(items([])).toEqual([]);
    const report = evaluateCompliance({
      at: '2026-06-01',
      documents: [...smallCatalog(), risk('risk-a'), risk('risk-b', { lastReviewed: undefined })],
      source: 'files',
    });
    expect(report.checks.find((check) => check.id === 'C12')).toMatchObject({
      status: 'fail',
      passed: 1,
      failed: 1,
    });
    const none = evaluateCompliance({ at: '2026-06-01', documents: smallCatalog(), source: 'files' });
    expect(none.checks.find((check) => check.id === 'C12')?.status).toBe('not-applicable');
  });
});
