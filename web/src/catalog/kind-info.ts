/**
 * What the web application shows of each kind: its names, the fields of its form and detail page, the columns
 * and filters of its list. All of it comes from the kind registry (src/catalog/kinds.ts), which the server uses
 * too; nothing here is a copy.
 */
import { FAILURE_KINDS as REGISTRY_FAILURE_KINDS, KIND_NAMES, KINDS } from '../../../src/catalog/kinds.ts';
import type { FilterInfo, Kind, Plural } from '../../../src/catalog/kinds.ts';
import type { FieldInfo as RegistryFieldInfo } from '../../../src/catalog/registry.ts';
import { COMPONENT_TYPES, SITE_TYPES } from '../../../src/catalog/vocabulary.ts';

export { COMPONENT_TYPES, SITE_TYPES };
export type { FilterInfo };

/** One spec field, as forms and detail pages show it (the kinds a reference may name are typed). */
export type FieldInfo = RegistryFieldInfo extends infer F
  ? F extends { kinds: readonly string[] }
    ? Omit<F, 'kinds'> & { kinds: readonly Kind[] }
    : F
  : never;

/** A kind, as the web application presents it. */
export interface KindInfo {
  kind: Kind;
  plural: Plural;
  title: string;
  singular: string;
  failureNode: boolean;
  /** Whether it has a page of its own (`/plans/:id`) rather than the generic detail page. */
  page: boolean;
  /** The form's fields, in order. */
  fields: readonly FieldInfo[];
  /** Spec fields shown as list columns. */
  columns: readonly string[];
  /** Every spec field, for showing any of them (columns included). */
  allFields: readonly FieldInfo[];
  filters: readonly FilterInfo[];
}

/** The kinds that can fail and be depended on. */
export const FAILURE_KINDS: readonly Kind[] = REGISTRY_FAILURE_KINDS;

/** Every kind, in navigation order. */
export const KIND_INFO = Object.fromEntries(
  KIND_NAMES.map((kind) => {
    const entry = KINDS[kind];
    const info: KindInfo = {
      kind,
      plural: entry.plural,
      title: entry.title,
      singular: entry.singular,
      failureNode: entry.failureNode,
      page: entry.page ?? false,
      fields: entry.formFields as readonly FieldInfo[],
      columns: entry.columns,
      allFields: entry.fields as readonly FieldInfo[],
      filters: entry.filterInfo,
    };
    return [kind, info];
  }),
) as Record<Kind, KindInfo>;

/** The kinds in navigation order. */
export const KIND_LIST: readonly KindInfo[] = Object.values(KIND_INFO);
