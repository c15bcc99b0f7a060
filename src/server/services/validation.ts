import type { z } from 'zod';
import { documentSchemas } from '../../catalog/kinds.ts';
import type { CatalogDocument, Kind } from '../../catalog/kinds.ts';
import { formatPath } from '../../catalog/references.ts';
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

/** The document, validated against its kind's schema; throws `invalid` with every problem found. */
export function validateDocument(kind: Kind, input: unknown): CatalogDocument {
  const result = documentSchemas[kind].safeParse(input);
  if (!result.success) {
    const errors = fieldErrors(result.error.issues);
    throw new CatalogError('invalid', `The ${kind} is not valid: ${describeFieldErrors(errors)}`, { errors });
  }
  return result.data;
}
