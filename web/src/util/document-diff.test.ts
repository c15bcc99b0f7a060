import { describe, expect, it } from 'vitest';
import { diffDocuments, reapply } from './document-diff';

const doc = (labels: Record<string, string>, rto = '4h') => ({
  apiVersion: 'lifeboat/v1',
  kind: 'Service',
  metadata: { id: 'pay', labels, version: 3 },
  spec: { type: 'it', tier: 1, rto },
});

describe('reload and re-apply', () => {
  it('keeps a dotted label key as one key instead of nesting objects', () => {
    const base = doc({});
    const draft = doc({ 'example.com/team': 'payments' });
    const current = { ...doc({}, '2h'), metadata: { ...doc({}).metadata, version: 4 } };
    const merged = reapply(base, draft, current);
    expect(merged.metadata.labels).toEqual({ 'example.com/team': 'payments' });
    expect(merged.metadata.version).toBe(4);
    expect(merged.spec.rto).toBe('2h');
    expect(diffDocuments(base, draft).map((change) => change.path)).toEqual([
      'metadata.labels.example.com/team',
    ]);
  });

  it('writes a __proto__ label as a plain key and never touches Object.prototype', () => {
    const base = doc({});
    const draft = JSON.parse(
      '{"apiVersion":"lifeboat/v1","kind":"Service","metadata":{"id":"pay","labels":{"a.__proto__.polluted":"yes","__proto__":"x"},"version":3},"spec":{"type":"it","tier":1,"rto":"4h"}}',
    ) as ReturnType<typeof doc>;
    const merged = reapply(base, draft, doc({}));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged.metadata.labels)).toBe(Object.prototype);
    expect(Object.keys(merged.metadata.labels).sort()).toEqual(['__proto__', 'a.__proto__.polluted']);
    expect(JSON.parse(JSON.stringify(merged.metadata.labels))).toEqual({
      'a.__proto__.polluted': 'yes',
      ['__proto__']: 'x',
    });
  });
});
