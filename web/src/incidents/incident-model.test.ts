import { describe, expect, it } from 'vitest';
import { inTimeOrder, minutesBetween, predictionError } from './incident-model';

describe('inTimeOrder', () => {
  it('sorts by instant across time zones and keeps the written order of entries at the same instant', () => {
    const entries = [
      { at: '2024-11-12T08:00:00+01:00', entry: 'second, written first' },
      { at: '2024-11-12T06:40:00Z', entry: 'first' },
      { at: '2024-11-12T07:00:00Z', entry: 'third, same instant as the second' },
      { at: '2024-11-12T19:10:00Z', entry: 'last' },
    ];
    expect(inTimeOrder(entries).map((e) => e.entry)).toEqual([
      'first',
      'second, written first',
      'third, same instant as the second',
      'last',
    ]);
  });
});

describe('minutesBetween', () => {
  it('gives whole minutes, and null while an end is missing', () => {
    expect(minutesBetween('2024-11-12T06:40:00Z', '2024-11-12T19:10:00Z')).toBe(750);
    expect(minutesBetween('2024-11-12T06:40:00Z', undefined)).toBeNull();
  });
});

describe('predictionError', () => {
  it('says whether recovery took longer or less long than the engine predicted', () => {
    expect(predictionError(-35)).toBe('35m sooner');
    expect(predictionError(150)).toBe('2h 30m longer');
    expect(predictionError(0)).toBe('as predicted');
    expect(predictionError(null)).toBe('-');
  });
});
