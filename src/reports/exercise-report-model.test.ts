import { beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../catalog/check/check-catalog.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import type { CatalogDocument, DocumentOf } from '../catalog/kinds.ts';
import { readCatalogSources } from '../catalog/yaml/read.ts';
import { buildGraph } from '../engine/index.ts';
import type { EngineGraph } from '../engine/index.ts';
import { CHART_SERIES, serviceChart } from './exercise-report-chart.ts';
import { buildExerciseReportModel } from './exercise-report-model.ts';
import type { ExerciseReportModel } from './exercise-report-model.ts';

const GENERATED = new Date('2026-11-02T09:30:00Z');
let documents: Map<string, CatalogDocument>;
let graph: EngineGraph;

function reportOf(id: string, approvals?: Parameters<typeof buildExerciseReportModel>[0]['approvals']) {
  const exercise = documents.get(id) as DocumentOf<'Exercise'>;
  return buildExerciseReportModel({
    exercise,
    documents,
    graph,
    generatedAt: GENERATED,
    ...(approvals && { approvals }),
  });
}

beforeAll(async () => {
  const checked = checkCatalog(await readCatalogSources('examples/northbank'));
  const list = checked.documents.map((located) => located.document);
  documents = new Map(list.map((document) => [document.metadata.id, document]));
  graph = buildGraph(toEngineNodes(list));
});

describe("the example's Leeds failover report", () => {
  let report: ExerciseReportModel;
  beforeAll(() => {
    report = reportOf('ex-2026-10-leeds-failover');
  });

  it('says core banking missed its 4h RTO by coming back after 6h50m, against 4h45m predicted', () => {
    const core = report.services.find((service) => service.id === 'core-banking')!;
    expect(core).toMatchObject({
      name: 'Core banking',
      target: '4h',
      predicted: '4h45m',
      graph: '3h',
      achieved: '6h50m',
      verdict: 'MISSED',
      dataLoss: '4m',
      rpo: '15m',
      dataLossVerdict: 'met',
    });
    expect(report.services.find((service) => service.id === 'faster-payments')).toMatchObject({
      achieved: '1h50m',
      verdict: 'met',
    });
    // Card switching needs Leeds rebuilt: not restored in the test, so no verdict.
    expect(report.services.find((service) => service.id === 'card-switching')).toMatchObject({
      achieved: 'not restored',
      verdict: '-',
    });
  });

  it('names the scope, the plan, the facilitator and every participant with their role', () => {
    expect(report.notRun).toBeNull();
    expect(report.duration).toBe('8h30m');
    expect(report.scenario.fail.map((node) => node.id)).toEqual(['dc-leeds']);
    expect(report.scenario.fail[0]!.name).not.toBe('dc-leeds');
    expect(report.plans.map((plan) => plan.id)).toEqual(['plan-dc-leeds-loss']);
    expect(report.facilitator).toEqual({ id: 'priya-raman', name: 'Priya Raman' });
    expect(report.participants).toHaveLength(8);
    expect(report.participants[0]).toEqual({
      id: 'martin-okafor',
      name: 'Martin Okafor',
      kind: 'Person',
      role: 'Incident commander',
    });
    expect(report.objectives).toContain('within its RTO');
  });

  it('lists the recorded steps and restore times in time order, steps recorded without times last', () => {
    const times = report.timeline.flatMap((entry) => (entry.at === null ? [] : [Date.parse(entry.at)]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(report.timeline[0]).toMatchObject({ kind: 'step', time: '07:00', offset: '+0m', duration: '20m' });
    const promotion = report.timeline.find((entry) => entry.what.toLowerCase().includes('promote') && entry.duration === '5h5m');
    expect(promotion?.notes).toContain('ledger totals');
    expect(report.timeline.find((entry) => entry.what === 'Core banking back')).toMatchObject({
      kind: 'restored',
      time: '13:50',
      offset: '+6h50m',
    });
    expect(report.timeline.at(-1)).toMatchObject({ outcome: 'skipped', at: null, time: '-' });
  });

  it('puts the most optimistic duration first, the findings with their owners by name, and the lessons', () => {
    expect(report.calibration[0]).toMatchObject({ id: 'online-banking', predicted: '4h45m', achieved: '7h20m' });
    expect(Number(report.calibration[0]!.ratio)).toBeLessThan(1);
    expect(report.findings.map((finding) => finding.id)).toEqual([
      'core-db-promotion',
      'online-banking-late',
      'stand-in-limits',
    ]);
    expect(report.findings[0]).toMatchObject({ owner: 'Sanjay Mehta', severity: 'high', due: '2027-01-31', status: 'open' });
    expect(report.lessons).toHaveLength(2);
    expect(report.summary).toContain('York came up');
    expect(report.generatedAt).toBe('2026-11-02T09:30:00.000Z');
    expect(report.source.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('charts target, predicted and achieved per service, the missed achieved bars flagged', () => {
    const core = report.chart.groups.find((group) => group.id === 'core-banking')!;
    expect(core.bars.map((bar) => bar.series)).toEqual([...CHART_SERIES]);
    const achieved = core.bars[2]!;
    expect(achieved).toMatchObject({ minutes: 410, missed: true, clipped: false, label: '6h50m missed' });
    expect(achieved.width).toBeCloseTo((410 / report.chart.max) * 100, 6);
    // Card switching's four-week prediction does not squash the others: it is drawn to the edge, off scale.
    const switching = report.chart.groups.find((group) => group.id === 'card-switching')!;
    expect(switching.bars[1]).toMatchObject({ clipped: true, width: 100, label: '4w50m (off scale)' });
    expect(report.chart.max).toBeGreaterThanOrEqual(440);
    expect(report.chart.max).toBeLessThan(24 * 60);
  });

  it('shows the approval the caller knows for each plan', () => {
    const approved = reportOf(
      'ex-2026-10-leeds-failover',
      new Map([
        [
          'plan-dc-leeds-loss',
          { status: 'approved', version: 3, approvedBy: 'ana', approvedAt: '2026-09-01T10:00:00.000Z' },
        ],
      ]),
    );
    expect(approved.plans[0]).toMatchObject({ id: 'plan-dc-leeds-loss', status: 'approved', version: 3 });
  });
});

describe('a planned exercise', () => {
  it('still has its scope, participants and objectives, says it has not run yet, and no achieved time', () => {
    const report = reportOf('ex-2027-01-ransomware-tabletop');
    expect(report.status).toBe('planned');
    expect(report.notRun).toBe('Not yet run: scheduled for 2027-01-20. No results are recorded.');
    expect(report.participants.map((participant) => participant.id)).toContain('team-security');
    expect(report.objectives).toContain('72 hours');
    expect(report.timeline).toEqual([]);
    expect(report.services.every((service) => service.achieved === '-' && service.verdict === '-')).toBe(true);
    expect(report.chart.groups.every((group) => group.bars[2]!.width === 0)).toBe(true);
  });
});

describe('the service chart', () => {
  it('sets the axis by targets and achieved times, with ticks from 0 to its end', () => {
    const chart = serviceChart([
      { id: 'a', name: 'A', targetMinutes: 120, predictedMinutes: 90, achievedMinutes: 150, met: false },
      { id: 'b', name: 'B', targetMinutes: null, predictedMinutes: null, achievedMinutes: null, met: null },
    ]);
    expect(chart.max).toBe(150);
    expect(chart.ticks.map((tick) => tick.label)).toEqual(['0m', '30m', '1h', '1h30m', '2h', '2h30m']);
    expect(chart.groups[0]!.bars.map((bar) => Math.round(bar.width))).toEqual([80, 60, 100]);
    expect(chart.groups[1]!.bars.every((bar) => bar.width === 0 && bar.label === '-')).toBe(true);
  });
});
