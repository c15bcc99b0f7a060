import { describe, expect, it } from 'vitest';
import { plan, smallCatalog } from '../../../test/support/reminder-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { freezeVersion, type FrozenVersion } from '../../catalog/versions.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import type { ComplianceInput } from '../types.ts';
import { evidenceCheck } from './c17-evidence.ts';

/** Plan plan-db approved by the manager on 2026-03-02, frozen as version 1. */
const frozen = freezeVersion(plan('plan-db'), {
  number: 1,
  actor: 'manager@example.org',
  at: '2026-03-02T10:00:00.000Z',
});
const approved = frozen.document;
const { checksum } = frozen.version;

const HEAD = { sequence: 42, hash: 'a'.repeat(64), at: '2026-05-30T08:00:00.000Z' };
const VALID: NonNullable<ComplianceInput['audit']> = { valid: true, entries: 42, head: HEAD };

function input(
  documents: CatalogDocument[],
  versions: FrozenVersion[] = [frozen.version],
  audit: ComplianceInput['audit'] = VALID,
): ComplianceInput {
  return {
    at: '2026-06-01',
    documents: [...smallCatalog(), ...documents],
    source: 'database',
    versions: new Map([['plan-db', versions]]),
    ...(audit && { audit }),
  };
}

const items = (value: ComplianceInput) => evidenceCheck.items(complianceContext(value));

describe('C17 evidence integrity', () => {
  it('passes an approved plan that is its frozen version and an audit chain that verifies', () => {
    expect(items(input([approved]))).toEqual([
      {
        id: 'audit-log',
        kind: 'Catalog',
        status: 'pass',
        message: `The audit log's hash chain verifies over 42 entries; its head is entry 42 of 2026-05-30, hash aaaaaaaaaaaa.`,
        evidence: [
          {
            type: 'audit',
            id: '42',
            checksum: HEAD.hash,
            date: '2026-05-30',
            title: `Audit log head: entry 42 of 2026-05-30, hash ${HEAD.hash}`,
          },
        ],
      },
      {
        id: 'plan-db',
        kind: 'Plan',
        status: 'pass',
        path: '/plans/plan-db',
        message: `The plan Plan plan-db is version 1, approved by manager@example.org on 2026-03-02 (checksum ${checksum.slice(0, 12)}).`,
        evidence: [
          {
            type: 'version',
            kind: 'Plan',
            id: 'plan-db',
            version: 1,
            checksum,
            date: '2026-03-02',
            title: 'Plan Plan plan-db version 1, approved by manager@example.org on 2026-03-02',
            path: '/plans/plan-db',
          },
        ],
      },
    ]);
  });

  it('fails an approval whose content is not a frozen version, or that has none', () => {
    const altered = {
      ...approved,
      spec: { ...approved.spec, activation: 'Anyone decides.' },
    } as CatalogDocument;
    expect(items(input([altered])).find((item) => item.id === 'plan-db')).toMatchObject({
      status: 'fail',
      message:
        'The plan Plan plan-db shows as approved but its content differs from every frozen version (the latest is version 1, approved on 2026-03-02): submit it for approval again.',
    });
    expect(items(input([approved], [])).find((item) => item.id === 'plan-db')).toMatchObject({
      status: 'fail',
      message:
        'The plan Plan plan-db shows as approved but has no frozen version: submit it for approval so the approval is recorded.',
    });
  });

  it('leaves drafts out: only what shows as approved is an approval', () => {
    expect(items(input([plan('plan-db')])).map((item) => item.id)).toEqual(['audit-log']);
  });

  it('fails a broken audit chain, naming the first entry that does not verify', () => {
    const broken = {
      ...VALID,
      valid: false,
      firstBroken: { sequence: 17, reason: 'its content does not match its hash' },
    };
    expect(items(input([], [], broken))).toEqual([
      {
        id: 'audit-log',
        kind: 'Catalog',
        status: 'fail',
        message:
          "The audit log's hash chain breaks at entry 17 (its content does not match its hash): the log was altered after it was written; investigate it from that entry on.",
      },
    ]);
  });

  it('does not apply to catalog files, and fails through the evaluation when the chain is broken', () => {
    const files: ComplianceInput = {
      at: '2026-06-01',
      documents: [...smallCatalog(), approved],
      source: 'files',
    };
    expect(items(files)).toEqual([]);
    expect(evaluateCompliance(files).checks.find((check) => check.id === 'C17')?.status).toBe(
      'not-applicable',
    );
    const broken = { ...VALID, valid: false, firstBroken: { sequence: 17, reason: 'entry 17 is missing' } };
    expect(
      evaluateCompliance(input([approved], undefined, broken)).checks.find((c) => c.id === 'C17'),
    ).toMatchObject({
      status: 'fail',
      passed: 1,
      failed: 1,
    });
  });
});
