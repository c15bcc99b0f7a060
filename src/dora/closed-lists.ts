/**
 * The closed lists (enumerations) of the DORA register of information, EBA DORA 4.0 module: the member QNames a
 * CSV cell may hold. Codes from the EBA 4.0 sample and open implementations as collected in the project's
 * register notes (docs/dora.md); country and currency members follow ISO 3166-1 alpha-2 and ISO 4217.
 */

/** One closed list: its allowed members, or a pattern where the list is too long to copy (licensed activities). */
export interface ClosedList {
  /** What the list is, for messages. */
  readonly label: string;
  /** Every allowed member QName, or null when only `pattern` applies. */
  readonly members: readonly string[] | null;
  /** A shape members must have when the list itself is not reproduced. */
  readonly pattern?: RegExp;
  /** The member a key column takes when it has no value (countries only: `eba_GA:qx2007`). */
  readonly keyNotApplicable?: string;
}

/** ISO 3166-1 alpha-2, the 249 officially assigned codes. */
export const ISO_COUNTRIES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
  'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
  'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
  'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
  'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
  'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** ISO 4217 alphabetic currency codes (current ones and a few recently withdrawn, which the EBA domain keeps). */
export const ISO_CURRENCIES: readonly string[] = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD ' +
  'HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD ' +
  'LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP ' +
  'PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
  'TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XDR XOF XPF XSU YER ZAR ZMW ZWG ZWL'
).split(' ');

const prefixed = (prefix: string, codes: readonly string[]): string[] =>
  codes.map((code) => `${prefix}${code}`);

/** The closed lists by the names the register notes use (tables.json `closed_lists`). */
export const CLOSED_LISTS = {
  COUNTRY: {
    label: 'an ISO 3166-1 country as eba_GA:XX',
    members: prefixed('eba_GA:', ISO_COUNTRIES),
    keyNotApplicable: 'eba_GA:qx2007',
  },
  CURRENCY: { label: 'an ISO 4217 currency as eba_CU:XXX', members: prefixed('eba_CU:', ISO_CURRENCIES) },
  ENTITY_TYPE: {
    label: 'a type of entity',
    members: prefixed(
      'eba_CT:',
      'x12 x599 x643 x639 x301 x302 x303 x304 x305 x306 x300 x316 x315 x314 x313 x312 x311 x320 x309 x308 x307 x310 x317 x318'.split(
        ' ',
      ),
    ),
  },
  HIERARCHY: {
    label: 'a hierarchy within the group',
    members: prefixed('eba_RP:', ['x53', 'x551', 'x56', 'x21', 'x210']),
  },
  CONTRACT_TYPE: { label: 'a type of arrangement', members: prefixed('eba_CO:', ['x1', 'x2', 'x3']) },
  TERMINATION_REASON: {
    label: 'a reason of termination',
    members: prefixed('eba_CO:', ['x4', 'x5', 'x6', 'x7', 'x8', 'x9']),
  },
  CODE_TYPE: {
    label: 'a type of code',
    members: prefixed('eba_qCO:', ['qx2000', 'qx2001', 'qx2002', 'qx2003', 'qx2004', 'qx2005']),
  },
  ICT_SERVICE_TYPE: {
    label: 'an ICT service type eba_TA:S01 to eba_TA:S19',
    members: Array.from({ length: 19 }, (_, index) => `eba_TA:S${String(index + 1).padStart(2, '0')}`),
  },
  YES_NO: { label: 'yes or no', members: ['eba_BT:x28', 'eba_BT:x29'] },
  YES_NO_NOT_ASSESSED: {
    label: 'yes, no or not assessed',
    members: ['eba_BT:x28', 'eba_BT:x29', 'eba_BT:x21'],
  },
  SENSITIVENESS: { label: 'a sensitiveness', members: prefixed('eba_ZZ:', ['x791', 'x792', 'x793']) },
  RELIANCE: { label: 'a level of reliance', members: prefixed('eba_ZZ:', ['x794', 'x795', 'x796', 'x797']) },
  IMPACT: { label: 'an impact', members: prefixed('eba_ZZ:', ['x791', 'x792', 'x793', 'x799']) },
  BRANCH_NATURE: { label: 'branch or not', members: prefixed('eba_ZZ:', ['x838', 'x839']) },
  PERSON_TYPE: { label: 'a type of person', members: prefixed('eba_CT:', ['x212', 'x213']) },
  SUBSTITUTABILITY: {
    label: 'a substitutability',
    members: prefixed('eba_ZZ:', ['x959', 'x960', 'x961', 'x962']),
  },
  NON_SUBSTITUTABILITY_REASON: {
    label: 'a reason of non-substitutability',
    members: prefixed('eba_ZZ:', ['x963', 'x964', 'x965']),
  },
  REINTEGRATION: {
    label: 'a possibility of reintegration',
    members: prefixed('eba_ZZ:', ['x798', 'x966', 'x967', 'x0']),
  },
  // About 128 members (ITS Annex II); the full list is not reproduced, so only the QName's shape is checked.
  LICENSED_ACTIVITY: {
    label: 'a licensed activity as eba_TA:x<n>',
    members: null,
    pattern: /^eba_TA:x[0-9]+$/,
  },
} as const satisfies Record<string, ClosedList>;

/** The name of a closed list. */
export type ClosedListName = keyof typeof CLOSED_LISTS;

/** Yes in the register's yes/no lists. */
export const YES = 'eba_BT:x28';

/** Whether `value` is a member of the closed list (a key column also accepts the list's "not applicable"). */
export function isListMember(name: ClosedListName, value: string, inKey: boolean): boolean {
  const list: ClosedList = CLOSED_LISTS[name];
  if (inKey && list.keyNotApplicable === value) return true;
  if (list.members) return memberSet(name, list.members).has(value);
  return list.pattern?.test(value) ?? false;
}

const memberSets = new Map<ClosedListName, ReadonlySet<string>>();

/** The members as a set, built once per list: a register has thousands of cells to look up. */
function memberSet(name: ClosedListName, members: readonly string[]): ReadonlySet<string> {
  let set = memberSets.get(name);
  if (!set) {
    set = new Set(members);
    memberSets.set(name, set);
  }
  return set;
}
