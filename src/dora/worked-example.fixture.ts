/**
 * The worked example of the register notes as a report package, written by hand as literal files (tests only):
 * one bank (LEI 5299000EXAMPLEBANK10), one SaaS provider (9695000CLOUDYSERVS17), one arrangement, one critical
 * function, reference date 2025-12-31, individual report. No branches and no intra-group arrangements, so
 * B_01.03, B_02.03 and B_03.03 are reported false and their files left out.
 */
import type { RegisterPackage } from './package-reader.ts';

/** The ZIP's name without `.zip`: also the root folder's name. */
export const EXAMPLE_STEM = '5299000EXAMPLEBANK10.IND_DE_DORA010100_DORA_2025-12-31_20260315120000000';

/** Each file by its path under the root folder. */
export const EXAMPLE_FILES: Readonly<Record<string, string>> = {
  'META-INF/reportPackage.json': '{"documentInfo":{"documentType":"https://xbrl.org/report-package/2023"}}\n',
  'reports/report.json':
    '{"documentInfo":{"documentType":"https://xbrl.org/2021/xbrl-csv","extends":["http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"]}}\n',
  'reports/parameters.csv':
    'name,value\n' +
    'entityID,rs:5299000EXAMPLEBANK10.IND\n' +
    'refPeriod,2025-12-31\n' +
    'baseCurrency,iso4217:EUR\n' +
    'decimalsInteger,0\n' +
    'decimalsMonetary,-3\n',
  'reports/FilingIndicators.csv':
    'templateID,reported\n' +
    'B_01.01,true\nB_01.02,true\nB_01.03,false\nB_02.01,true\nB_02.02,true\nB_02.03,false\nB_03.01,true\n' +
    'B_03.02,true\nB_03.03,false\nB_04.01,true\nB_05.01,true\nB_05.02,true\nB_06.01,true\nB_07.01,true\nB_99.01,true\n',
  'reports/b_01.01.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060\n' +
    '5299000EXAMPLEBANK10,Example Bank AG,eba_GA:DE,eba_CT:x12,BaFin,2026-03-15\n',
  'reports/b_01.02.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110\n' +
    '5299000EXAMPLEBANK10,Example Bank AG,eba_GA:DE,eba_CT:x12,eba_RP:x53,5299000EXAMPLEBANK10,2025-12-31,2025-01-17,9999-12-31,eba_CU:EUR,5000000000\n',
  'reports/b_02.01.csv': 'c0010,c0020,c0030,c0040,c0050\n' + 'CTR-0001,eba_CO:x1,,eba_CU:EUR,120000\n',
  'reports/b_02.02.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120,c0130,c0140,c0150,c0160,c0170,c0180\n' +
    'CTR-0001,5299000EXAMPLEBANK10,9695000CLOUDYSERVS17,eba_qCO:qx2000,F1,eba_TA:S19,2024-01-01,2026-12-31,,90,180,eba_GA:DE,eba_GA:FR,eba_BT:x28,eba_GA:FR,eba_GA:FR,eba_ZZ:x793,eba_ZZ:x797\n',
  'reports/b_03.01.csv': 'c0010,c0020,c0030\n' + 'CTR-0001,5299000EXAMPLEBANK10,true\n',
  'reports/b_03.02.csv': 'c0010,c0020,c0030\n' + 'CTR-0001,9695000CLOUDYSERVS17,eba_qCO:qx2000\n',
  'reports/b_04.01.csv':
    'c0010,c0020,c0030,c0040\n' + 'CTR-0001,5299000EXAMPLEBANK10,eba_ZZ:x839,Not Applicable\n',
  'reports/b_05.01.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120\n' +
    '9695000CLOUDYSERVS17,eba_qCO:qx2000,,,Cloudy Services SA,Cloudy Services SA,eba_CT:x212,eba_GA:FR,eba_CU:EUR,120000,9695000CLOUDYSERVS17,eba_qCO:qx2000\n',
  'reports/b_05.02.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070\n' +
    'CTR-0001,eba_TA:S19,9695000CLOUDYSERVS17,eba_qCO:qx2000,1,9695000CLOUDYSERVS17,eba_qCO:qx2000\n',
  'reports/b_06.01.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100\n' +
    'F1,eba_TA:x28,Payment processing,5299000EXAMPLEBANK10,eba_BT:x28,Outage stops customer payments,2025-06-30,4,1,eba_ZZ:x793\n',
  'reports/b_07.01.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120\n' +
    'CTR-0001,9695000CLOUDYSERVS17,eba_qCO:qx2000,eba_TA:S19,eba_ZZ:x960,eba_ZZ:x964,2025-05-15,eba_BT:x28,eba_ZZ:x966,eba_ZZ:x793,eba_BT:x28,"Other Cloud GmbH, LEI on file"\n',
  'reports/b_99.01.csv':
    'c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120,c0130,c0140,c0150,c0160,c0170,c0180,c0190\n' +
    'One contract for one service,Framework under which call-offs are signed,Call-off under a framework,' +
    'Public or internal data,Confidential data,"Personal, payment or secret data",' +
    'Delay of a day,Customers notice,Payments stop,' +
    'No other provider could do it,Over a year to move,Months to move,Weeks to move,' +
    'We could run it ourselves quickly,Needs hiring or building,Practically impossible,' +
    'Minor inconvenience,Service degraded,Service stops\n',
};

/** A package from files under the root folder (default: the worked example), as a reader would return it. */
export function examplePackage(
  files: Readonly<Record<string, string>> = EXAMPLE_FILES,
  stem: string = EXAMPLE_STEM,
): RegisterPackage {
  return {
    zipName: `${stem}.zip`,
    rootFolder: stem,
    files: new Map(Object.entries(files).map(([relative, text]) => [`${stem}/${relative}`, text])),
  };
}

/** The worked example with some files replaced (a string) or removed (undefined). */
export function exampleWith(changes: Readonly<Record<string, string | undefined>>): RegisterPackage {
  const files: Record<string, string> = { ...EXAMPLE_FILES };
  for (const [relative, text] of Object.entries(changes)) {
    if (text === undefined) delete files[relative];
    else files[relative] = text;
  }
  return examplePackage(files);
}
