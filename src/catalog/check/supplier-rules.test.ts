import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check-catalog.ts';
import { formatFindings } from './finding.ts';

// `pay` is a critical function that runs on Nimbus (through `app`); `news` is not critical and runs on Textly.
// Nimbus's exit plan moves the app elsewhere.
const BANK = '5299000EXAMPLEBANK10';
const PAYS = '5299000EXAMPLEPAYS14';

interface Catalog {
  policy?: string;
  nimbus?: string;
  textly?: string;
  contracts?: string[];
  pay?: string;
}

function catalogText(parts: Catalog = {}): string {
  const doc = (kind: string, id: string, spec: string) =>
    `apiVersion: lifeboat/v1\nkind: ${kind}\nmetadata: {id: ${id}}\nspec:\n${spec
      .trim()
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n')}\n`;
  return [
    doc(
      'Policy',
      'policy',
      parts.policy ??
        `organisation:
  name: Example Bank
  currency: EUR
  lei: ${BANK}
  entities: [{name: Example Payments, lei: ${PAYS}, country: DE, type: payment-institution}]`,
    ),
    doc('Person', 'ana', 'email: ana@example.org'),
    doc(
      'Vendor',
      'nimbus',
      `recovery: 12h\n${parts.nimbus ?? `exitPlan: {plan: exit-nimbus, lastTested: '2026-03-01'}`}`,
    ),
    doc('Vendor', 'textly', parts.textly ?? 'recovery: 4h'),
    doc('Vendor', 'other-cloud', 'recovery: 4h'),
    doc('Component', 'app', 'type: application\nrecovery: 1h\ndependsOn: [nimbus]'),
    doc(
      'Service',
      'pay',
      parts.pay ??
        'type: business\ntier: 3\nowner: ana\ndependsOn: [app]\nfunction: {criticalOrImportant: yes}',
    ),
    doc(
      'Service',
      'news',
      'type: business\ntier: 3\nowner: ana\ndependsOn: [textly]\nfunction: {criticalOrImportant: no}',
    ),
    doc(
      'Plan',
      'exit-nimbus',
      `services: [pay]
owner: ana
scenario: {description: Leave Nimbus, fail: [nimbus]}
activation: The CIO decides.`,
    ),
    ...(parts.contracts ?? []).map((spec, index) => doc('Contract', `ctr-${index + 1}`, spec)),
  ].join('---\n');
}

function check(parts: Catalog = {}, today = '2026-12-01') {
  const result = checkCatalog([{ file: 's.yaml', text: catalogText(parts) }], { today });
  return {
    errors: formatFindings({ errors: result.errors, warnings: [] }),
    warnings: result.warnings.map((finding) => finding.message),
  };
}

const contract = (extra = '') =>
  `reference: CTR-1\ntype: standalone\nvendor: nimbus\nictServiceType: S17\nstart: '2024-01-01'\n${extra}`;

describe('supplier checks', () => {
  it('finds nothing in a catalog whose critical supplier has an exit plan tested this year', () => {
    expect(check({ contracts: [contract(`services: [pay]\nend: '2027-12-31'`)] })).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('warns about a supplier that takes a critical function down and has no exit plan', () => {
    const { errors, warnings } = check({ nimbus: '' });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'the vendor "nimbus" supports critical or important functions (pay) and has no exit plan: write one and name it in exitPlan (DORA Art. 28(8))',
    ]);
  });

  it('warns about an exit plan last tested over 12 months ago, or never, and not about one tested 12 months ago', () => {
    expect(check({ nimbus: `exitPlan: {plan: exit-nimbus, lastTested: '2025-11-30'}` }).warnings).toEqual([
      'the exit plan of "nimbus" ("exit-nimbus") was last tested on 2025-11-30, over 12 months ago, and the vendor supports critical or important functions (pay): test it again and record exitPlan.lastTested',
    ]);
    expect(check({ nimbus: `exitPlan: {plan: exit-nimbus, lastTested: '2025-12-01'}` }).warnings).toEqual([]);
    expect(check({ nimbus: 'exitPlan: {plan: exit-nimbus}' }).warnings).toEqual([
      'the exit plan of "nimbus" ("exit-nimbus") has never been tested, and the vendor supports critical or important functions (pay): test it and record exitPlan.lastTested',
    ]);
  });

  it("counts a supplier whose contract in force names a critical function, even when the graph doesn't link them", () => {
    const { warnings } = check({ contracts: [contract('services: [pay]').replace('nimbus', 'textly')] });
    expect(warnings).toEqual([
      'the vendor "textly" supports critical or important functions (pay) and has no exit plan: write one and name it in exitPlan (DORA Art. 28(8))',
    ]);
    // A contract that supports only a function assessed as not critical asks for nothing.
    expect(check({ contracts: [contract('services: [news]').replace('nimbus', 'textly')] }).warnings).toEqual(
      [],
    );
  });

  it('asks nothing of suppliers when no function is assessed critical or important', () => {
    const pay = 'type: business\ntier: 3\nowner: ana\ndependsOn: [app]';
    expect(check({ nimbus: '', pay }).warnings).toEqual([]);
  });

  it('warns about a hard-to-replace supplier with no alternatives, or no reason', () => {
    const nimbus = `exitPlan: {plan: exit-nimbus, lastTested: '2026-03-01'}`;
    expect(check({ nimbus: `${nimbus}\nsubstitutability: {level: not-substitutable}` }).warnings).toEqual([
      'the vendor "nimbus" is not-substitutable and lists no alternatives: record the alternatives considered in alternatives, for its exit plan',
      'the vendor "nimbus" is not-substitutable with no reason: set substitutability.reason (no-alternative, difficult-migration or both), as the register asks',
    ]);
    const listed = `${nimbus}\nsubstitutability: {level: highly-complex, reason: both}\nalternatives: [other-cloud]`;
    expect(check({ nimbus: listed }).warnings).toEqual([]);
    expect(check({ nimbus: `${nimbus}\nsubstitutability: {level: medium}` }).warnings).toEqual([]);
  });

  it('warns about an ultimate parent that has a parent of its own', () => {
    expect(
      check({ textly: 'recovery: 4h\nparent: nimbus', nimbus: 'parent: other-cloud' }).warnings,
    ).toContain(
      'the ultimate parent of "textly" is "nimbus", which has a parent of its own ("other-cloud"): name the top of the group in parent',
    );
    expect(check({ textly: 'recovery: 4h\nparent: nimbus' }).warnings).toEqual([]);
  });

  it('warns about a contract that has ended and still supports services, and about its missing reason', () => {
    const { errors, warnings } = check({ contracts: [contract(`services: [news]\nend: '2026-06-30'`)] });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'the contract "ctr-1" ended on 2026-06-30 and still supports news: renew it, move the services to the contract that replaced it, or remove them',
      'the contract "ctr-1" ended on 2026-06-30 with no termination reason: set terminationReason (expired, provider-breach, provider-impediment, data-security, authority or other)',
    ]);
    expect(
      check({ contracts: [contract(`end: '2026-06-30'\nterminationReason: expired`)] }).warnings,
    ).toEqual([]);
  });

  it('warns about a termination reason on a contract that has not ended', () => {
    expect(check({ contracts: [contract('terminationReason: provider-breach')] }).warnings).toEqual([
      'the contract "ctr-1" has a termination reason (provider-breach) but no end date: set end to the date it ended, or remove the reason',
    ]);
    expect(
      check({ contracts: [contract(`end: '2027-01-31'\nterminationReason: expired`)] }).warnings,
    ).toEqual([
      'the contract "ctr-1" has a termination reason (expired) but ends only on 2027-01-31: set end to the date it ended, or remove the reason',
    ]);
  });

  it('warns about stored data without a location', () => {
    expect(check({ contracts: [contract('data: {stored: true, sensitivity: high}')] }).warnings).toEqual([
      'the contract "ctr-1" says the supplier stores data but gives no storageLocations: list the countries where the data is at rest',
    ]);
    expect(check({ contracts: [contract('data: {stored: true, storageLocations: [IE]}')] }).warnings).toEqual(
      [],
    );
    expect(check({ contracts: [contract('data: {stored: false}')] }).warnings).toEqual([]);
  });
});

describe('supplier errors', () => {
  it('refuses a subsequent contract under one that is not overarching, or under none', () => {
    const standalone = contract();
    const subsequent = contract('overarching: ctr-1')
      .replace('CTR-1', 'CTR-2')
      .replace('standalone', 'subsequent');
    expect(check({ contracts: [standalone, subsequent] }).errors).toEqual([
      's.yaml:92:16: error: the contract "ctr-2" sits under "ctr-1", which is standalone, not overarching: name an overarching contract, or make "ctr-1" one',
    ]);
    const overarching = standalone.replace('standalone', 'overarching');
    expect(check({ contracts: [overarching, subsequent] }).errors).toEqual([]);
    expect(check({ contracts: [contract().replace('standalone', 'subsequent')] }).errors).toEqual([
      's.yaml:78:9: error: spec.type is "subsequent": a subsequent contract names its overarching contract in overarching',
    ]);
    const standaloneUnder = contract('overarching: ctr-1').replace('CTR-1', 'CTR-2');
    expect(check({ contracts: [overarching, standaloneUnder] }).errors).toEqual([
      's.yaml:92:16: error: spec.overarching is "ctr-1": only a subsequent contract sits under an overarching one; this one is standalone',
    ]);
  });

  it('refuses two contracts with one reference', () => {
    expect(check({ contracts: [contract(), contract()] }).errors).toEqual([
      's.yaml:87:14: error: the reference "CTR-1" of the contract "ctr-2" is already the contract "ctr-1"\'s (s.yaml:77:14): a reference identifies one contract in the register',
    ]);
  });

  it('refuses a contract signed by an entity the policy does not put in scope', () => {
    expect(check({ contracts: [contract(`entity: ${PAYS}`)] }).errors).toEqual([]);
    expect(check({ contracts: [contract('entity: 7LTWFZYICNSX8D621K86')] }).errors).toEqual([
      `s.yaml:82:11: error: the contract "ctr-1" is signed by 7LTWFZYICNSX8D621K86, which is not an entity in scope: use the LEI of the Policy's organisation or of one of its entities (${BANK}, ${PAYS})`,
    ]);
  });

  it('refuses an invalid LEI wherever it is, naming the field', () => {
    const policy = `organisation:
  name: Example Bank
  currency: EUR
  lei: 5299000EXAMPLEBANK11
  entities: [{name: Example Payments, lei: 5299000EXAMPLEPAYS, country: DE, type: payment-institution}]`;
    const { errors } = check({
      policy,
      nimbus: 'identifier: {type: LEI, code: 7LTWFZYICNSX8D621K87}',
      contracts: [contract('entity: 5299000EXAMPLEBANK12')],
    });
    expect(errors).toEqual([
      's.yaml:8:10: error: spec.organisation.lei is "5299000EXAMPLEBANK11": not a valid LEI: its check digits do not match (ISO 17442): check it for a typo',
      's.yaml:9:46: error: spec.organisation.entities[0].lei is "5299000EXAMPLEPAYS": not a valid LEI: an LEI has 20 characters, not 18',
      's.yaml:22:33: error: spec.identifier.code is "7LTWFZYICNSX8D621K87": not a valid LEI: its check digits do not match (ISO 17442): check it for a typo',
      's.yaml:82:11: error: spec.entity is "5299000EXAMPLEBANK12": not a valid LEI: its check digits do not match (ISO 17442): check it for a typo',
    ]);
  });

  it('refuses an identifier a legal person cannot have, and an EUID outside the EU', () => {
    expect(check({ nimbus: 'identifier: {type: VAT, code: IE6388047V}' }).errors).toEqual([
      's.yaml:22:22: error: spec.identifier.type is "VAT": a legal person is identified by an LEI or an EUID (or set personType: individual for a person acting in a business capacity)',
    ]);
    expect(
      check({ nimbus: 'personType: individual\nidentifier: {type: VAT, code: IE6388047V}' }).errors,
    ).toEqual([]);
    expect(
      check({ nimbus: 'country: US\nidentifier: {type: EUID, code: DEK1101R.HRB12345}' }).errors,
    ).toEqual([
      's.yaml:23:22: error: spec.identifier.type is "EUID": an EUID identifies EU companies only; a supplier in US is identified by its LEI',
    ]);
    expect(check({ nimbus: 'country: UK' }).errors).toEqual([
      's.yaml:22:12: error: spec.country is "UK": a country is an ISO 3166-1 alpha-2 code such as DE, IE or GB: the United Kingdom is GB',
    ]);
  });
});
