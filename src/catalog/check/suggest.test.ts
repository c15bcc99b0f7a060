import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('db-primary', 'db-primray')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closest', () => {
  it('suggests the nearest id when it is within a third of the length', () => {
    expect(closest('db-primray', ['db-replica', 'db-primary', 'web-1'])).toBe('db-primary');
  });

  it('suggests nothing when every candidate is too far to be a typo', () => {
    expect(closest('payments', ['hr-portal', 'intranet'])).toBeUndefined();
  });

  it('breaks ties by the smaller id, so the suggestion does not depend on file order', () => {
    expect(closest('web-3', ['web-2', 'web-1'])).toBe('web-1');
  });
});
