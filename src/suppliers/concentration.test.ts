import { describe, expect, it } from 'vitest';
import type { BiaFigures } from '../bia/business-impact.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import type { CatalogDocument, DocumentOf } from '../catalog/kinds.ts';
import { buildGraph } from '../engine/index.ts';
import { analyzeSuppliers } from './concentration.ts';

const doc = <K extends CatalogDocument['kind']>(kind: K, id: string, spec: unknown, name?: string) =>
  ({
    apiVersion: 'lifeboat/v1',
    kind,
    metadata: { id, ...(name !== undefined && { name }) },
    spec,
  }) as DocumentOf<K>;

const critical = { criticalOrImportant: 'yes', reason: 'r', assessedOn: '2026-01-01' };

// Two suppliers: "cloud" (under its parent "cloud-group") hosts the tier-1 payments and, through a sister company
// "cloud-db", the tier-3 reports; "telco" carries the tier-2 branches. Both subcontract the "dc" operator.
const vendors = [
  doc(
    'Vendor',
    'cloud',
    {
      parent: 'cloud-group',
      substitutability: { level: 'highly-complex', reason: 'difficult-migration' },
      alternatives: ['other-cloud'],
      exitPlan: { plan: 'plan-exit-cloud', lastTested: '2025-06-01' },
    },
    'Cloud',
  ),
  doc('Vendor', 'cloud-group', {}),
  doc('Vendor', 'cloud-db', { parent: 'cloud-group' }),
  doc('Vendor', 'telco', { exitPlan: { plan: 'plan-exit-telco' } }),
  doc('Vendor', 'dc', {}),
  doc('Vendor', 'other-cloud', {}),
];
const services = [
  doc('Service', 'payments', {
    type: 'business',
    tier: 1,
    rto: '4h',
    function: critical,
    dependsOn: ['cloud'],
  }),
  doc('Service', 'branches', { type: 'business', tier: 2, function: critical, dependsOn: ['telco'] }),
  doc('Service', 'reports', { type: 'business', tier: 3, dependsOn: ['cloud-db'] }),
];
const contract = (id: string, vendor: string, extra: object) =>
  doc('Contract', id, {
    reference: id.toUpperCase(),
    type: 'standalone',
    vendor,
    ictServiceType: 'S17',
    start: '2024-01-01',
    ...extra,
  });
const contracts = [
  contract('c-cloud', 'cloud', {
    services: ['payments'],
    subcontractors: [{ vendor: 'dc', ictServiceType: 'S07', rank: 2 }],
  }),
  contract('c-telco', 'telco', {
    end: '2027-01-01',
    subcontractors: [{ vendor: 'dc', ictServiceType: 'S07', rank: 2 }],
  }),
  contract('c-old', 'telco', { end: '2025-01-01', services: ['branches'] }),
];
const exercises = [
  doc('Exercise', 'ex-cloud', {
    title: 't',
    type: 'simulation',
    plans: ['plan-exit-cloud'],
    scheduled: '2026-03-01',
    status: 'done',
  }),
  doc('Exercise', 'ex-cloud-next', {
    title: 't',
    type: 'simulation',
    plans: ['plan-exit-cloud'],
    scheduled: '2026-11-01',
    status: 'planned',
  }),
];
const figures = (loss: Record<string, number>) => ({ impacts: {}, loss }) as unknown as BiaFigures;
// payments loses 400 at its 4h RTO; branches, with no RTO, 1,000 at 24h; reports has no BIA.
const bias = new Map([
  ['payments', figures({ '4h': 400, '1d': 2400 })],
  ['branches', figures({ '1d': 1000 })],
]);

function analyse(overrides: { contracts?: typeof contracts; today?: string } = {}) {
  const documents = [...vendors, ...services] as CatalogDocument[];
  return analyzeSuppliers({
    graph: buildGraph(toEngineNodes(documents)),
    vendors,
    services,
    contracts: overrides.contracts ?? contracts,
    exercises,
    bias,
    today: overrides.today ?? '2026-12-06',
  });
}

const find = (id: string) => analyse().suppliers.find((s) => s.id === id)!;

describe('supplier concentration', () => {
  it('fails a supplier with its whole group and its subcontractors, not with its peers', () => {
    const cloud = find('cloud');
    expect(cloud.failed).toEqual(['cloud', 'cloud-db', 'cloud-group', 'dc']);
    expect(cloud.subcontractors).toEqual(['dc']);
    expect(cloud.servicesDown).toEqual([
      { id: 'payments', tier: 1 },
      { id: 'reports', tier: 3 },
    ]);
    // telco shares dc but does not fail with cloud.
    expect(find('telco').failed).toEqual(['dc', 'telco']);
  });

  it('fails a subcontractor with the suppliers that rely on it, and their groups', () => {
    const dc = find('dc');
    expect(dc.failed).toEqual(['cloud', 'cloud-db', 'cloud-group', 'dc', 'telco']);
    expect(dc.servicesDown.map((s) => s.id)).toEqual(['payments', 'branches', 'reports']);
    expect(analyse().suppliers[0]!.id).toBe('dc');
  });

  it('counts a critical function a contract in force names even when the graph has no path to it', () => {
    const core = contract('c-core', 'other-cloud', { services: ['payments'] });
    const { suppliers } = analyse({ contracts: [...contracts, core] });
    const other = suppliers.find((s) => s.id === 'other-cloud')!;
    expect(other.servicesDown).toEqual([]);
    expect(other.criticalFunctions).toEqual(['payments']);
    // payments: 8 x (1 + 400/1000).
    expect(other).toMatchObject({ score: 11.2, loss: 400 });
  });

  it('weights each service down by tier and by its loss at the RTO (24h without one) over the costliest', () => {
    const { suppliers } = analyse({ contracts: contracts.filter((c) => c.metadata.id !== 'c-telco') });
    const cloud = suppliers.find((s) => s.id === 'cloud')!;
    // payments: 8 x (1 + 400/1000); reports: 2 x 1 (no BIA).
    expect(cloud.servicesDown.map((s) => s.id)).toEqual(['payments', 'reports']);
    expect(cloud.score).toBe(13.2);
    expect(cloud.loss).toBe(400);
    const telco = suppliers.find((s) => s.id === 'telco')!;
    // branches: 4 x (1 + 1000/1000).
    expect(telco.score).toBe(8);
    expect(telco.loss).toBe(1000);
    expect(suppliers[0]!.id).toBe('cloud');
    expect(suppliers.find((s) => s.id === 'other-cloud')).toMatchObject({
      score: 0,
      loss: null,
      servicesDown: [],
    });
  });

  it('counts the critical functions down or named by a contract in force, as a share of all', () => {
    const { suppliers } = analyse({ contracts: [contracts[2]!] });
    const telco = suppliers.find((s) => s.id === 'telco')!;
    expect(telco.criticalFunctions).toEqual(['branches']);
    expect(telco.criticalShare).toBe(0.5);
    // The ended contract names no critical function for a supplier that is not in the graph under it.
    expect(suppliers.find((s) => s.id === 'dc')!.criticalFunctions).toEqual([]);
  });

  it('names a subcontractor shared by two suppliers as a fourth party', () => {
    expect(analyse().fourthParties).toEqual([{ id: 'dc', suppliers: ['cloud', 'telco'] }]);
    expect(analyse({ contracts: contracts.slice(0, 1) }).fourthParties).toEqual([]);
  });

  it('takes the later of the stored test date and the latest done exercise, overdue after 12 months', () => {
    expect(find('cloud').exitPlan).toEqual({
      plan: 'plan-exit-cloud',
      lastTested: '2026-03-01',
      overdue: false,
    });
    const later = analyse({ today: '2027-03-02' }).suppliers.find((s) => s.id === 'cloud')!;
    expect(later.exitPlan?.overdue).toBe(true);
    expect(find('telco').exitPlan).toEqual({ plan: 'plan-exit-telco', lastTested: null, overdue: true });
    expect(find('dc').exitPlan).toBeNull();
  });

  it('lists substitutability, alternatives and contracts', () => {
    const cloud = find('cloud');
    expect(cloud.name).toBe('Cloud');
    expect(cloud.substitutability).toEqual({ level: 'highly-complex', reason: 'difficult-migration' });
    expect(cloud.alternatives).toEqual(['other-cloud']);
    expect(find('telco').contracts).toEqual([
      { id: 'c-telco', reference: 'C-TELCO', end: '2027-01-01', ended: false, services: [] },
      { id: 'c-old', reference: 'C-OLD', end: '2025-01-01', ended: true, services: ['branches'] },
    ]);
  });
});
