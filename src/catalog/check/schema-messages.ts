import type { z } from 'zod';
import { KINDS } from '../kinds.ts';
import type { Kind } from '../kinds.ts';
import { metadataSchema } from '../metadata.schema.ts';
import { formatPath } from '../references.ts';
import { didYouMean } from './suggest.ts';

/** A schema problem in terms of the document: where it is, whether it is about a key, and what to say. */
export interface SchemaProblem {
  path: (string | number)[];
  /** Point at the key rather than the value (an unknown field). */
  key?: boolean;
  message: string;
}

type Issue = z.core.$ZodIssue;

const DURATION_FIELDS = new Set(['rto', 'rpo', 'mtpd', 'recovery', 'restart']);
const DURATION_HINT = 'a number with a unit, largest first: 45m, 4h, 2d, 1w, 1h30m';
const DEPENDENCY_FORMS = 'an id, {anyOf: [ids]} or {atLeast: k, of: [ids]}';

function plainPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.filter((part): part is string | number => typeof part !== 'symbol');
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** A value as a person reads it in a message: strings quoted, lists and maps named. */
export function showValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return 'nothing';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/** The fields a mapping at `path` may hold, to suggest the right one for a misspelled field. */
function knownFields(kind: Kind, path: readonly (string | number)[]): string[] {
  if (path.length === 0) return ['apiVersion', 'kind', 'metadata', 'spec'];
  if (path.length === 1 && path[0] === 'metadata') return Object.keys(metadataSchema.shape);
  if (path.length === 1 && path[0] === 'spec') return Object.keys(KINDS[kind].spec.shape);
  if (path[1] === 'dependsOn') return ['anyOf', 'atLeast', 'of'];
  return [];
}

function expectedText(issue: Extract<Issue, { code: 'invalid_type' }>, field: string): string {
  if (DURATION_FIELDS.has(field.split('.').pop() ?? '')) return `a duration: ${DURATION_HINT}`;
  return TYPE_NAMES[issue.expected] ?? issue.expected;
}

function sizeMessage(
  issue: Extract<Issue, { code: 'too_big' | 'too_small' }>,
  field: string,
  value: unknown,
): string {
  const big = issue.code === 'too_big';
  const limit = Number(big ? issue.maximum : issue.minimum);
  const bound = `${big ? 'at most' : 'at least'} ${limit}`;
  if (typeof value === 'string') {
    if (value.trim() === '') return `${field} is empty; expected at least one character`;
    return `${field} is ${value.length} characters long; expected ${bound}`;
  }
  if (Array.isArray(value)) return `${field} has ${value.length} items; expected ${bound}`;
  return `${field} is ${showValue(value)}; expected ${bound}`;
}

/** For a union that failed as a whole, the branch the author most likely meant (the one whose type matched). */
function likelyBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | undefined {
  const typed = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  typed.sort((a, b) => a.length - b.length);
  return typed[0];
}

function dependencyBranch(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  value: unknown,
): Issue[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if ('anyOf' in value) return issue.errors[1];
  if ('atLeast' in value || 'of' in value) return issue.errors[2];
  return undefined;
}

/** Turns a zod issue on a document into problems a person can act on: field, value, what is expected. */
export function describeIssue(issue: Issue, data: unknown, kind: Kind): SchemaProblem[] {
  const path = plainPath(issue.path);
  const field = formatPath(path) || 'the document';
  const value = valueAt(data, path);
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedText(issue, field);
      if (value === undefined) return [{ path, message: `missing required field ${field} (${expected})` }];
      const quote =
        issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
          ? ` (quote it: "${String(value)}")`
          : '';
      return [{ path, message: `${field} is ${showValue(value)}; expected ${expected}${quote}` }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const expected = allowed.length === 1 ? allowed[0] : `one of: ${issue.values.map(String).join(', ')}`;
      if (value === undefined) return [{ path, message: `missing required field ${field} (${expected})` }];
      // With a single allowed value, "did you mean" would only repeat what is expected.
      const hint =
        typeof value === 'string' && allowed.length > 1 ? didYouMean(value, issue.values.map(String)) : '';
      return [{ path, message: `${field} is ${showValue(value)}${hint}; expected ${expected}` }];
    }
    case 'unrecognized_keys': {
      const known = knownFields(kind, path);
      const where = path.length === 0 ? 'the document' : field;
      return issue.keys.map((key) => {
        const hint = didYouMean(key, known);
        const list = hint === '' && known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
        return {
          path: [...path, key],
          key: true,
          message: `unknown field "${key}" in ${where}${hint}${list}`,
        };
      });
    }
    case 'invalid_key': {
      const reason = issue.issues[0]?.message ?? 'not allowed here';
      return [
        { path, key: true, message: `key ${showValue(last)} in ${formatPath(path.slice(0, -1))}: ${reason}` },
      ];
    }
    case 'too_big':
    case 'too_small':
      return [{ path, message: sizeMessage(issue, field, value) }];
    case 'invalid_format':
      return [
        {
          path,
          message: `${field} is ${showValue(value)}: ${issue.message.replace(/^Invalid/, 'not a valid')}`,
        },
      ];
    case 'custom':
      if (typeof last === 'string' && DURATION_FIELDS.has(last))
        return [{ path, message: `invalid duration ${showValue(value)} in ${field}: ${DURATION_HINT}` }];
      return [{ path, message: `${field} is ${showValue(value)}: ${issue.message}` }];
    case 'invalid_union': {
      const isDependency = path[path.length - 2] === 'dependsOn';
      const branch = isDependency ? dependencyBranch(issue, value) : likelyBranch(issue);
      if (branch)
        return branch.flatMap((inner) =>
          describeIssue({ ...inner, path: [...path, ...inner.path] }, data, kind),
        );
      const forms = isDependency ? DEPENDENCY_FORMS : 'one of the allowed forms';
      return [{ path, message: `${field} is ${showValue(value)}; expected ${forms}` }];
    }
    case 'invalid_element':
    case 'not_multiple_of':
      return [{ path, message: `${field} is ${showValue(value)}: ${issue.message}` }];
  }
}
