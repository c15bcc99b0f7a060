import { describe, expect, it } from 'vitest';
import { formatProblems, validateRegister, type Problem } from './validate.ts';
import { EXAMPLE_FILES, EXAMPLE_STEM, examplePackage, exampleWith } from './worked-example.fixture.ts';
import type { RegisterPackage } from './package-reader.ts';

/** Where each problem is and which rule it names: what a person fixing the package looks at. */
const where = (problems: readonly Problem[]) => problems.map((p) => [p.table, p.row, p.column, p.rule]);

/** The worked example with one file's text edited by a literal replacement (which must occur). */
function edited(file: string, from: string, to: string): RegisterPackage {
  const text = EXAMPLE_FILES[file] ?? '';
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  return exampleWith({ [file]: text.replace(from, to) });
}

const ZIP = `${EXAMPLE_STEM}.zip`;

describe('validateRegister on valid packages', () => {
  it('passes the worked example of the register notes with no problem', () => {
    expect(validateRegister(examplePackage())).toEqual([]);
  });

  it('passes a consolidated group register with a branch, an intra-group arrangement and a subcontractor', () => {
    const stem = EXAMPLE_STEM.replace('.IND_', '.CON_');
    const files = {
      ...EXAMPLE_FILES,
      'reports/parameters.csv': EXAMPLE_FILES['reports/parameters.csv']?.replace('.IND', '.CON') ?? '',
      'reports/FilingIndicators.csv':
        EXAMPLE_FILES['reports/FilingIndicators.csv']?.replaceAll(',false', ',true') ?? '',
      'reports/b_01.02.csv':
        `${EXAMPLE_FILES['reports/b_01.02.csv']}` +
        '5299000EXAMPLESUBS20,Example Services GmbH,eba_GA:DE,eba_CT:x317,eba_RP:x56,5299000EXAMPLEBANK10,2025-12-31,2025-01-17,9999-12-31,,\n',
      'reports/b_01.03.csv':
        'c0040,c0030,c0020,c0010\n' + 'eba_GA:FR,Example Bank Paris,5299000EXAMPLEBANK10,BR-PARIS\n',
      'reports/b_02.01.csv': `${EXAMPLE_FILES['reports/b_02.01.csv']}IG-01,eba_CO:x1,,eba_CU:EUR,30000\n`,
      'reports/b_02.03.csv': 'c0010,c0020,c0030\n' + 'IG-01,CTR-0001,true\n',
      'reports/b_03.03.csv': 'c0010,c0020,c0031\n' + 'IG-01,5299000EXAMPLESUBS20,true\n',
      'reports/b_04.01.csv': `${EXAMPLE_FILES['reports/b_04.01.csv']}CTR-0001,5299000EXAMPLEBANK10,eba_ZZ:x838,BR-PARIS\n`,
      'reports/b_05.01.csv':
        `${EXAMPLE_FILES['reports/b_05.01.csv']}` +
        '9695000DATACENTRE027,eba_qCO:qx2000,,,Data Centre SAS,Data Centre SAS,eba_CT:x212,eba_GA:FR,,,9695000DATACENTRE027,eba_qCO:qx2000\n',
      'reports/b_05.02.csv':
        `${EXAMPLE_FILES['reports/b_05.02.csv']}` +
        'CTR-0001,eba_TA:S19,9695000DATACENTRE027,eba_qCO:qx2000,2,9695000CLOUDYSERVS17,eba_qCO:qx2000\n',
    };
    expect(formatProblems(validateRegister(examplePackage(files, stem)))).toEqual([]);
  });
});

describe('validateRegister finds each broken rule and names it', () => {
  it('name: a ZIP name whose framework part is not DORA010100', () => {
    const stem = EXAMPLE_STEM.replace('DORA010100', 'DORA010000');
    const problems = validateRegister(examplePackage(EXAMPLE_FILES, stem));
    expect(where(problems)).toEqual([[`${stem}.zip`, null, null, 'name']]);
    expect(problems[0]?.message).toContain('must be DORA010100');
  });

  it('name: a root folder not named like the ZIP', () => {
    const problems = validateRegister({
      ...examplePackage(),
      zipName: `${EXAMPLE_STEM.replace('000000', '000001')}.zip`,
    });
    expect(where(problems)).toEqual([[expect.stringContaining('.zip'), null, null, 'name']]);
    expect(problems[0]?.message).toContain(`root folder "${EXAMPLE_STEM}"`);
  });

  it('layout: a file the package may not hold, and a missing parameters.csv', () => {
    const problems = validateRegister(
      exampleWith({ 'reports/notes.txt': 'hello', 'reports/parameters.csv': undefined }),
    );
    expect(where(problems)).toEqual([
      [ZIP, null, null, 'layout'],
      [ZIP, null, null, 'layout'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unexpected file'),
      'reports/parameters.csv is missing',
    ]);
  });

  it('encoding: a file that is not UTF-8', () => {
    const problems = validateRegister({
      ...examplePackage(),
      notUtf8: new Set([`${EXAMPLE_STEM}/reports/b_01.01.csv`]),
    });
    expect(where(problems)).toEqual([['b_01.01.csv', null, null, 'encoding']]);
  });

  it('metadata: a report.json that extends another module', () => {
    const problems = validateRegister(edited('reports/report.json', 'dora/4.0/', 'dora/3.3/'));
    expect(where(problems)).toEqual([['report.json', null, null, 'metadata']]);
  });

  it('parameters: a decimalsPercentage parameter, which supervisors reject as unreferenced', () => {
    const problems = validateRegister(
      edited(
        'reports/parameters.csv',
        'decimalsMonetary,-3\n',
        'decimalsMonetary,-3\ndecimalsPercentage,4\n',
      ),
    );
    expect(where(problems)).toEqual([['parameters.csv', 6, 'name', 'parameters']]);
    expect(problems[0]?.message).toContain('"decimalsPercentage" is not referenced by the DORA module');
  });

  it("parameters: an entityID whose subject is not the ZIP name's", () => {
    const problems = validateRegister(edited('reports/parameters.csv', '.IND', '.CON'));
    expect(where(problems)).toEqual([['parameters.csv', 1, 'value', 'parameters']]);
    expect(problems[0]?.message).toContain('expected rs:5299000EXAMPLEBANK10.IND');
  });

  it('filing-indicator: a template reported true whose file is missing', () => {
    const problems = validateRegister(
      edited('reports/FilingIndicators.csv', 'B_01.03,false', 'B_01.03,true'),
    );
    expect(where(problems)).toEqual([['FilingIndicators.csv', 3, 'reported', 'filing-indicator']]);
  });

  it('filing-indicator: a file for a template reported false', () => {
    const problems = validateRegister(exampleWith({ 'reports/b_02.03.csv': 'c0010,c0020,c0030\n' }));
    expect(where(problems)).toEqual([['b_02.03.csv', null, null, 'filing-indicator']]);
  });

  it('filing-indicator: a template reported true with a header and no rows', () => {
    const problems = validateRegister(
      exampleWith({ 'reports/b_99.01.csv': (EXAMPLE_FILES['reports/b_99.01.csv'] ?? '').split('\n')[0] }),
    );
    expect(where(problems)).toEqual([['b_99.01.csv', null, null, 'filing-indicator']]);
  });

  it('filing-indicator: a template left out of FilingIndicators.csv', () => {
    const problems = validateRegister(edited('reports/FilingIndicators.csv', 'B_02.03,false\n', ''));
    expect(where(problems)).toEqual([['FilingIndicators.csv', null, 'templateID', 'filing-indicator']]);
  });

  it('csv: a quoted field that is never closed', () => {
    const problems = validateRegister(edited('reports/b_07.01.csv', ', LEI on file"', ', LEI on file'));
    expect(where(problems)).toEqual([['b_07.01.csv', null, null, 'csv']]);
  });

  it('header: a missing column and an unknown one', () => {
    const problems = validateRegister(
      edited('reports/b_03.01.csv', 'c0010,c0020,c0030', 'c0010,c0020,c0031'),
    );
    expect(where(problems)).toEqual([
      ['b_03.01.csv', null, 'c0031', 'header'],
      ['b_03.01.csv', null, 'c0030', 'header'],
    ]);
  });

  it('key-empty: an empty key cell', () => {
    const problems = validateRegister(edited('reports/b_05.02.csv', '1,9695000CLOUDYSERVS17', '1,'));
    expect(where(problems)).toEqual([['b_05.02.csv', 1, 'c0060', 'key-empty']]);
  });

  it('key-duplicate: two rows with the same key', () => {
    const problems = validateRegister(
      edited('reports/b_03.01.csv', 'true\n', 'true\nCTR-0001,5299000EXAMPLEBANK10,true\n'),
    );
    expect(where(problems)).toEqual([['b_03.01.csv', 2, 'c0010', 'key-duplicate']]);
    expect(problems[0]?.message).toContain('already on row 1');
  });

  it('foreign-key: an arrangement reference that is not in b_02.01', () => {
    const problems = validateRegister(edited('reports/b_02.02.csv', '\nCTR-0001', '\nCTR-9'));
    expect(where(problems)).toEqual([['b_02.02.csv', 1, 'c0010', 'foreign-key']]);
    expect(formatProblems(problems)).toEqual([
      'b_02.02.csv row 1 c0010: error: arrangement reference "CTR-9" is not in b_02.01 (c0010)',
    ]);
  });

  it('foreign-key: a branch code when no branches are reported', () => {
    const problems = validateRegister(
      edited('reports/b_04.01.csv', 'eba_ZZ:x839,Not Applicable', 'eba_ZZ:x838,BR-1'),
    );
    expect(where(problems)).toEqual([['b_04.01.csv', 1, 'c0040', 'foreign-key']]);
    expect(problems[0]?.message).toContain('(B_01.03 is not reported)');
  });

  it('closed-list: a service type without its eba_TA: prefix', () => {
    const problems = validateRegister(edited('reports/b_02.02.csv', 'F1,eba_TA:S19', 'F1,S19'));
    expect(where(problems)).toEqual([['b_02.02.csv', 1, 'c0060', 'closed-list']]);
  });

  it('type: a date that is not in the calendar', () => {
    const problems = validateRegister(edited('reports/b_06.01.csv', '2025-06-30', '2025-02-30'));
    expect(where(problems)).toEqual([['b_06.01.csv', 1, 'c0070', 'type']]);
  });

  it('type: an amount with an exponent', () => {
    const problems = validateRegister(edited('reports/b_02.01.csv', ',120000', ',1.2e5'));
    expect(where(problems)).toEqual([['b_02.01.csv', 1, 'c0050', 'type']]);
  });

  it('lei: an LEI whose check digits are wrong', () => {
    const problems = validateRegister(
      edited('reports/b_01.02.csv', 'x53,5299000EXAMPLEBANK10', 'x53,5299000EXAMPLEBANK11'),
    );
    expect(where(problems)).toEqual([['b_01.02.csv', 1, 'c0060', 'lei']]);
  });

  it('whitespace: a cell with a leading space', () => {
    const problems = validateRegister(edited('reports/b_01.01.csv', ',Example Bank AG', ', Example Bank AG'));
    expect(where(problems)).toEqual([['b_01.01.csv', 1, 'c0020', 'whitespace']]);
  });

  it('special-value: #nil in a cell', () => {
    const problems = validateRegister(
      edited('reports/b_06.01.csv', 'Outage stops customer payments', '#nil'),
    );
    expect(where(problems)).toEqual([['b_06.01.csv', 1, 'c0060', 'special-value']]);
  });

  it('mandatory: an empty competent authority', () => {
    const problems = validateRegister(edited('reports/b_01.01.csv', ',BaFin,', ',,'));
    expect(where(problems)).toEqual([['b_01.01.csv', 1, 'c0050', 'mandatory']]);
  });

  it('conditional: a subsequent arrangement without its overarching one', () => {
    const problems = validateRegister(edited('reports/b_02.01.csv', 'eba_CO:x1', 'eba_CO:x3'));
    expect(where(problems)).toEqual([['b_02.01.csv', 1, 'c0030', 'conditional']]);
  });

  it("conditional: a service of a critical function without the provider's notice period", () => {
    const problems = validateRegister(edited('reports/b_02.02.csv', ',90,180,', ',90,,'));
    expect(where(problems)).toEqual([['b_02.02.csv', 1, 'c0110', 'conditional']]);
    expect(problems[0]?.message).toContain('critical or important function');
  });

  it('conditional: an arrangement that ended before the reference date without a reason', () => {
    const problems = validateRegister(edited('reports/b_02.02.csv', '2026-12-31', '2025-06-30'));
    expect(where(problems)).toEqual([['b_02.02.csv', 1, 'c0090', 'conditional']]);
  });

  it('conditional: a highly complex substitutability without a reason', () => {
    const problems = validateRegister(edited('reports/b_07.01.csv', 'eba_ZZ:x964', ''));
    expect(where(problems)).toEqual([['b_07.01.csv', 1, 'c0060', 'conditional']]);
  });

  it('one-row: two entities maintaining the register', () => {
    const problems = validateRegister(
      edited(
        'reports/b_01.01.csv',
        '2026-03-15\n',
        '2026-03-15\n5299000EXAMPLESUBS20,Example Services GmbH,eba_GA:DE,eba_CT:x317,BaFin,2026-03-15\n',
      ),
    );
    expect(where(problems)).toEqual([['b_01.01.csv', 2, null, 'one-row']]);
  });

  it('entity: an entity maintaining the register that is not the report subject', () => {
    const problems = validateRegister(
      edited('reports/b_01.01.csv', '5299000EXAMPLEBANK10', '5299000EXAMPLESUBS20'),
    );
    expect(where(problems)).toEqual([['b_01.01.csv', 1, 'c0010', 'entity']]);
  });
});

describe('formatProblems', () => {
  it('writes one "table row column: error: message" line per problem, leaving out what it does not know', () => {
    const problems = validateRegister(
      exampleWith({
        'reports/parameters.csv': `${EXAMPLE_FILES['reports/parameters.csv']}decimalsDecimal,2\n`,
        'reports/report.json': '{}',
      }),
    );
    expect(formatProblems(problems)).toEqual([
      'report.json: error: expected exactly {"documentInfo":{"documentType":"https://xbrl.org/2021/xbrl-csv","extends":["http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"]}}',
      'parameters.csv row 6 name: error: parameter "decimalsDecimal" is not referenced by the DORA module (supervisors reject unused parameters); only entityID, refPeriod, baseCurrency, decimalsInteger, decimalsMonetary are allowed',
    ]);
  });
});
