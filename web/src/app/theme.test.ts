import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { ACCESSIBLE_HUES, contrast, theme } from './theme';

const palette = (hue: (typeof ACCESSIBLE_HUES)[number]) => theme.colors![hue]!;
const gray = palette('gray');

describe('theme colours', () => {
  it("measures Mantine's indigo-6 link colour at 4.32:1 on white, below AA", () => {
    expect(contrast(DEFAULT_THEME.colors.indigo[6], '#ffffff')).toBeCloseTo(4.32, 2);
  });

  it.each(ACCESSIBLE_HUES)(
    'gives %s text, outlines and white-on-colour buttons at least 4.5:1 on white, gray-0 and gray-1',
    (hue) => {
      for (const background of ['#ffffff', gray[0], gray[1]]) {
        expect(contrast(palette(hue)[6], background)).toBeGreaterThanOrEqual(4.5);
      }
    },
  );

  it.each(ACCESSIBLE_HUES)('gives %s light badges (shade 9 on shade 1) at least 4.5:1', (hue) => {
    expect(contrast(palette(hue)[9], palette(hue)[1])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(ACCESSIBLE_HUES)('keeps %s light shades as they were and darkens 6 to 9 in order', (hue) => {
    expect(palette(hue).slice(0, 6)).toEqual(DEFAULT_THEME.colors[hue].slice(0, 6));
    const onWhite = palette(hue)
      .slice(6)
      .map((shade) => contrast(shade, '#ffffff'));
    expect(onWhite).toEqual([...onWhite].sort((a, b) => a - b));
  });
});
