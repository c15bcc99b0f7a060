/** Durations as people read them: minutes from the engine shown as `45m`, `4h`, `2d 6h`. */

const UNITS = [
  { unit: 'w', minutes: 7 * 24 * 60 },
  { unit: 'd', minutes: 24 * 60 },
  { unit: 'h', minutes: 60 },
  { unit: 'm', minutes: 1 },
] as const;

/** Formats minutes with at most two units, largest first (`1d 2h`); null reads as "never". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return 'never';
  if (minutes === 0) return '0m';
  const parts: string[] = [];
  let rest = Math.round(minutes);
  for (const { unit, minutes: size } of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

/** Parses a catalog duration into minutes: the server's own parser, so the web refuses what the server does. */
export { parseDuration } from '../../../src/catalog/duration.ts';

/** Minutes as the catalog writes a duration (`6h50m`, `4w50m`): the server's own formatter. */
export { formatDuration } from '../../../src/catalog/duration.ts';

/** A restore time: `never`, `at least 4h` when it waited on an unknown duration (a lower bound), else the time. */
export function formatRestore(
  minutes: number | null,
  known: boolean,
  format: (minutes: number) => string = formatMinutes,
): string {
  if (minutes === null) return 'never';
  return known ? format(minutes) : `at least ${format(minutes)}`;
}
