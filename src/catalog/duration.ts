/** Durations in the catalog: `45m`, `4h`, `2d`, `1w`, `1h30m`; units in descending order w, d, h, m; a week is 7 days. */

const DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
const MINUTES_PER = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 } as const;

/** The pattern a duration string must match (used by the schema and the JSON Schema). */
export const DURATION_PATTERN = '^(?=\\d)(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?$';

/** Minutes in a duration string, or undefined when the string is not a valid duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '') return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const [, w, d, h, m] = match;
  const minutes =
    Number(w ?? 0) * MINUTES_PER.w +
    Number(d ?? 0) * MINUTES_PER.d +
    Number(h ?? 0) * MINUTES_PER.h +
    Number(m ?? 0) * MINUTES_PER.m;
  return Number.isSafeInteger(minutes) ? minutes : undefined;
}

/** The shortest canonical duration string for a number of minutes (`90` -> `1h30m`, `0` -> `0m`). */
export function formatDuration(minutes: number): string {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError(`not a duration: ${minutes}`);
  if (minutes === 0) return '0m';
  let rest = minutes;
  let out = '';
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = MINUTES_PER[unit];
    const count = Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out;
}
