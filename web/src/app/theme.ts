/**
 * The Mantine theme. Mantine's default palettes put text, links, outlines and filled buttons on shade 6 and
 * light badges' text on shade 9, and for most hues those shades fall below WCAG 2.1 AA's 4.5:1 for text
 * (indigo-6 links 4.32:1, yellow-9 on yellow-1 2.68:1, the dimmed gray 3.32:1). So the hues the application uses
 * keep their light shades (backgrounds) and get darker shades 6-9, each darkened until it reaches its contrast
 * target on white; the targets leave room for the gray-0/gray-1 and light-badge backgrounds too.
 */
import { Badge, DEFAULT_THEME, createTheme } from '@mantine/core';
import type { MantineColorsTuple } from '@mantine/core';

/** Contrast on white that shades 6, 7, 8 and 9 reach (6 carries text and white-on-colour buttons). */
export const SHADE_CONTRAST = [5.2, 5.9, 6.6, 7.3] as const;

/** The hues the application draws with: the primary colour, the tier and status colours, and gray (dimmed). */
export const ACCESSIBLE_HUES = [
  'indigo',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'violet',
  'grape',
  'cyan',
  'gray',
] as const;

const channels = (hex: string): [number, number, number] => {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
};

const toHex = (rgb: readonly number[]): string =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2.1 relative luminance of an sRGB colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The colour mixed towards black in 1% steps until it reaches `ratio` on white (unchanged if it does). */
function darkenTo(hex: string, ratio: number): string {
  const rgb = channels(hex);
  for (let step = 0; step <= 100; step++) {
    const mixed = toHex(rgb.map((c) => c * (1 - step / 100)));
    if (contrast(mixed, '#ffffff') >= ratio) return mixed;
  }
  return '#000000';
}

/** A palette whose shades 6-9 pass as text on white and on its own light shades. */
export function accessiblePalette(palette: MantineColorsTuple): MantineColorsTuple {
  return palette.map((shade, index) =>
    index < 6 ? shade : darkenTo(shade, SHADE_CONTRAST[index - 6]!),
  ) as unknown as MantineColorsTuple;
}

/** The application's theme. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  colors: Object.fromEntries(
    ACCESSIBLE_HUES.map((hue) => [hue, accessiblePalette(DEFAULT_THEME.colors[hue])]),
  ),
  components: {
    // A badge is a value ("breached", "Tier 1"): a narrow table cell or group must make room for it (the table
    // scrolls in its container), never cut it to "brea…" or squeeze it under its neighbour.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0 }, label: { overflow: 'visible' } } }),
  },
});
