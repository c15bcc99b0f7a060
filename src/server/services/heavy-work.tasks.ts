/**
 * The heavy tasks themselves, run the same way in a worker thread (heavy-work.worker.ts) or inline: plain data in,
 * plain data out, errors returned as data (a worker can only send back an error's message, not its class).
 */
import { checkCatalog } from '../../catalog/check/check-catalog.ts';
import type { Finding } from '../../catalog/check/finding.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { analyzeImpact, analyzeSpof, rankSinglePoints } from '../../engine/index.ts';
import type { EngineGraph, EngineNode, SpofOptions } from '../../engine/index.ts';
import { followScenario, objectivesGap } from '../../plans/objectives.ts';
import { objectivesAnswer } from '../../plans/objectives-answer.ts';
import type { ObjectivesAnswer } from '../../plans/objectives-answer.ts';
import type { ObjectiveScenario } from '../../plans/objectives.ts';
import { withBusinessImpact, type CostBasis } from '../../bia/business-impact.ts';
import type { PackModel } from '../../reports/pack-model.ts';
import { renderPackPdf } from '../../reports/pack-pdf.ts';
import type { ExerciseReportModel } from '../../reports/exercise-report-model.ts';
import { renderExerciseReportPdf } from '../../reports/exercise-report-pdf.ts';
import type { EvidencePackModel } from '../../reports/evidence-pack-model.ts';
import { renderEvidencePackPdf } from '../../reports/evidence-pack-pdf.ts';
import type { ManagementReviewModel } from '../../reports/management-review-model.ts';
import { renderManagementReviewPdf } from '../../reports/management-review-pdf.ts';
import type { BiaFigures } from '../../bia/business-impact.ts';
import { analyzeRisks, type RiskAnalysisInput } from '../../risk/analysis.ts';
import { analyzeSuppliers, type SupplierAnalysisInput } from '../../suppliers/concentration.ts';
import { convertInputs } from '../../convert/index.ts';
import type { FrozenVersion, ReviewEvent } from '../../catalog/versions.ts';
import { evaluateCompliance } from '../../compliance/evaluate.ts';
import type { ComplianceInput } from '../../compliance/types.ts';
import type { ConvertFormat, ConvertInput, ConvertResult } from '../../convert/types.ts';

/** What the risk analysis needs besides the graph, as plain data a thread can receive. */
export type RiskTaskInput = Omit<RiskAnalysisInput, 'graph' | 'bias' | 'isCancelled'> & {
  /** The current BIA of each service, as [service id, figures] entries. */
  bias: [string, BiaFigures][];
};

/** What the supplier concentration analysis needs besides the graph, as plain data a thread can receive. */
export type SupplierTaskInput = Omit<SupplierAnalysisInput, 'graph' | 'bias'> & {
  /** The current BIA of each service, as [service id, figures] entries. */
  bias: [string, BiaFigures][];
};

/** The compliance checks' input as plain data a thread can receive: its maps as [document id, list] entries. */
export type ComplianceTaskInput = Omit<ComplianceInput, 'versions' | 'reviewEvents'> & {
  versions?: [string, FrozenVersion[]][];
  reviewEvents?: [string, ReviewEvent[]][];
};

/** A compliance input as a task carries it (`ComplianceTaskInput`). */
export function complianceTaskInput(input: ComplianceInput): ComplianceTaskInput {
  const { versions, reviewEvents, ...rest } = input;
  return {
    ...rest,
    ...(versions && { versions: [...versions].map(([id, list]) => [id, [...list]]) }),
    ...(reviewEvents && { reviewEvents: [...reviewEvents].map(([id, list]) => [id, [...list]]) }),
  };
}

/** A task's compliance input as the checks read it, its maps rebuilt. */
export function complianceInputOf(task: ComplianceTaskInput): ComplianceInput {
  const { versions, reviewEvents, ...rest } = task;
  return {
    ...rest,
    ...(versions && { versions: new Map(versions) }),
    ...(reviewEvents && { reviewEvents: new Map(reviewEvents) }),
  };
}

/**
 * The engine nodes of one catalog state as JSON in shared memory: posted to a worker without a copy, decoded
 * there once per `generation` (the worker keeps the graph it builds).
 */
export interface GraphRef {
  generation: string;
  /** Absent when the task runs inline, on the server's own graph. */
  bytes?: SharedArrayBuffer;
}

/** Largest number of check errors a parse sends back; the answer lists fewer. */
const MAX_ERRORS = 1000;

/** Work that may block for long: each runs in the pool. */
export type HeavyTask =
  | { type: 'spof'; graph: GraphRef; options: { service?: string; maxOrder: number; workBudget?: number } }
  | { type: 'impact'; graph: GraphRef; fail: string[]; scenario?: ObjectiveScenario; business?: CostBasis }
  | { type: 'single-points'; graph: GraphRef; limit: number; servicesPerPoint: number }
  | { type: 'objectives'; graph: GraphRef; scenarios: ObjectiveScenario[] }
  | { type: 'risk'; graph: GraphRef; input: RiskTaskInput }
  | { type: 'suppliers'; graph: GraphRef; input: SupplierTaskInput }
  | { type: 'check-catalog'; file: string; text: string }
  | { type: 'compliance'; input: ComplianceTaskInput; framework?: string }
  | { type: 'convert'; format: ConvertFormat; inputs: ConvertInput[]; mapping?: ConvertInput }
  | { type: 'pack-pdf'; model: PackModel }
  | { type: 'exercise-report-pdf'; model: ExerciseReportModel }
  | { type: 'evidence-pack-pdf'; model: EvidencePackModel }
  | { type: 'management-review-pdf'; model: ManagementReviewModel };

/** What a parse of an uploaded catalog gives the import: the findings, and the documents when there is no error. */
export interface CheckedUpload {
  errors: Finding[];
  errorCount: number;
  documentCount: number;
  documents: CatalogDocument[];
}

/**
 * How a thread sends a parsed upload back: the documents as JSON text in slices, so the event loop reads them a
 * slice per turn (one structured-clone message of 100k documents took 257 ms to unpack in one piece).
 */
export interface CheckedUploadWire extends Omit<CheckedUpload, 'documents'> {
  documentSlices: string[];
}

/** How a thread sends a conversion back: its documents as JSON text in slices, as a parsed upload's. */
export interface ConvertedWire extends Omit<ConvertResult, 'documents'> {
  documentSlices: string[];
}

/** Documents per slice of `CheckedUploadWire.documentSlices`. */
const DOCUMENTS_PER_SLICE = 2000;

/** A task's answer: its value, or the error's class name, message and (for the engine's errors) id. */
export type TaskOutcome =
  | { ok: true; value: string | CheckedUploadWire | ConvertedWire | ObjectivesAnswer | Uint8Array }
  | { ok: false; error: { name: string; message: string } };

/** Puts the nodes' JSON array into shared memory for `GraphRef.bytes`. */
export function encodeNodes(json: string): SharedArrayBuffer {
  const text = Buffer.from(json);
  const bytes = new SharedArrayBuffer(text.length);
  text.copy(new Uint8Array(bytes));
  return bytes;
}

/** Decodes `GraphRef.bytes` (copied out of shared memory first: text decoders refuse shared buffers). */
export function decodeNodes(bytes: SharedArrayBuffer): EngineNode[] {
  return JSON.parse(Buffer.from(new Uint8Array(bytes)).toString('utf8')) as EngineNode[];
}

/**
 * The `limit` single points of failure that take down the most services, weighted by tier, each with how many
 * services it takes down and the first `servicesPerPoint` of them.
 */
export function topSinglePoints(
  graph: EngineGraph,
  limit: number,
  servicesPerPoint: number,
  isCancelled?: () => boolean,
) {
  const ranked = rankSinglePoints(
    graph,
    analyzeSpof(graph, { maxOrder: 1, ...(isCancelled && { isCancelled }) }),
  );
  const points = ranked.slice(0, limit).map((point) => ({
    ...point,
    serviceCount: point.services.length,
    services: point.services.slice(0, servicesPerPoint),
  }));
  return { total: ranked.length, points };
}

/** A ranking from `topSinglePoints`, as its JSON answer is read back. */
export type TopSinglePoints = ReturnType<typeof topSinglePoints>;

/**
 * Runs one task. `graphOf` gives the engine graph a task names; `isCancelled` turns true when the client has
 * gone, and the engine's cut-set search checks it (with its work budget) as it goes.
 */
export async function runTask(
  task: HeavyTask,
  graphOf: (ref: GraphRef) => EngineGraph,
  isCancelled: () => boolean,
): Promise<TaskOutcome> {
  try {
    switch (task.type) {
      case 'spof': {
        const options: SpofOptions = { ...task.options, isCancelled };
        return { ok: true, value: JSON.stringify(analyzeSpof(graphOf(task.graph), options)) };
      }
      case 'impact': {
        // A plan's scenario follows the plan's steps; a bare failed set follows the graph alone.
        const graph = graphOf(task.graph);
        const result = task.scenario ? followScenario(graph, task.scenario) : analyzeImpact(graph, task.fail);
        // With the BIA, the answer says what the scenario costs (`businessImpact`).
        return {
          ok: true,
          value: JSON.stringify(task.business ? withBusinessImpact(result, task.business) : result),
        };
      }
      case 'single-points': {
        // Ranked where the cut sets are found: only the top of the list, with the first services of each, goes
        // back (a site under every service of a large catalog would otherwise send thousands of ids).
        const ranked = topSinglePoints(graphOf(task.graph), task.limit, task.servicesPerPoint, isCancelled);
        return { ok: true, value: JSON.stringify(ranked) };
      }
      case 'objectives':
        // With where each service lies in the JSON, so a filtered answer copies slices instead of parsing it.
        return { ok: true, value: objectivesAnswer(objectivesGap(graphOf(task.graph), task.scenarios)) };
      case 'risk': {
        const { bias, ...input } = task.input;
        const graph = graphOf(task.graph);
        return {
          ok: true,
          value: JSON.stringify(analyzeRisks({ ...input, graph, bias: new Map(bias), isCancelled })),
        };
      }
      case 'suppliers': {
        const { bias, ...input } = task.input;
        const graph = graphOf(task.graph);
        return {
          ok: true,
          value: JSON.stringify(analyzeSuppliers({ ...input, graph, bias: new Map(bias) })),
        };
      }
      case 'check-catalog': {
        const checked = checkCatalog([{ file: task.file, text: task.text }]);
        const documentSlices: string[] = [];
        if (checked.errors.length === 0)
          for (let i = 0; i < checked.documents.length; i += DOCUMENTS_PER_SLICE)
            documentSlices.push(
              JSON.stringify(
                checked.documents.slice(i, i + DOCUMENTS_PER_SLICE).map((located) => located.document),
              ),
            );
        return {
          ok: true,
          value: {
            errors: checked.errors.slice(0, MAX_ERRORS),
            errorCount: checked.errors.length,
            documentCount: checked.documentCount,
            documentSlices,
          },
        };
      }
      case 'compliance':
        return {
          ok: true,
          value: JSON.stringify(
            evaluateCompliance(complianceInputOf(task.input), {
              ...(task.framework !== undefined && { framework: task.framework }),
            }),
          ),
        };
      case 'convert': {
        const { documents, ...converted } = convertInputs(task.format, task.inputs, {
          ...(task.mapping && { mapping: task.mapping }),
        });
        const documentSlices: string[] = [];
        for (let i = 0; i < documents.length; i += DOCUMENTS_PER_SLICE)
          documentSlices.push(JSON.stringify(documents.slice(i, i + DOCUMENTS_PER_SLICE)));
        return { ok: true, value: { ...converted, documentSlices } };
      }
      case 'pack-pdf':
        return { ok: true, value: new Uint8Array(await renderPackPdf(task.model)) };
      case 'exercise-report-pdf':
        return { ok: true, value: new Uint8Array(await renderExerciseReportPdf(task.model)) };
      case 'evidence-pack-pdf':
        return { ok: true, value: new Uint8Array(await renderEvidencePackPdf(task.model)) };
      case 'management-review-pdf':
        return { ok: true, value: new Uint8Array(await renderManagementReviewPdf(task.model)) };
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: { name, message } };
  }
}
