/** Errors the engine throws; each names the offending id so a person can act on it. */

/** An id passed to the engine (a failed node, a service) that the graph does not hold. */
export class UnknownIdError extends Error {
  override readonly name = 'UnknownIdError';
  /** The id that was not found. */
  readonly id: string;
  constructor(id: string, where: string) {
    super(`unknown id "${id}" in ${where}: no failure node (Service, Component, Site, Vendor) has this id`);
    this.id = id;
  }
}

/** Engine input that breaks a rule the catalog check should already have caught (duplicate id, bad group). */
export class EngineInputError extends Error {
  override readonly name = 'EngineInputError';
  /** The id of the node whose definition is wrong. */
  readonly id: string;
  constructor(id: string, message: string) {
    super(`node "${id}": ${message}`);
    this.id = id;
  }
}

/** Fields of an AnalysisBudgetError: what was being analysed when the work budget ran out. */
export interface BudgetExhausted {
  /** The work budget, in steps (see AnalysisLimits). */
  budget: number;
  /** The largest cut-set order asked for. */
  maxOrder: number;
  /** The service (or node) whose cut sets were being computed, when known. */
  service: string | undefined;
  /** How many services the analysis covered. */
  services: number;
}

/** A cut-set analysis that ran past its work budget; the server answers 422 with this message. */
export class AnalysisBudgetError extends Error {
  override readonly name = 'AnalysisBudgetError';
  readonly budget: number;
  readonly maxOrder: number;
  readonly service: string | undefined;
  readonly services: number;
  constructor(details: BudgetExhausted) {
    const what =
      details.service === undefined
        ? `cut sets up to order ${details.maxOrder}`
        : `cut sets up to order ${details.maxOrder} of "${details.service}"` +
          (details.services > 1 ? ` (one of ${details.services.toLocaleString('en')} services)` : '');
    const advice: string[] = [];
    if (details.services > 1) advice.push('narrow the analysis to one service');
    if (details.maxOrder > 1) advice.push('lower maxOrder (order 1 has a fast path)');
    super(
      `${what} need more than the work budget of ${details.budget.toLocaleString('en')} steps: ` +
        (advice.length > 0
          ? `${advice.join(' or ')}`
          : 'this dependency structure is too large for the analysis at this budget'),
    );
    this.budget = details.budget;
    this.maxOrder = details.maxOrder;
    this.service = details.service;
    this.services = details.services;
  }
}

/** An analysis stopped because its caller cancelled it (the client went away). */
export class AnalysisCancelledError extends Error {
  override readonly name = 'AnalysisCancelledError';
  constructor() {
    super('the analysis was cancelled before it finished');
  }
}
