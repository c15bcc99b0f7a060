import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF line ends', () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n,,\r\n')).toEqual({
      records: [
        ['a', 'b', 'c'],
        ['x, y', 'say "hi"', 'two\nlines'],
        ['', '', ''],
      ],
    });
  });

  it('adds no record for a final line end, and keeps a last line without one', () => {
    expect(parseCsv('a,b\n1,2').records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a\n""').records).toEqual([['a'], ['']]);
  });

  it('reports a quote that is never closed, and text after a closing quote, with the line', () => {
    expect(parseCsv('a,b\n1,"open\n').error).toEqual({ line: 2, message: 'a quoted field is never closed' });
    expect(parseCsv('a,b\n"x"y,2\n').error?.line).toBe(2);
  });
});
