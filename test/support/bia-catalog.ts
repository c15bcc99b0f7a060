/**
 * A small catalog for the BIA tests: a policy (GBP, horizons 1h to 3d, tolerance 4, WRT 30m), a site, a database,
 * three services, the payments BIA, two CRM BIAs (2025 and 2026, the later one current) and a plan for the site.
 */
export const BIA_CATALOG = `
apiVersion: lifeboat/v1
kind: Policy
metadata: { id: policy }
spec:
  organisation: { name: Example Ltd, currency: GBP }
  impact: { horizons: [1h, 4h, 1d, 3d], tolerance: 4 }
  workRecovery: 30m
---
apiVersion: lifeboat/v1
kind: Person
metadata: { id: ana }
spec: { email: ana@example.org }
---
apiVersion: lifeboat/v1
kind: Site
metadata: { id: dc-a }
spec: { recovery: 4h }
---
apiVersion: lifeboat/v1
kind: Component
metadata: { id: db }
spec: { type: application, site: dc-a, recovery: 30m }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: pay }
spec: { type: business, tier: 1, owner: ana, rto: 2h, rpo: 5m, mtpd: 4h, dependsOn: [db], restart: 5m }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: crm }
spec: { type: business, tier: 2, owner: ana, rto: 8h, rpo: 1h, mtpd: 1d, dependsOn: [dc-a], restart: 10m }
---
apiVersion: lifeboat/v1
kind: Service
metadata: { id: web }
spec: { type: business, tier: 3, owner: ana, rto: 1d }
---
apiVersion: lifeboat/v1
kind: ImpactAssessment
metadata: { id: bia-pay }
spec:
  service: pay
  assessedBy: ana
  assessedOn: '2026-03-02'
  impacts:
    financial: { 1h: 2, 4h: 4, 1d: 5, 3d: 5 }
    customers: { 1h: 3, 4h: 3, 1d: 4, 3d: 5 }
  loss: { 1h: 10000, 4h: 100000, 1d: 340000, 3d: 1500000 }
---
apiVersion: lifeboat/v1
kind: ImpactAssessment
metadata: { id: bia-crm-2025 }
spec:
  service: crm
  assessedBy: ana
  assessedOn: '2025-06-01'
  impacts:
    financial: { 1h: 5 }
  loss: { 1h: 60000 }
---
apiVersion: lifeboat/v1
kind: ImpactAssessment
metadata: { id: bia-crm-2026 }
spec:
  service: crm
  assessedBy: ana
  assessedOn: '2026-02-01'
  impacts:
    customers: { 1h: 1, 4h: 2, 1d: 3, 3d: 4 }
  loss: { 4h: 2000, 1d: 14000 }
---
apiVersion: lifeboat/v1
kind: Plan
metadata: { id: plan-dc-a }
spec:
  services: [pay, crm]
  owner: ana
  scenario: { description: Site A is lost, fail: [dc-a] }
  activation: Any outage of dc-a.
`;
