import { describe, expect, it } from 'vitest';
import { ALIAS_ALLOWANCE, expansionLimit, plainDataWithin } from './expansion.ts';

describe('plainDataWithin', () => {
  it('accepts data that weighs no more than its text', () => {
    const text = 'metadata: {id: db-primary}\nspec: {dependsOn: [a, b]}\n';
    const data = { metadata: { id: 'db-primary' }, spec: { dependsOn: ['a', 'b'] } };
    expect(plainDataWithin([data], text.length)).toBe(true);
  });

  it('counts a shared list each time it is reached, as it would be written out', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const repeated = { dependsOn: Array.from({ length: 1000 }, () => ({ anyOf: ids })) };
    expect(plainDataWithin([repeated], expansionLimit('x'.repeat(100_000)))).toBe(false);
  });

  it('stops on data that contains itself instead of walking forever', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(plainDataWithin([loop], ALIAS_ALLOWANCE)).toBe(false);
  });
});
