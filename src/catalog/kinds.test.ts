import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check/check-catalog.ts';
import { API_VERSION, FAILURE_KINDS, KIND_NAMES, KINDS, documentSchemas, kindOfPlural } from './kinds.ts';
import { referencesOf } from './references.ts';

const examples = KIND_NAMES.map((kind) => ({ apiVersion: API_VERSION, kind, ...KINDS[kind].example }));

describe('the kind registry', () => {
  it('gives every kind a distinct plural that leads back to it', () => {
    const plurals = KIND_NAMES.map((kind) => KINDS[kind].plural);
    expect(new Set(plurals).size).toBe(plurals.length);
    for (const kind of KIND_NAMES) expect(kindOfPlural(KINDS[kind].plural)).toBe(kind);
  });

  it("has examples that pass their kind's schema and, together, check with no error", () => {
    for (const example of examples) {
      const parsed = documentSchemas[example.kind].safeParse(example);
      expect(parsed.error?.message, example.kind).toBeUndefined();
    }
    const text = examples.map((example) => JSON.stringify(example)).join('\n---\n');
    const checked = checkCatalog([{ file: 'examples.yaml', text }]);
    expect(checked.errors).toEqual([]);
    expect(checked.documents).toHaveLength(KIND_NAMES.length);
  });

  it('reads the references of a document from its schema, with the kinds each may name', () => {
    const component = examples.find((example) => example.kind === 'Component');
    expect(component && referencesOf(component)).toEqual([
      { path: ['spec', 'site'], id: 'dc-north', allowed: ['Site'], dependency: true },
      { path: ['spec', 'owner'], id: 'ops', allowed: ['Team', 'Person'], dependency: false },
      { path: ['spec', 'vendor'], id: 'telco', allowed: ['Vendor'], dependency: false },
    ]);
    const service = examples.find((example) => example.kind === 'Service');
    expect(service && referencesOf(service).map((ref) => [ref.id, ref.dependency, ref.allowed])).toEqual([
      ['ana', false, ['Team', 'Person']],
      ['db-primary', true, FAILURE_KINDS],
      ['telco', true, FAILURE_KINDS],
    ]);
  });

  it('presents each field from its schema: references, choices, durations and whether it is required', () => {
    const fields = new Map(KINDS.Service.formFields.map((field) => [field.name, field]));
    expect(fields.get('owner')).toMatchObject({ type: 'ref', kinds: ['Team', 'Person'], required: false });
    expect(fields.get('type')).toMatchObject({ type: 'select', options: ['business', 'it'], required: true });
    expect(fields.get('rto')).toMatchObject({ type: 'duration', label: 'RTO' });
    expect(fields.get('dependsOn')).toMatchObject({ type: 'deps' });
    expect(KINDS.Service.filterInfo.map((filter) => filter.name)).toEqual([
      'tier',
      'type',
      'owner',
      'missing',
    ]);
  });

  it('marks as owner-writable exactly the kinds a service owner may write', () => {
    expect(KIND_NAMES.filter((kind) => KINDS[kind].ownerWritable)).toEqual([
      'Service',
      'Component',
      'Plan',
      'ImpactAssessment',
    ]);
  });
});
