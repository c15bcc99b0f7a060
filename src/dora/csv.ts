/** The records of a CSV text and, when it is not well formed, why. */
export interface CsvRecords {
  readonly records: string[][];
  /** The first syntax error (an unterminated quote, a character after a closing quote), with its 1-based line. */
  readonly error?: { readonly line: number; readonly message: string };
}

/**
 * Parses CSV as RFC 4180 describes it (comma separator, `"` quoting with `""` inside, CRLF or LF line ends). A
 * final line end adds no record. The xBRL-CSV files of a report package are written this way.
 */
export function parseCsv(text: string): CsvRecords {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let index = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (index < text.length) {
    const char = text[index];
    if (char === '"' && field === '' && (index === 0 || ',\n\r'.includes(text[index - 1] ?? ''))) {
      // A quoted field: up to the closing quote, "" standing for one quote.
      const startLine = line;
      index += 1;
      for (;;) {
        if (index >= text.length) {
          return { records, error: { line: startLine, message: 'a quoted field is never closed' } };
        }
        const inner = text[index];
        if (inner === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        index += 1;
      }
      const next = text[index];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return {
          records,
          error: { line, message: `"${next}" follows a closing quote; expected a comma or a line end` },
        };
      }
      // The quoted field may be empty, so mark it as begun for the separator that follows.
      if (next === undefined) {
        endRecord();
        return { records };
      }
      continue;
    }
    if (char === ',') {
      endField();
      index += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      field += char;
      index += 1;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return { records };
}
