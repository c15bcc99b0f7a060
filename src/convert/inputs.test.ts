import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConvertInputs } from './inputs.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lifeboat-inputs-'));
  await mkdir(path.join(dir, 'b'), { recursive: true });
  await mkdir(path.join(dir, '.git'), { recursive: true });
  for (const [file, text] of [
    ['z.csv', 'z'],
    ['a.CSV', 'a'],
    ['b/c.csv', 'c'],
    ['b/notes.md', 'no'],
    ['.git/x.csv', 'no'],
    ['generate.ts', 'no'],
    ['m.yaml', 'yaml'],
  ])
    await writeFile(path.join(dir, file!), text!);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readConvertInputs', () => {
  it("searches folders in path order for the format's files, skipping dot folders; a named file is always read", async () => {
    const inputs = await readConvertInputs([dir, path.join(dir, 'b', 'notes.md')], 'servicenow');
    expect(inputs.map((input) => [path.relative(dir, input.name), input.text])).toEqual([
      ['a.CSV', 'a'],
      [path.join('b', 'c.csv'), 'c'],
      ['z.csv', 'z'],
      [path.join('b', 'notes.md'), 'no'],
    ]);
    expect((await readConvertInputs([dir], 'kubernetes')).map((input) => path.basename(input.name))).toEqual([
      'm.yaml',
    ]);
  });

  it('throws with the path when an input does not exist', async () => {
    await expect(readConvertInputs([path.join(dir, 'missing')])).rejects.toThrow(/missing/);
  });
});
