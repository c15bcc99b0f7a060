import type { z } from 'zod';
import { documentSchemas } from '../../catalog/kinds.ts';
import type { CatalogDocument, Kind } from '../../catalog/kinds.ts';
import { formatPath } from '../../catalog/references.ts';
import { formatTextPath, unstorableText } from '../../catalog/storable-text.ts';
import { CatalogError } from './errors.ts';
import type { FieldError } from './errors.ts';

/** Zod's issues as `{path, message}` pairs, with the value's path written `spec.dependsOn[0]`. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path:
      formatPath(issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))) || '(document)',
    message: issue.message,
  }));
}

/** One sentence naming every problem, for `detail`. */
export function describeFieldErrors(errors: readonly FieldError[]): string {
  const shown = errors.slice(0, 5).map((error) => `${error.path}: ${error.message}`);
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/** The strings of an input no database stores faithfully (a NUL, a lone surrogate), as field errors. */
export function textErrors(input: unknown): FieldError[] {
  return unstorableText(input).map((problem) => ({
    path: formatTextPath(problem.path) || '(document)',
    message: problem.message,
  }));
}

/**
 * The document, validated against its kind's schema; throws `unstorable-text` (422) for a string no database can
 * store, then `invalid` with every problem the schema finds.
 */
export function validateDocument(kind: Kind, input: unknown): CatalogDocument {
  const unstorable = textErrors(input);
  if (unstorable.length > 0) {
    throw new CatalogError(
      'unstorable-text',
      `The ${kind} holds text that cannot be stored: ${describeFieldErrors(unstorable)}`,
      { errors: unstorable },
    );
  }
  const result = documentSchemas[kind].safeParse(input);
  if (!result.success) {
    const errors = fieldErrors(result.error.issues);
    throw new CatalogError('invalid', `The ${kind} is not valid: ${describeFieldErrors(errors)}`, { errors });
  }
  return result.data;
}
