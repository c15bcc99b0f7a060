/**
 * The restore timeline: one bar per down service from the disruption to its restore time, with its RTO and
 * MTPD marked. Plain SVG. A log scale (the default when times span orders of magnitude) keeps a 1h RTO
 * readable beside a 4-week rebuild.
 */
import { Group, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { formatMinutes } from '../util/duration';

/** One row of the chart. */
export interface GanttRow {
  id: string;
  label: string;
  restoreMinutes: number | null;
  rtoMinutes: number | null;
  mtpdMinutes: number | null;
  rtoBreach: boolean | null;
  mtpdBreach: boolean | null;
}

const LABEL_WIDTH = 230;
const WIDTH = 960;
/** The narrowest the chart is drawn (px): 12-unit labels come out at 9 px, still legible. */
const MIN_WIDTH = 720;
const ROW = 26;
const AXIS = 28;
const TICKS = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080, 20160, 40320, 80640, 172800];

type Scale = 'log' | 'linear';

/** The Gantt chart of restore times. */
export function Gantt({ rows }: { rows: GanttRow[] }) {
  const times = rows.flatMap((row) => [row.restoreMinutes, row.rtoMinutes, row.mtpdMinutes]);
  const known = times.filter((t): t is number => t !== null && t > 0);
  const max = Math.max(60, ...known) * 1.08;
  const min = Math.max(1, Math.min(...known, 60));
  const [choice, setChoice] = useState<Scale | 'auto'>('auto');
  const scale: Scale = choice === 'auto' ? (max / min > 50 ? 'log' : 'linear') : choice;
  const plot = WIDTH - LABEL_WIDTH - 20;
  const x = (minutes: number) =>
    LABEL_WIDTH + (scale === 'log' ? (Math.log1p(minutes) / Math.log1p(max)) * plot : (minutes / max) * plot);
  const step = TICKS.find((t) => max / t <= 10) ?? 172800;
  const ticks =
    scale === 'log'
      ? TICKS.filter((t) => t <= max)
      : Array.from({ length: Math.floor(max / step) }, (_, i) => (i + 1) * step);
  const height = AXIS + rows.length * ROW + 8;

  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="sm" c="dimmed">
          Bars: time to restore. Orange tick: RTO. Red dashed line: MTPD.
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Time scale"
          value={scale}
          onChange={(value) => setChoice(value)}
          data={[
            { value: 'log', label: 'Log scale' },
            { value: 'linear', label: 'Linear' },
          ]}
        />
      </Group>
      {/* Never narrower than MIN_WIDTH: on a phone the chart scrolls sideways in its box and its text stays legible. */}
      <div style={{ overflowX: 'auto' }} data-testid="gantt-scroll">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          role="img"
          aria-label={`Restore timeline of ${rows.length} services`}
          data-testid="gantt"
          style={{ fontFamily: 'inherit', fontSize: 12, minWidth: MIN_WIDTH }}
        >
          {ticks.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={AXIS - 6} y2={height} stroke="#e9ecef" />
              <text x={x(t)} y={AXIS - 10} textAnchor="middle" fill="#5c636a">
                {formatMinutes(t)}
              </text>
            </g>
          ))}
          {rows.map((row, i) => {
            const y = AXIS + i * ROW;
            const end = row.restoreMinutes === null ? max : row.restoreMinutes;
            const colour = row.mtpdBreach ? '#e03131' : row.rtoBreach ? '#f08c00' : '#4c6ef5';
            return (
              <g key={row.id} data-service={row.id}>
                <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" fill="#212529">
                  {row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label}
                </text>
                <rect
                  x={LABEL_WIDTH}
                  y={y + 5}
                  width={Math.max(2, x(end) - LABEL_WIDTH)}
                  height={ROW - 10}
                  rx={3}
                  fill={colour}
                >
                  <title>
                    {`${row.label}: restored after ${formatMinutes(row.restoreMinutes)}; RTO ${formatMinutes(row.rtoMinutes ?? undefined)}, MTPD ${formatMinutes(row.mtpdMinutes ?? undefined)}`}
                  </title>
                </rect>
                {row.restoreMinutes === null && (
                  <text x={x(max) - 4} y={y + ROW / 2 + 4} textAnchor="end" fill="#fff">
                    never
                  </text>
                )}
                {row.rtoMinutes !== null && (
                  <line
                    x1={x(row.rtoMinutes)}
                    x2={x(row.rtoMinutes)}
                    y1={y + 2}
                    y2={y + ROW - 2}
                    stroke="#d9480f"
                    strokeWidth={3}
                  >
                    <title>{`RTO ${formatMinutes(row.rtoMinutes)}`}</title>
                  </line>
                )}
                {row.mtpdMinutes !== null && (
                  <line
                    x1={x(row.mtpdMinutes)}
                    x2={x(row.mtpdMinutes)}
                    y1={y}
                    y2={y + ROW}
                    stroke="#c92a2a"
                    strokeWidth={2}
                    strokeDasharray="3 2"
                  >
                    <title>{`MTPD ${formatMinutes(row.mtpdMinutes)}`}</title>
                  </line>
                )}
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
