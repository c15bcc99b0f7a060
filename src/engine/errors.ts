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
