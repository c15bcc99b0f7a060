/**
 * The password rule the server checks (password.ts) and the web application states beside every new-password
 * field; no dependency, so the web application imports it too.
 */

/** The shortest password accepted (OWASP ASVS 2.1.1). */
export const MIN_PASSWORD_LENGTH = 12;

/** The rule as a person reads it. */
export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters, not a common password`;
