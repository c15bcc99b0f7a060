/**
 * The kind registry's building blocks: how a kind is declared (`defineKind`), how a spec field says that it
 * refers to other documents (`ref`) or how it is entered (`FORMATS`), and the two things derived from a spec
 * schema by walking it: the references a document makes, and how each field is presented in forms and docs.
 * Pure and free of server code, so the web application imports it as it is.
 */
import { z } from 'zod';

/** `to: 'failure'` stands for every kind that can fail (resolved when the registry is built). */
export interface ReferenceMeta {
  to: readonly string[] | 'failure';
  /** The referring node is down while the referred one is (a dependsOn id, a component's site). */
  dependency?: boolean;
}

/** The schemas of fields that hold ids of other documents, and which kinds they may name. */
export const REFERENCES = z.registry<ReferenceMeta>();

/** How a value is entered and shown where its zod type alone does not say. */
export type Format = 'duration' | 'dependencies' | 'tier' | 'date' | 'instant' | 'text';

/** Schemas with a presentation format (a duration, a dependsOn list, a tier...). */
export const FORMATS = z.registry<{ format: Format }>();

/** Marks a schema with a presentation format and returns it. */
export function withFormat<S extends z.ZodType>(schema: S, format: Format): S {
  FORMATS.add(schema, { format });
  return schema;
}

/** An id schema that refers to a document of one of `to` (kind names, or `'failure'` for any failure node). */
export function ref<S extends z.ZodType>(
  idSchema: S,
  to: readonly string[] | 'failure',
  options: { dependency?: boolean } = {},
): S {
  const schema = idSchema.clone();
  REFERENCES.add(schema, { to, ...options });
  return schema;
}

/** A kind as declared in its own file; the registry (kinds.ts) adds what is derived. */
export interface KindDeclaration<
  K extends string = string,
  S extends z.ZodType = z.ZodType,
  P extends string = string,
> {
  kind: K;
  /** The collection name in URLs and files: `services`. */
  plural: P;
  /** How lists and navigation name it: `Services`. */
  title: string;
  /** How a sentence names one: `service`. */
  singular: string;
  spec: S;
  /** Whether it can fail and be depended on (an engine node). */
  failureNode: boolean;
  /**
   * Whether a service owner may write it, within their scope (its `owner` is them or one of their teams);
   * otherwise only admins and continuity managers may.
   */
  ownerWritable: boolean;
  /**
   * For a kind without an `owner` of its own: the spec field naming the document whose owner counts for the
   * owner scope (an impact assessment is its `service`'s owner's to write).
   */
  ownedThrough?: string;
  /**
   * Approved through frozen versions (src/catalog/versions.ts): a document is approved while its content is that
   * of its latest frozen version. `outsideContent` names spec fields an approval does not cover (a plan's
   * `lastReviewed`), `keptStatus` the statuses a writer may store that override the derived one (`retired`).
   */
  approval?: { outsideContent?: readonly string[]; keptStatus?: readonly string[] };
  /** Spec fields shown as list columns. */
  columns: readonly string[];
  /** Spec fields edited by the form and shown on the detail page, in order (the rest through the JSON tab). */
  form: readonly string[];
  /** Spec fields a list can be filtered on (`?tier=1`), in order; `missing` lists fields that may be absent. */
  filters?: readonly string[];
  missing?: readonly string[];
  /** A page of its own in the web application (`/plans/:id`) instead of the generic detail page. */
  page?: boolean;
  /**
   * A small valid document, for the docs and the tests; its references name other kinds' examples, so the
   * examples of every kind together are a valid catalog.
   */
  example: {
    metadata: { id: string; name?: string; description?: string; labels?: Record<string, string> };
    spec: z.input<S>;
  };
}

/** Declares a kind; the identity function, for type inference. */
export function defineKind<K extends string, S extends z.ZodType, P extends string>(
  declaration: KindDeclaration<K, S, P>,
): KindDeclaration<K, S, P> {
  return declaration;
}

type Def = z.core.$ZodTypeDef & Record<string, unknown>;

function defOf(schema: z.ZodType): Def {
  return schema._zod.def as Def;
}

/** The schema inside optional, nullable, default, readonly and pipe wrappers, and whether it may be absent. */
export function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') {
      optional ||= def.type !== 'nullable';
      inner = def.innerType as z.ZodType;
    } else if (def.type === 'readonly') inner = def.innerType as z.ZodType;
    else if (def.type === 'pipe') inner = def.in as z.ZodType;
    else return { inner, optional };
  }
}

/** The fields of an object schema (its shape), or undefined when it is not an object. */
export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const { inner } = unwrap(schema);
  const def = defOf(inner);
  return def.type === 'object' ? (def.shape as Record<string, z.ZodType>) : undefined;
}

/** One reference found in a document: where, which id, and what it may name. */
export interface FoundReference {
  path: (string | number)[];
  id: string;
  meta: ReferenceMeta;
}

type Extractor = (value: unknown, path: (string | number)[], out: FoundReference[]) => void;

/**
 * Compiles a schema into a function that collects the references of a valid value: each id under a `ref`
 * schema, in document order. Returns undefined when the schema holds no reference, so whole subtrees are
 * skipped. A union picks, for each value, the first option whose type fits (a string, or an object whose keys
 * are all in the option's shape): values are validated first, so that option is the one that matched.
 */
export function compileReferences(schema: z.ZodType): Extractor | undefined {
  const meta = REFERENCES.get(schema);
  if (meta) {
    return (value, path, out) => {
      if (typeof value === 'string') out.push({ path, id: value, meta });
    };
  }
  const { inner } = unwrap(schema);
  if (inner !== schema) return compileReferences(inner);
  const def = defOf(inner);
  // Only objects, arrays and unions can hold a reference below them; every other type is a leaf.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (def.type) {
    case 'object': {
      const fields = Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) => {
        const extract = compileReferences(field);
        return extract ? [[key, extract] as const] : [];
      });
      if (fields.length === 0) return undefined;
      return (value, path, out) => {
        if (typeof value !== 'object' || value === null) return;
        const record = value as Record<string, unknown>;
        for (const [key, extract] of fields)
          if (record[key] !== undefined) extract(record[key], [...path, key], out);
      };
    }
    case 'array': {
      const extract = compileReferences(def.element as z.ZodType);
      if (!extract) return undefined;
      return (value, path, out) => {
        if (!Array.isArray(value)) return;
        for (let i = 0; i < value.length; i++) extract(value[i], [...path, i], out);
      };
    }
    case 'union': {
      const options = (def.options as z.ZodType[]).map((option) => ({
        extract: compileReferences(option),
        fits: fitsOption(option),
      }));
      if (options.every((option) => !option.extract)) return undefined;
      return (value, path, out) => {
        options.find((option) => option.fits(value))?.extract?.(value, path, out);
      };
    }
    default:
      return undefined;
  }
}

/** Whether a value has the outer type of a union option (used to pick the option of a validated value). */
function fitsOption(option: z.ZodType): (value: unknown) => boolean {
  const { inner } = unwrap(option);
  const def = defOf(inner);
  if (def.type === 'object') {
    const keys = new Set(Object.keys(def.shape as object));
    return (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).every((key) => keys.has(key));
  }
  if (def.type === 'array') return Array.isArray;
  if (def.type === 'string') return (value) => typeof value === 'string';
  if (def.type === 'number') return (value) => typeof value === 'number';
  if (def.type === 'boolean') return (value) => typeof value === 'boolean';
  return () => true;
}

/** One spec field as forms, detail pages, list filters and the docs present it. */
export type FieldInfo = {
  name: string;
  /** The schema's `title`, or the name. */
  label: string;
  /** The schema's `description`. */
  help?: string;
  required: boolean;
} & (
  | {
      type: 'text' | 'email' | 'url' | 'duration' | 'tier' | 'date' | 'instant' | 'deps' | 'number' | 'other';
    }
  | { type: 'select'; options: readonly string[] }
  | { type: 'ref' | 'refs'; kinds: readonly string[] }
);

function metaOf(schema: z.ZodType): { title?: string; description?: string } {
  // The nearest title and description, looking through the wrappers (`.optional()` keeps them inside).
  let at: z.ZodType | undefined = schema;
  const found: { title?: string; description?: string } = {};
  while (at) {
    const meta = z.globalRegistry.get(at) as { title?: string; description?: string } | undefined;
    found.title ??= meta?.title;
    found.description ??= meta?.description;
    const def = defOf(at);
    at =
      def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly'
        ? (def.innerType as z.ZodType)
        : undefined;
  }
  return found;
}

function formatOf(schema: z.ZodType): Format | undefined {
  return FORMATS.get(schema)?.format ?? FORMATS.get(unwrap(schema).inner)?.format;
}

/**
 * How a spec field is presented, derived from its schema: a `ref` is a reference picker for its kinds, an enum
 * a select, a duration a duration input, and so on. `failureKinds` resolves `ref(..., 'failure')`.
 */
export function describeField(name: string, schema: z.ZodType, failureKinds: readonly string[]): FieldInfo {
  const { inner, optional } = unwrap(schema);
  const { title, description } = metaOf(schema);
  const base = {
    name,
    label: title ?? name,
    ...(description !== undefined && { help: description }),
    required: !optional,
  };
  const kindsOf = (meta: ReferenceMeta) => (meta.to === 'failure' ? failureKinds : meta.to);
  const reference = REFERENCES.get(inner);
  if (reference) return { ...base, type: 'ref', kinds: kindsOf(reference) };
  const format = formatOf(schema);
  if (format === 'dependencies') return { ...base, type: 'deps' };
  if (format !== undefined) return { ...base, type: format };
  const def = defOf(inner);
  if (def.type === 'array') {
    const element = unwrap(def.element as z.ZodType).inner;
    const elementRef = REFERENCES.get(element);
    if (elementRef) return { ...base, type: 'refs', kinds: kindsOf(elementRef) };
    return { ...base, type: 'other' };
  }
  if (def.type === 'enum')
    return { ...base, type: 'select', options: Object.values(def.entries as Record<string, string>) };
  if (def.type === 'number') return { ...base, type: 'number' };
  if (def.type === 'string') {
    const formatName = (inner as z.ZodString).format;
    if (formatName === 'email') return { ...base, type: 'email' };
    if (formatName === 'url') return { ...base, type: 'url' };
    return { ...base, type: 'text' };
  }
  return { ...base, type: 'other' };
}
