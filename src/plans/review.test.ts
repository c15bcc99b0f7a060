import { describe, expect, it } from 'vitest';
import type { PlanSpec } from '../catalog/kinds.schema.ts';
import type { EngineNode } from '../engine/index.ts';
import { planScope, reviewStatus } from './review.ts';

const spec: PlanSpec = {
  services: ['shop'],
  owner: 'ops',
  scenario: { description: 'x', fail: ['site'] },
  activation: 'x',
  contacts: [{ id: 'ana' }],
  phases: { recovery: [{ id: 's', title: 'S', owner: 'bob' }] },
  lastReviewed: '2025-01-15',
  reviewInterval: '4w',
};

describe('reviewStatus', () => {
  it('is not due inside the interval when nothing in scope changed', () => {
    expect(reviewStatus(spec, [], new Date('2025-02-01T00:00:00Z'))).toEqual({
      due: false,
      reasons: [],
      nextReview: '2025-02-12',
    });
  });

  it('is due once the review interval has passed, saying since when', () => {
    const status = reviewStatus(spec, [], new Date('2025-02-12T08:00:00Z'));
    expect(status.due).toBe(true);
    expect(status.reasons).toEqual([
      'the review interval (4w) since the last review on 2025-01-15 ended on 2025-02-12',
    ]);
  });

  it('is due when a document in scope changed after the last review, naming it', () => {
    const status = reviewStatus(
      spec,
      [
        { id: 'db', kind: 'Component', updatedAt: '2025-01-20T10:00:00.000Z' },
        { id: 'ana', kind: 'Person', updatedAt: '2025-01-15T09:00:00.000Z' },
      ],
      new Date('2025-02-01T00:00:00Z'),
    );
    expect(status).toMatchObject({
      due: true,
      reasons: ['the Component "db" changed on 2025-01-20, after the last review on 2025-01-15'],
    });
  });

  it('does not count documents that arrived with the plan and were never edited, but counts later ones', () => {
    const loaded = '2025-03-01T09:00:00.000Z';
    const status = reviewStatus(
      spec,
      [
        { id: 'site', kind: 'Site', createdAt: loaded, updatedAt: loaded, version: 1 },
        { id: 'db', kind: 'Component', createdAt: loaded, updatedAt: '2025-03-02T10:00:00.000Z', version: 2 },
        {
          id: 'san',
          kind: 'Component',
          createdAt: '2025-03-03T10:00:00.000Z',
          updatedAt: '2025-03-03T10:00:00.000Z',
          version: 1,
        },
      ],
      new Date('2025-03-04T00:00:00Z'),
      loaded,
    );
    expect(status.reasons).toEqual([
      'the review interval (4w) since the last review on 2025-01-15 ended on 2025-02-12',
      'the Component "db" changed on 2025-03-02, after the last review on 2025-01-15',
      'the Component "san" changed on 2025-03-03, after the last review on 2025-01-15',
    ]);
  });

  it('is due for a plan never reviewed, and never for a retired one', () => {
    const { lastReviewed: _, ...never } = spec;
    expect(reviewStatus(never, [], new Date('2025-01-01T00:00:00Z')).reasons).toEqual([
      'the plan has never been reviewed',
    ]);
    expect(reviewStatus({ ...never, status: 'retired' }, [], new Date('2030-01-01T00:00:00Z')).due).toBe(
      false,
    );
  });

  it('defaults to a yearly review (52 weeks)', () => {
    const { reviewInterval: _, ...yearly } = spec;
    expect(reviewStatus(yearly, [], new Date('2025-06-01T00:00:00Z')).nextReview).toBe('2026-01-14');
  });
});

describe('planScope', () => {
  it('covers the services, what they depend on through groups, the scenario, contacts and step owners', () => {
    const n = (id: string, requires: string[] = [], of: string[] = []): EngineNode => ({
      id,
      kind: 'Component',
      requires,
      groups: of.length > 0 ? [{ k: 1, of }] : [],
      recoveryMinutes: 0,
      restartMinutes: 0,
    });
    const nodes = new Map(
      [n('shop', ['app']), n('app', [], ['vm1', 'vm2']), n('vm1'), n('vm2'), n('other')].map((x) => [
        x.id,
        x,
      ]),
    );
    expect([...planScope(spec, nodes)].sort()).toEqual(['ana', 'app', 'bob', 'shop', 'site', 'vm1', 'vm2']);
  });
});
