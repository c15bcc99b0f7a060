/**
 * The frameworks' requirements, each with the checks that evidence it: ISO 22301:2019 clauses 7 to 10, NIST SP
 * 800-34 Rev. 1 (the planning process of chapter 3 and the plan's phases of chapter 4), DORA (Regulation (EU)
 * 2022/2554) Art. 11, 12, 24 and 28 with Commission Delegated Regulation (EU) 2024/1774 Art. 25, and NIS2
 * (Directive (EU) 2022/2555) Art. 21(2)(c) and (d). Clauses are numbered as each text numbers them; titles are
 * short paraphrases, not quotations. A requirement no check evidences is "manual": a Statement says how it is met.
 * Each check's `references` (src/compliance/checks) names the same clauses, and frameworks.test.ts holds the two
 * in step; docs/compliance.md prints these tables.
 */
import type { CheckId, FrameworkId } from './types.ts';

/** A requirement of a framework and the checks that evidence it (none: a manual requirement). */
export interface Requirement {
  clause: string;
  title: string;
  checks: readonly CheckId[];
}

/** A framework: its requirements in the order the text numbers them. */
export interface Framework {
  id: FrameworkId;
  title: string;
  requirements: readonly Requirement[];
}

/** ISO 22301:2019, Security and resilience - Business continuity management systems - Requirements, clauses 7-10. */
const iso22301: Framework = {
  id: 'iso22301',
  title: 'ISO 22301:2019',
  requirements: [
    { clause: '7.1', title: 'Resources for the BCMS', checks: [] },
    { clause: '7.2', title: 'Competence of the people doing the work', checks: ['C15'] },
    { clause: '7.3', title: 'Awareness of the policy and of each person’s role', checks: ['C15'] },
    { clause: '7.4', title: 'Internal and external communication about the BCMS', checks: [] },
    { clause: '7.5.1', title: 'Documented information the BCMS needs', checks: [] },
    { clause: '7.5.2', title: 'Documented information identified, reviewed and approved', checks: [] },
    {
      clause: '7.5.3',
      title: 'Documented information controlled: protected, versions kept',
      checks: ['C17'],
    },
    { clause: '8.1', title: 'Operational planning and control', checks: [] },
    { clause: '8.2.1', title: 'BIA and risk assessment: processes kept and reviewed', checks: ['C02'] },
    {
      clause: '8.2.2',
      title: 'Business impact analysis: impacts, timeframes and priorities',
      checks: ['C01', 'C02'],
    },
    { clause: '8.2.3', title: 'Risk assessment of disruption, and its treatment', checks: ['C11', 'C12'] },
    { clause: '8.3', title: 'Business continuity strategies and solutions', checks: ['C03', 'C04', 'C11'] },
    { clause: '8.4.1', title: 'Plans and procedures: documented and maintained', checks: ['C07'] },
    { clause: '8.4.2', title: 'Response structure: teams, roles and activation thresholds', checks: ['C06'] },
    { clause: '8.4.3', title: 'Warning and communication', checks: ['C06'] },
    { clause: '8.4.4', title: 'Business continuity plans', checks: ['C06', 'C08'] },
    { clause: '8.4.5', title: 'Recovery: return from temporary measures', checks: ['C06'] },
    { clause: '8.5', title: 'Exercise programme', checks: ['C09', 'C10'] },
    { clause: '8.6', title: 'Evaluation of continuity documentation and capabilities', checks: ['C07'] },
    { clause: '9.1', title: 'Monitoring, measurement, analysis and evaluation', checks: [] },
    { clause: '9.2', title: 'Internal audit', checks: [] },
    { clause: '9.3', title: 'Management review', checks: ['C07'] },
    { clause: '10.1', title: 'Nonconformity and corrective action', checks: ['C10', 'C16'] },
    { clause: '10.2', title: 'Continual improvement', checks: [] },
  ],
};

/**
 * NIST SP 800-34 Rev. 1, Contingency Planning Guide for Federal Information Systems: chapter 3, the planning
 * process, and the phases of the plan itself that chapter 4 sets out (the process's step "develop the plan").
 */
const nist80034: Framework = {
  id: 'nist-800-34',
  title: 'NIST SP 800-34 Rev. 1',
  requirements: [
    { clause: '3.1', title: 'Develop the contingency planning policy', checks: [] },
    { clause: '3.2', title: 'Conduct the business impact analysis', checks: ['C01', 'C02'] },
    { clause: '3.3', title: 'Identify preventive controls', checks: [] },
    { clause: '3.4', title: 'Create contingency strategies', checks: ['C03'] },
    { clause: '3.4.1', title: 'Backup and recovery strategies', checks: ['C04'] },
    { clause: '3.4.2', title: 'Backup methods and offsite storage', checks: ['C04'] },
    { clause: '3.4.3', title: 'Alternate sites', checks: [] },
    { clause: '3.4.4', title: 'Equipment replacement', checks: [] },
    { clause: '3.4.5', title: 'Cost considerations', checks: [] },
    { clause: '3.4.6', title: 'Roles and responsibilities', checks: [] },
    { clause: '3.5', title: 'Plan testing, training and exercises', checks: ['C09', 'C10', 'C15'] },
    { clause: '3.6', title: 'Plan maintenance', checks: ['C07'] },
    { clause: '4.2', title: 'Plan: activation and notification', checks: ['C06'] },
    { clause: '4.3', title: 'Plan: recovery, in order of dependencies', checks: ['C05', 'C06', 'C08'] },
    { clause: '4.4', title: 'Plan: reconstitution', checks: ['C06'] },
  ],
};

/** DORA, Regulation (EU) 2022/2554, and the RTS on the ICT risk management framework, (EU) 2024/1774. */
const dora: Framework = {
  id: 'dora',
  title: 'DORA (Regulation (EU) 2022/2554)',
  requirements: [
    { clause: 'Art. 11(1)', title: 'ICT business continuity policy', checks: [] },
    {
      clause: 'Art. 11(2)',
      title: 'Arrangements ensuring continuity of critical or important functions',
      checks: ['C03', 'C11'],
    },
    { clause: 'Art. 11(3)', title: 'ICT response and recovery plans, independently audited', checks: [] },
    {
      clause: 'Art. 11(4)',
      title: 'ICT business continuity plans in place, maintained and tested',
      checks: ['C06', 'C07'],
    },
    { clause: 'Art. 11(5)', title: 'Business impact analysis of severe disruptions', checks: ['C02'] },
    { clause: 'Art. 11(6)', title: 'Plans tested yearly and after substantive changes', checks: ['C09'] },
    { clause: 'Art. 11(7)', title: 'Crisis management function', checks: [] },
    { clause: 'Art. 11(8)', title: 'Records of activities before and during disruptions', checks: [] },
    {
      clause: 'Art. 12(1)',
      title: 'Backup policies and restoration and recovery procedures',
      checks: ['C04'],
    },
    {
      clause: 'Art. 12(2)',
      title: 'Backup systems, and periodic tests of backup and restore',
      checks: ['C04'],
    },
    { clause: 'Art. 12(3)', title: 'Restoration on segregated systems', checks: [] },
    { clause: 'Art. 12(4)', title: 'Redundant ICT capacities', checks: ['C11'] },
    {
      clause: 'Art. 12(6)',
      title: 'Recovery time and point objectives per function, met in extreme scenarios',
      checks: ['C01', 'C03', 'C04'],
    },
    { clause: 'Art. 12(7)', title: 'Data integrity checks when recovering', checks: [] },
    { clause: 'Art. 24(1)', title: 'Digital operational resilience testing programme', checks: [] },
    { clause: 'Art. 24(5)', title: 'Issues found by tests prioritised and remedied', checks: ['C10'] },
    {
      clause: 'Art. 24(6)',
      title: 'Systems supporting critical or important functions tested yearly',
      checks: ['C09'],
    },
    {
      clause: 'Art. 28(3)',
      title: 'Register of information on ICT third-party arrangements',
      checks: ['C14'],
    },
    {
      clause: 'Art. 28(8)',
      title: 'Exit strategies for services supporting critical or important functions',
      checks: ['C13'],
    },
    {
      clause: 'RTS 2024/1774 Art. 25(1)',
      title: 'Plan tests take the BIA and the risk assessment into account',
      checks: [],
    },
    {
      clause: 'RTS 2024/1774 Art. 25(2)',
      title: 'Plan tests on severe but plausible scenarios, switchover included',
      checks: [],
    },
    {
      clause: 'RTS 2024/1774 Art. 25(5)',
      title: 'Test results documented, deficiencies analysed and addressed',
      checks: ['C10'],
    },
  ],
};

/** NIS2, Directive (EU) 2022/2555, Art. 21(2): the cybersecurity risk-management measures on continuity. */
const nis2: Framework = {
  id: 'nis2',
  title: 'NIS2 (Directive (EU) 2022/2555)',
  requirements: [
    {
      clause: 'Art. 21(2)(c)',
      title: 'Business continuity: backup management, disaster recovery, crisis management',
      checks: ['C03', 'C04', 'C06'],
    },
    { clause: 'Art. 21(2)(d)', title: 'Supply chain security', checks: ['C13'] },
  ],
};

/** Every framework, in the order of FRAMEWORK_IDS. */
export const FRAMEWORKS: readonly Framework[] = [iso22301, nist80034, dora, nis2];
