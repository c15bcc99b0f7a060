import { z } from 'zod';

/** An id: lowercase letters, digits and inner hyphens, at most 63 characters, unique across the catalog. */
export const ID_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** The id of a document, as it appears in metadata and in every reference. */
export const idSchema = z
  .string()
  .max(63, 'an id has at most 63 characters')
  .regex(
    ID_PATTERN,
    'an id is lowercase letters, digits and hyphens, starting and ending with a letter or digit',
  )
  .meta({ description: 'Unique across the whole catalog, all kinds.', examples: ['db-primary'] });

const LABEL_KEY = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Labels: free key/value pairs to group and filter documents (`env: prod`, `region: north`). */
export const labelsSchema = z
  .record(
    z
      .string()
      .max(128)
      .regex(LABEL_KEY, 'a label key is letters, digits, ".", "_" and "-", with an optional "prefix/"'),
    z.string().max(253),
  )
  .meta({ description: 'Key/value pairs for grouping and filtering.', examples: [{ env: 'prod' }] });

/** The metadata every document carries; `version`, `createdAt` and `updatedAt` are kept by the server. */
export const metadataSchema = z.strictObject({
  id: idSchema,
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Display name; the id when absent.' }),
  description: z.string().max(10_000).optional(),
  labels: labelsSchema.optional(),
  version: z
    .int()
    .positive()
    .optional()
    .meta({ description: 'Kept by the server; a PUT must carry the version it read (or send If-Match).' }),
  createdAt: z.iso.datetime().optional().meta({ description: 'Kept by the server.' }),
  updatedAt: z.iso.datetime().optional().meta({ description: 'Kept by the server.' }),
});

/** A document's metadata. */
export type Metadata = z.infer<typeof metadataSchema>;
