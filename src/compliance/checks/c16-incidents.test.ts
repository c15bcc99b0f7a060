import { describe, expect, it } from 'vitest';
import { doc, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument, DocumentOf } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { incidentsCheck } from './c16-incidents.ts';

/** The database outage of 2 March 2026, resolved late that evening, fully written up. */
function incident(spec: Partial<DocumentOf<'Incident'>['spec']> = {}): CatalogDocument {
  return doc(
    'Incident',
    'inc-db',
    {
      title: 'Database outage',
      started: '2026-03-02T09:00:00Z',
      resolved: '2026-03-02T23:30:00Z',
      failed: ['db'],
      rootCause: 'A full disk stopped the database.',
      lessons: ['Disk usage was not monitored.'],
      actions: [
        { title: 'Alert on disk usage', owner: 'ops', due: '2026-04-01', status: 'done' },
        { title: 'Grow the volume', owner: 'ana', due: '2026-05-01', status: 'open' },
      ],
      ...spec,
    },
    { name: 'Database outage' },
  );
}

const items = (extra: CatalogDocument[], at = '2026-06-01') =>
  incidentsCheck.items(complianceContext({ at, documents: [...smallCatalog(), ...extra], source: 'files' }));

describe('C16 incidents', () => {
  it('passes a closed incident with its root cause, lessons and owned actions, linking the record', () => {
    expect(items([incident()])).toEqual([
      {
        id: 'inc-db',
        kind: 'Incident',
        status: 'pass',
        path: '/incidents/inc-db',
        message:
          'Database outage, resolved on 2026-03-02: root cause recorded, 1 lesson and 2 owned actions (1 open).',
        evidence: [
          {
            type: 'document',
            kind: 'Incident',
            id: 'inc-db',
            title: 'Incident Database outage, 2026-03-02 to 2026-03-02',
            path: '/incidents/inc-db',
            date: '2026-03-02',
          },
        ],
      },
    ]);
  });

  it('fails a closed incident with nothing learnt, naming each gap', () => {
    const bare = incident({ rootCause: ' ', lessons: undefined, actions: [] });
    expect(items([bare])[0]).toMatchObject({
      status: 'fail',
      message:
        'Database outage, resolved on 2026-03-02: it has no root cause, no lessons learnt and no corrective action: record them on the incident.',
    });
  });

  it('fails an action whose owner names nobody', () => {
    const empty = doc('Team', 'vendors', {}, { name: 'Vendor management' });
    const unowned = incident({
      actions: [{ title: 'Renegotiate support', owner: 'vendors', due: '2026-05-01', status: 'open' }],
    });
    expect(items([empty, unowned])[0]!.message).toBe(
      'Database outage, resolved on 2026-03-02: the action "Renegotiate support" has an owner who names nobody (a Team with no lead or members): give it a Person or staff the Team.',
    );
  });

  it('judges an incident from the day it is resolved, and not while it is open', () => {
    const bare = incident({ rootCause: undefined });
    expect(items([bare], '2026-03-01')).toEqual([]);
    expect(items([bare], '2026-03-02')).toHaveLength(1);
    expect(items([incident({ resolved: undefined })])).toEqual([]);
  });

  it('is not applicable without a closed incident, and reports through the evaluation', () => {
    expect(items([])).toEqual([]);
    const report = evaluateCompliance({
      at: '2026-06-01',
      documents: [...smallCatalog(), incident()],
      source: 'files',
    });
    expect(report.checks.find((check) => check.id === 'C16')).toMatchObject({
      status: 'pass',
      passed: 1,
      failed: 0,
    });
    const none = evaluateCompliance({ at: '2026-06-01', documents: smallCatalog(), source: 'files' });
    expect(none.checks.find((check) => check.id === 'C16')?.status).toBe('not-applicable');
  });
});
