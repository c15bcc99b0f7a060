/**
 * The closed lists the DORA register of information uses (Commission Implementing Regulation (EU) 2024/2956),
 * as the catalog writes them: countries, the EU member states, entity types with their EBA codes, ICT service
 * types (Annex III). Pure and shared by the catalog schemas, the checks and the register.
 */

/** ISO 3166-1 alpha-2: every officially assigned code (249). */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ ' +
  'BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR ' +
  'CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
  'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
  'LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
  'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
  'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ' +
  'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR ' +
  'TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

const COUNTRIES = new Set(COUNTRY_CODES);

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code (`GB`, not `UK`). */
export function isCountryCode(code: string): boolean {
  return COUNTRIES.has(code);
}

/** The 27 member states of the European Union, by ISO code (Greece is `GR`, not the EU's `EL`). */
export const EU_COUNTRIES: readonly string[] =
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');

/** Whether a country is an EU member state. */
export function isEuCountry(code: string): boolean {
  return EU_COUNTRIES.includes(code);
}

/**
 * The register's entity types (list LIST0101040), by the name the catalog writes, with the EBA member code
 * (`eba_CT:x12` for a credit institution). The one table both the catalog schema and the register read.
 */
export const ENTITY_TYPE_CODES = {
  'credit-institution': 'x12',
  'investment-firm': 'x599',
  'central-counterparty': 'x643',
  'management-company': 'x639',
  'account-information-service-provider': 'x301',
  'electronic-money-institution': 'x302',
  'crypto-asset-service-provider': 'x303',
  'central-securities-depository': 'x304',
  'trading-venue': 'x305',
  'trade-repository': 'x306',
  'payment-institution': 'x300',
  'other-financial-entity': 'x316',
  'securitisation-repository': 'x315',
  'crowdfunding-service-provider': 'x314',
  'critical-benchmark-administrator': 'x313',
  'credit-rating-agency': 'x312',
  'occupational-retirement-provision': 'x311',
  'insurance-intermediary': 'x320',
  'insurance-undertaking': 'x309',
  'data-reporting-service-provider': 'x308',
  'alternative-investment-fund-manager': 'x307',
  'asset-referenced-token-issuer': 'x310',
  'ict-intra-group-provider': 'x317',
  'non-financial-other': 'x318',
} as const;

/** An entity type as the catalog writes it. */
export type EntityType = keyof typeof ENTITY_TYPE_CODES;

/** The entity types, in the order of the table. */
export const ENTITY_TYPES = Object.keys(ENTITY_TYPE_CODES) as [EntityType, ...EntityType[]];

/** The ICT service types of Annex III (S01-S19), with what each covers. */
export const ICT_SERVICE_TYPES = {
  S01: 'ICT project management',
  S02: 'ICT development',
  S03: 'ICT help desk and first-level support',
  S04: 'ICT security management',
  S05: 'Provision of data',
  S06: 'Data analysis',
  S07: 'ICT facilities and hosting (excluding cloud)',
  S08: 'Computation',
  S09: 'Non-cloud data storage',
  S10: 'Telecom carrier',
  S11: 'Network infrastructure',
  S12: 'Hardware and physical devices',
  S13: 'Software licensing (excluding SaaS)',
  S14: 'ICT operation management, including maintenance',
  S15: 'ICT consulting',
  S16: 'ICT risk management',
  S17: 'Cloud: infrastructure as a service (IaaS)',
  S18: 'Cloud: platform as a service (PaaS)',
  S19: 'Cloud: software as a service (SaaS)',
} as const;

/** An ICT service type code. */
export type IctServiceType = keyof typeof ICT_SERVICE_TYPES;

/** The ICT service type codes, S01 to S19. */
export const ICT_SERVICE_TYPE_CODES = Object.keys(ICT_SERVICE_TYPES) as [IctServiceType, ...IctServiceType[]];
