/**
 * The plan pack's timeline on a compressed time axis. A recovery order mixes weeks and minutes: the Leeds data
 * centre takes four weeks to rebuild, then seventy things come back within three hours of each other. On a linear
 * axis everything but the rebuild is a sliver at the right edge; on a logarithmic axis of time since the
 * disruption, 4w and 4w 3h are the same point. So the axis is broken at every event instead: the times where
 * something starts or comes back cut it into gaps, each gap is drawn as wide as the logarithm of its length
 * (a 5-minute gap stays visible beside a 4-week one), and time runs linearly inside a gap. The ticks are labelled
 * with the real times, so the picture is read from its labels.
 */
import { formatDuration } from '../catalog/duration.ts';

/** One item of the recovery order, in minutes after the disruption. */
export interface TimelineItem {
  id: string;
  name: string;
  start: number;
  end: number;
}

/** One bar, in percent of the chart's width: `left + width <= 100`, `width >= MIN_BAR_PERCENT`. */
export interface TimelineBar extends TimelineItem {
  left: number;
  width: number;
  /** Starts and ends at the same time (a service that is back as soon as its parts are): drawn as a mark. */
  instant: boolean;
}

/** A labelled tick on the axis, in percent of the chart's width. */
export interface TimelineTick {
  minutes: number;
  at: number;
  label: string;
}

/** The chart: bars and ticks, ready to draw in any medium. */
export interface Timeline {
  total: number;
  bars: TimelineBar[];
  ticks: TimelineTick[];
}

/** The narrowest bar, in percent of the chart: 5 pt on an A4 page, 3 px on a phone. */
export const MIN_BAR_PERCENT = 1.5;

/** Ticks closer than this (percent of the chart) would overprint each other's labels. */
const MIN_TICK_GAP_PERCENT = 11;

/** The gap length (minutes) that one unit of drawn width stands for at the start of the logarithm. */
const UNIT_MINUTES = 15;

/** Lays out a recovery order on the compressed axis. Pure: same items, same chart. */
export function timelineOf(items: readonly TimelineItem[]): Timeline {
  const cuts = [...new Set([0, ...items.flatMap((item) => [item.start, item.end])])]
    .filter((t) => Number.isFinite(t) && t >= 0)
    .sort((a, b) => a - b);
  // Drawn position (in units) of each cut: the sum of log-widths of the gaps before it.
  const positions = [0];
  for (let i = 1; i < cuts.length; i++) {
    positions.push(positions[i - 1]! + Math.log2(1 + (cuts[i]! - cuts[i - 1]!) / UNIT_MINUTES));
  }
  const span = positions[positions.length - 1]! || 1;
  const total = cuts[cuts.length - 1]!;
  /** A time as percent of the chart, linear inside the gap that holds it. */
  const at = (minutes: number): number => {
    const i = cuts.findIndex((cut) => cut >= minutes);
    if (i === -1) return 100;
    if (i === 0) return 0;
    const from = cuts[i - 1]!;
    const fraction = (minutes - from) / (cuts[i]! - from);
    return ((positions[i - 1]! + fraction * (positions[i]! - positions[i - 1]!)) / span) * 100;
  };

  const bars = items.map((item): TimelineBar => {
    const start = at(item.start);
    const end = at(Math.max(item.start, item.end));
    const width = Math.max(MIN_BAR_PERCENT, end - start);
    const left = Math.min(Math.max(0, start), 100 - width);
    return { ...item, left, width, instant: item.end <= item.start };
  });

  // Ticks at event times, as many as fit without overprinting; the end always has one.
  const ticks: TimelineTick[] = [];
  for (const minutes of cuts) {
    const tick = { minutes, at: at(minutes), label: formatDuration(Math.round(minutes)) };
    const last = ticks[ticks.length - 1];
    if (last && tick.at - last.at < MIN_TICK_GAP_PERCENT) {
      if (minutes === total && ticks.length > 1) ticks[ticks.length - 1] = tick;
      continue;
    }
    ticks.push(tick);
  }
  return { total, bars, ticks };
}
