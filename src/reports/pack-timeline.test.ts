import { describe, expect, it } from 'vitest';
import { MIN_BAR_PERCENT, timelineOf } from './pack-timeline.ts';
import type { Timeline } from './pack-timeline.ts';

const item = (id: string, start: number, end: number) => ({ id, name: id, start, end });

/** Every bar at least the minimum wide and inside the chart. */
function expectReadable(timeline: Timeline): void {
  for (const bar of timeline.bars) {
    expect(bar.width, bar.id).toBeGreaterThanOrEqual(MIN_BAR_PERCENT);
    expect(bar.left, bar.id).toBeGreaterThanOrEqual(0);
    expect(bar.left + bar.width, bar.id).toBeLessThanOrEqual(100 + 1e-9);
  }
}

describe('timelineOf', () => {
  // The Leeds plan's shape: a four-week rebuild, then steps of minutes once it is back.
  const weeksThenMinutes = [
    item('dc', 0, 40320),
    item('generator', 40320, 40320),
    item('cooling', 40320, 40350),
    item('san', 40350, 40380),
    item('db', 40380, 40400),
    item('app', 40400, 40415),
    item('service', 40500, 40500),
  ];

  it('keeps a 15-minute step visible beside a four-week rebuild', () => {
    const timeline = timelineOf(weeksThenMinutes);
    expectReadable(timeline);
    const width = (id: string) => timeline.bars.find((bar) => bar.id === id)!.width;
    // Longer still reads longer, but the minutes get a share of the page a reader can see.
    expect(width('dc')).toBeGreaterThan(width('san'));
    expect(width('san')).toBeGreaterThan(width('app'));
    expect(width('app')).toBeGreaterThan(3);
    expect(width('dc')).toBeLessThan(60);
  });

  it('draws an instant (a service back as soon as its parts are) as a mark inside the chart, even at the end', () => {
    const timeline = timelineOf(weeksThenMinutes);
    const last = timeline.bars.find((bar) => bar.id === 'service')!;
    expect(last.instant).toBe(true);
    expect(last.left + last.width).toBeCloseTo(100);
    expect(last.width).toBe(MIN_BAR_PERCENT);
  });

  it('keeps the order of time: a later start is never drawn left of an earlier one', () => {
    const timeline = timelineOf(weeksThenMinutes);
    const lefts = timeline.bars.map((bar) => bar.left);
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
  });

  it('labels ticks with real times from 0 to the end, far enough apart not to overprint', () => {
    const timeline = timelineOf(weeksThenMinutes);
    expect(timeline.ticks[0]).toMatchObject({ minutes: 0, at: 0, label: '0m' });
    expect(timeline.ticks.at(-1)).toMatchObject({ minutes: 40500, at: 100, label: '4w3h' });
    expect(timeline.ticks.map((tick) => tick.label)).toContain('4w');
    for (let i = 1; i < timeline.ticks.length; i++) {
      expect(timeline.ticks[i]!.at - timeline.ticks[i - 1]!.at).toBeGreaterThanOrEqual(10);
    }
  });

  it('handles an empty order and one that ends at 0', () => {
    expect(timelineOf([])).toEqual({ total: 0, bars: [], ticks: [{ minutes: 0, at: 0, label: '0m' }] });
    expectReadable(timelineOf([item('a', 0, 0), item('b', 0, 0)]));
  });
});
