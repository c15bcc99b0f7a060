import { describe, expect, it } from 'vitest';
import { formatMinutes, formatRestore, parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads catalog durations as minutes', () => {
    expect(parseDuration('45m')).toBe(45);
    expect(parseDuration('1h30m')).toBe(90);
    expect(parseDuration('1w2d')).toBe(10080 + 2880);
  });

  it('refuses what the server refuses: spaces, units out of order, an unsafe number of minutes', () => {
    expect(parseDuration(' 4h')).toBeUndefined();
    expect(parseDuration('4h ')).toBeUndefined();
    expect(parseDuration('30m2h')).toBeUndefined();
    expect(parseDuration(`${'9'.repeat(20)}w`)).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});

describe('formatMinutes', () => {
  it('shows at most two units, largest first', () => {
    expect(formatMinutes(26 * 60)).toBe('1d 2h');
    expect(formatMinutes(null)).toBe('never');
  });
});

describe('formatRestore', () => {
  it('says never, the time, or "at least" the time when it is a lower bound, in the format given', () => {
    expect(formatRestore(null, false)).toBe('never');
    expect(formatRestore(240, true)).toBe('4h');
    expect(formatRestore(240, false)).toBe('at least 4h');
    expect(formatRestore(90, false, (minutes) => `${minutes}m`)).toBe('at least 90m');
  });
});
