/**
 * C14: the DORA register of information built from the catalog passes the project's validator with no error
 * (DORA Art. 28(3); the templates of Implementing Regulation (EU) 2024/2956). The register is built and judged as
 * `lifeboat export dora` and `GET /api/v1/exports/dora` do (src/dora/export/judge.ts), with the evaluation day as
 * its reference date. A catalog whose Policy gives no organisation LEI is not a DORA financial entity's: the check
 * does not apply.
 */
import { formatRegisterProblems, judgeRegister } from '../../dora/export/judge.ts';
import { RegisterInputError } from '../../dora/export/register.ts';
import type { CheckItem, ComplianceCheck } from '../types.ts';

/** How many problems the message names before "and N more". */
const SHOWN = 3;

/** C14 Register of information (see the file header). */
export const registerCheck: ComplianceCheck = {
  id: 'C14',
  title: 'DORA register of information valid',
  rule:
    'The DORA register of information built from the catalog, with the evaluation day as its reference date, ' +
    'passes the validator of the EBA report package (Implementing Regulation (EU) 2024/2956) with no error. It ' +
    'applies when the Policy gives the organisation an LEI.',
  references: [{ framework: 'dora', clause: 'Art. 28(3)' }],
  defaults: { tiers: [], severity: 'high' },
  items(context) {
    if (!context.policy.organisation.lei) return [];
    const policy = context.policy.id === undefined ? undefined : context.byId.get(context.policy.id);
    const base = { id: 'dora-register', kind: 'Catalog' as const };
    const policyPath = policy && context.pathOf(policy);
    let judged: ReturnType<typeof judgeRegister>;
    try {
      judged = judgeRegister(context.documents, {
        createdAt: new Date(`${context.at}T00:00:00Z`),
        referenceDate: context.at,
      });
    } catch (error) {
      if (!(error instanceof RegisterInputError)) throw error;
      return [
        {
          ...base,
          status: 'fail',
          ...(policyPath && { path: policyPath }),
          message: `The DORA register cannot be built: ${error.message}.`,
        },
      ];
    }
    const { problems, register } = judged;
    if (problems.length === 0) {
      const item: CheckItem = {
        ...base,
        status: 'pass',
        ...(policyPath && { path: policyPath }),
        message: `The DORA register of information at ${context.at} validates with no error (${register.zipName}).`,
      };
      if (policy)
        item.evidence = [
          {
            type: 'document',
            kind: 'Policy',
            id: policy.metadata.id,
            title: `DORA register of information ${register.zipName}`,
            path: context.pathOf(policy),
            date: context.at,
          },
        ];
      return [item];
    }
    const lines = formatRegisterProblems(problems.slice(0, SHOWN));
    const more = problems.length - lines.length;
    const first = problems.find((problem) => problem.document !== null)?.document;
    const document = first && context.byId.get(first.id);
    const path = document ? context.pathOf(document) : policyPath;
    return [
      {
        ...base,
        status: 'fail',
        ...(path && { path }),
        message:
          `The DORA register of information at ${context.at} has ${problems.length} error${problems.length === 1 ? '' : 's'}: ` +
          `${lines.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
      },
    ];
  },
};
