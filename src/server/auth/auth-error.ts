/** Why an authentication or account operation was refused. */
export type AuthErrorCode =
  'invalid' | 'unauthorized' | 'forbidden' | 'rate-limited' | 'not-found' | 'conflict';

/** A refusal with a `detail` a person can act on; the HTTP layer maps the code to 400/401/403/429/404/409. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly detail: string,
    /** For 429: seconds until another attempt may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'AuthError';
  }
}
