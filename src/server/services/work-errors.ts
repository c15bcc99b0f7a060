/** Why heavy work (an analysis, an import's parse, a pack) was refused or stopped; the HTTP layer maps each. */
export type HeavyWorkErrorCode = 'too-much-work' | 'analysis-budget' | 'cancelled' | 'analysis-failed';

const STATUS: Record<HeavyWorkErrorCode, number> = {
  'too-much-work': 429,
  'analysis-budget': 422,
  // Nobody hears it: the client has gone. 499 is the customary "client closed request".
  cancelled: 499,
  'analysis-failed': 500,
};

/** A refusal or a failure of heavy work, with a detail a person can act on. */
export class HeavyWorkError extends Error {
  readonly status: number;
  constructor(
    readonly code: HeavyWorkErrorCode,
    readonly detail: string,
    /** For 429: when trying again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'HeavyWorkError';
    this.status = STATUS[code];
  }
}
