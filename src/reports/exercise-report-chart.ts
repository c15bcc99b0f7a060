/**
 * The exercise report's chart: per service, three bars on one time axis, the target (RTO), the restore time the
 * plans predict, and the time achieved, the achieved bar red when it missed the target. Laid out once here, in
 * percent of the plot's width, and drawn by the HTML (inline SVG) and the PDF (vector rectangles) alike.
 *
 * The axis is linear (the bars are compared with each other, and a log axis makes a 50 % miss look small), and
 * spans what the exercise is about: the targets and the achieved times, and the predictions up to three times
 * those. A prediction far beyond them (a service that waits for a data centre rebuilt in four weeks) is drawn to
 * the edge, marked off scale, and labelled with its value.
 */
import { formatDuration } from '../catalog/duration.ts';

/** The bars of each service, in the order they are drawn. */
export const CHART_SERIES = ['target', 'predicted', 'achieved'] as const;

/** One of the three bars. */
export type ChartSeries = (typeof CHART_SERIES)[number];

/** The legend's words for each series. */
export const SERIES_LABELS: Record<ChartSeries, string> = {
  target: 'Target (RTO)',
  predicted: 'Predicted (plans followed)',
  achieved: 'Achieved',
};

/** The fill of each series, and of an achieved time that missed its target. */
export const CHART_COLOURS: Record<ChartSeries | 'missed', string> = {
  target: '#9ca3af',
  predicted: '#7ea6e0',
  achieved: '#0b3d91',
  missed: '#b91c1c',
};

/** One bar: its value, its length in percent of the plot (0 when there is no value). */
export interface ChartBar {
  series: ChartSeries;
  minutes: number | null;
  /** The value as read beside the bar: `6h50m`, `4w50m (off scale)`, `-`. */
  label: string;
  width: number;
  /** Longer than the axis: drawn to its end. */
  clipped: boolean;
  /** An achieved time over its target. */
  missed: boolean;
}

/** The bars of one service. */
export interface ChartGroup {
  id: string;
  name: string;
  bars: ChartBar[];
}

/** The chart, ready to draw in any medium. */
export interface ServiceChart {
  /** The axis' end, in minutes. */
  max: number;
  ticks: { minutes: number; at: number; label: string }[];
  groups: ChartGroup[];
}

/** What the chart reads of each service. */
export interface ChartInput {
  id: string;
  name: string;
  targetMinutes: number | null;
  predictedMinutes: number | null;
  achievedMinutes: number | null;
  met: boolean | null;
}

/** Tick steps, in minutes: the first that needs at most MAX_STEPS steps wins. */
const STEPS = [5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 10080, 20160, 40320, 80640, 161280];
const MAX_STEPS = 6;

/** How far beyond the targets and achieved times a prediction may lie and still set the axis. */
const PREDICTION_REACH = 3;

/** The axis' end and its step for values up to `base` minutes. */
function axisFor(base: number): { max: number; step: number } {
  const step = STEPS.find((s) => Math.ceil(base / s) <= MAX_STEPS) ?? Math.ceil(base / MAX_STEPS);
  return { max: Math.max(1, Math.ceil(base / step)) * step, step };
}

/** Lays out the chart of an exercise's services. Pure: same rows, same chart. */
export function serviceChart(
  rows: readonly ChartInput[],
  /** What an achieved bar without a value reads (a done exercise's "not restored"). */
  noAchieved = '-',
): ServiceChart {
  const finite = (values: (number | null)[]) =>
    values.filter((value): value is number => value !== null && Number.isFinite(value));
  const anchor = Math.max(0, ...finite(rows.flatMap((row) => [row.targetMinutes, row.achievedMinutes])));
  const predictions = finite(rows.map((row) => row.predictedMinutes));
  const reach = anchor > 0 ? anchor * PREDICTION_REACH : Infinity;
  const base = Math.max(anchor, ...predictions.filter((minutes) => minutes <= reach), 1);
  const { max, step } = axisFor(base);

  const bar = (series: ChartSeries, minutes: number | null, missed: boolean): ChartBar => {
    if (minutes === null) {
      const label = series === 'achieved' ? noAchieved : '-';
      return { series, minutes, label, width: 0, clipped: false, missed: false };
    }
    const clipped = minutes > max;
    const text = formatDuration(Math.round(minutes));
    return {
      series,
      minutes,
      label: clipped ? `${text} (off scale)` : missed ? `${text} missed` : text,
      width: clipped ? 100 : (minutes / max) * 100,
      clipped,
      missed,
    };
  };
  const ticks = [];
  for (let minutes = 0; minutes <= max; minutes += step)
    ticks.push({ minutes, at: (minutes / max) * 100, label: formatDuration(minutes) });
  return {
    max,
    ticks,
    groups: rows.map((row) => ({
      id: row.id,
      name: row.name,
      bars: [
        bar('target', row.targetMinutes, false),
        bar('predicted', row.predictedMinutes, false),
        bar('achieved', row.achievedMinutes, row.met === false),
      ],
    })),
  };
}
