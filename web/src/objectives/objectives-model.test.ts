import { describe, expect, it } from 'vitest';
import type { ObjectiveCell, ObjectiveService } from './objectives-model';
import { breachCount, cellStatus, lossText, restoreText, sortServices, worstGap } from './objectives-model';

const cell = (over: Partial<ObjectiveCell> = {}): ObjectiveCell => ({
  scenario: 's',
  down: true,
  restoreMinutes: 30,
  restoreKnown: true,
  dataLossMinutes: 0,
  rtoBreach: false,
  rpoBreach: false,
  ...over,
});

const service = (id: string, tier: number, results: ObjectiveCell[]): ObjectiveService => ({
  id,
  tier,
  rtoMinutes: 60,
  rpoMinutes: 15,
  results,
});

describe('cellStatus', () => {
  it('says up, breach, unknown (a bound within the objective), met, or none without objectives', () => {
    const pay = service('pay', 1, []);
    expect(cellStatus(pay, cell({ down: false }))).toBe('up');
    // Up, yet a database in one of its redundancy groups went down: that loss counts against the RPO.
    expect(cellStatus(pay, cell({ down: false, dataLossMinutes: 30, rpoBreach: true }))).toBe('breach');
    expect(cellStatus(pay, cell({ down: false, dataLossMinutes: null, rpoBreach: null }))).toBe('unknown');
    expect(cellStatus(pay, cell({ rtoBreach: true }))).toBe('breach');
    expect(cellStatus(pay, cell({ rpoBreach: true, rtoBreach: null }))).toBe('breach');
    expect(cellStatus(pay, cell({ restoreKnown: false, rtoBreach: null }))).toBe('unknown');
    expect(cellStatus(pay, cell({ dataLossMinutes: null, rpoBreach: null }))).toBe('unknown');
    expect(cellStatus(pay, cell())).toBe('met');
    const bare = { ...pay, rtoMinutes: null, rpoMinutes: null };
    expect(cellStatus(bare, cell({ rtoBreach: null, rpoBreach: null }))).toBe('none');
  });
});

describe('cell texts', () => {
  it('says "at least" for a lower bound, never for no restore, and unknown for an unknown loss', () => {
    expect(restoreText(cell({ restoreMinutes: 240, restoreKnown: false }))).toBe('at least 4h');
    expect(restoreText(cell({ restoreMinutes: null }))).toBe('never');
    expect(restoreText(cell({ down: false }))).toBe('up');
    expect(lossText(cell({ dataLossMinutes: null, rpoBreach: null }))).toBe('unknown');
    expect(lossText(cell({ dataLossMinutes: null, rpoBreach: true }))).toBe('unbounded');
    expect(lossText(cell({ dataLossMinutes: 1440 }))).toBe('1d');
  });
});

describe('sortServices', () => {
  const mild = service('mild', 1, [cell({ restoreMinutes: 90, rtoBreach: true })]);
  const severe = service('severe', 2, [cell({ restoreMinutes: 600, rtoBreach: true })]);
  const lost = service('lost', 3, [cell({ dataLossMinutes: null, rpoBreach: true })]);
  const fine = service('fine', 1, [cell()]);

  it('counts the data loss of a scenario that leaves the service up', () => {
    expect(worstGap(service('up', 1, [cell({ down: false, dataLossMinutes: 45, rpoBreach: true })]))).toBe(
      30,
    );
  });

  it('puts the worst gap first: unbounded before any time, then by minutes past the objective', () => {
    expect(worstGap(mild)).toBe(30);
    expect(worstGap(fine)).toBe(-15);
    expect(sortServices([mild, fine, severe, lost], 'gap').map((s) => s.id)).toEqual([
      'lost',
      'severe',
      'mild',
      'fine',
    ]);
  });

  it('keeps the server order (tier then id) when sorting by tier, and counts the breaching cells', () => {
    expect(sortServices([fine, mild], 'tier').map((s) => s.id)).toEqual(['fine', 'mild']);
    expect(breachCount({ scenarios: [], services: [mild, severe, lost, fine] })).toBe(3);
  });
});
