/** Why a catalog operation was refused; the HTTP layer maps each to a status, the CLI to a message. */
export type CatalogErrorCode =
  | 'invalid'
  | 'unstorable-text'
  | 'not-found'
  | 'already-exists'
  | 'version-required'
  | 'version-conflict'
  | 'invalid-reference'
  | 'referenced'
  | 'forbidden'
  /** The document's state does not allow the change (recording a cancelled exercise). */
  | 'conflict';

/** A refusal a person can act on: `detail` names the thing, the value and what is expected. */
export class CatalogError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    readonly detail: string,
    /** Extra members for the problem document: `errors`, `current`, `referrers`... */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'CatalogError';
  }
}

/** One problem with an input, at a path inside it. */
export interface FieldError {
  path: string;
  message: string;
}
