import { describe, expect, it } from 'vitest';
import { formatTextPath, unstorableText } from './storable-text.ts';

describe('unstorableText', () => {
  it('names every NUL and lone surrogate, in values and keys, by path', () => {
    const document = {
      metadata: { name: 'a\u0000b', labels: { 'k\u0000': 'v', ok: '\uD83D' } },
      spec: { steps: [{ title: 'fine \uD83D\uDE00' }, { title: '\uDE00 low' }] },
    };
    expect(
      unstorableText(document).map((problem) => [formatTextPath(problem.path), problem.key, problem.message]),
    ).toEqual([
      ['metadata.name', false, 'holds a NUL character (U+0000), which cannot be stored; remove it'],
      [
        'metadata.labels["k\\u0000"]',
        true,
        'the key holds a NUL character (U+0000), which cannot be stored; remove it',
      ],
      [
        'metadata.labels.ok',
        false,
        'holds an unpaired surrogate (U+D83D), which is not valid Unicode text; remove it or send the whole character',
      ],
      [
        'spec.steps[1].title',
        false,
        'holds an unpaired surrogate (U+DE00), which is not valid Unicode text; remove it or send the whole character',
      ],
    ]);
  });

  it('accepts ordinary text, paired surrogates (emoji) and a key named __proto__', () => {
    expect(unstorableText(JSON.parse('{"__proto__": {"a": "b"}, "x": ["😀", 1, null, true]}'))).toEqual([]);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const [problem] = unstorableText(deep);
    expect(problem?.path).toHaveLength(200_000);
  });
});
