/**
 * The form of a document, built from its kind's fields, with a JSON tab for anything the form does not cover.
 * Server errors land on the field their `path` names; the others are listed above the form.
 */
import {
  JsonInput,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { CatalogDocument, Dependency } from '../api/catalog';
import type { FieldError } from '../api/client';
import { UnplacedErrors } from './ConflictAlert';
import { DependsOnEditor } from './DependsOnEditor';
import type { FieldInfo, KindInfo } from './kind-info';
import { MultiRefSelect, RefSelect } from './RefSelect';

interface Props {
  info: KindInfo;
  draft: CatalogDocument;
  onChange: (draft: CatalogDocument) => void;
  errors: FieldError[];
  isNew: boolean;
  /** Paths a kind's own fields beside this form place their errors on (a plan's scenario and steps). */
  placedElsewhere?: readonly string[];
}

/** Whether an error's path belongs to the field at `path` (itself, an index or a member below it). */
function under(error: FieldError, path: string): boolean {
  return error.path === path || error.path.startsWith(`${path}[`) || error.path.startsWith(`${path}.`);
}

/** What a text input suggests for the formats it takes. */
const PLACEHOLDERS: Partial<Record<FieldInfo['type'], string>> = {
  duration: 'e.g. 4h, 1h30m, 2d',
  date: 'e.g. 2026-05-01',
  instant: 'e.g. 2026-02-03T08:15:00Z',
};

const PLACED = ['metadata.id', 'metadata.name', 'metadata.description', 'metadata.labels'];

/** The document form. */
export function DocumentForm({ info, draft, onChange, errors, isNew, placedElsewhere = [] }: Props) {
  const [json, setJson] = useState<string | null>(null);
  const spec = draft.spec as Record<string, unknown>;
  const errorOf = (path: string) =>
    errors
      .filter((error) => under(error, path))
      .map((error) =>
        error.path === path ? error.message : `${error.path.slice(path.length)}: ${error.message}`,
      )
      .join('; ') || undefined;
  const unplaced = errors.filter(
    (error) =>
      ![...PLACED, ...placedElsewhere].some((path) => under(error, path)) &&
      !info.fields.some((field) => under(error, `spec.${field.name}`)),
  );

  const setMeta = (name: 'name' | 'description' | 'id', value: string) => {
    const metadata: Record<string, unknown> = { ...draft.metadata, [name]: value };
    if (value === '' && name !== 'id') delete metadata[name];
    onChange({ ...draft, metadata } as CatalogDocument);
  };
  const setLabels = (pairs: string[]) => {
    const labels = Object.fromEntries(
      pairs.map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
    const metadata: Record<string, unknown> = { ...draft.metadata, labels };
    if (pairs.length === 0) delete metadata.labels;
    onChange({ ...draft, metadata } as CatalogDocument);
  };
  const setSpec = (name: string, value: unknown) => {
    const next: Record<string, unknown> = { ...spec, [name]: value };
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      delete next[name];
    onChange({ ...draft, spec: next } as CatalogDocument);
  };

  const renderField = (field: FieldInfo) => {
    const common = {
      label: field.label,
      description: field.help,
      required: field.required,
      error: errorOf(`spec.${field.name}`),
    };
    const value = spec[field.name];
    switch (field.type) {
      case 'text':
      case 'email':
      case 'url':
      case 'duration':
      case 'date':
      case 'instant':
        return (
          <TextInput
            key={field.name}
            {...common}
            type={field.type === 'email' || field.type === 'url' ? field.type : 'text'}
            placeholder={PLACEHOLDERS[field.type]}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => setSpec(field.name, event.currentTarget.value)}
          />
        );
      case 'number':
        return (
          <NumberInput
            key={field.name}
            {...common}
            value={typeof value === 'number' ? value : ''}
            onChange={(number) => setSpec(field.name, typeof number === 'number' ? number : undefined)}
          />
        );
      case 'select':
        return (
          <Select
            key={field.name}
            {...common}
            data={[...field.options]}
            clearable={!field.required}
            value={typeof value === 'string' ? value : null}
            onChange={(choice) => setSpec(field.name, choice ?? undefined)}
          />
        );
      case 'tier':
        return (
          <Select
            key={field.name}
            {...common}
            data={['1', '2', '3', '4']}
            value={typeof value === 'number' ? String(value) : null}
            onChange={(choice) => setSpec(field.name, choice === null ? undefined : Number(choice))}
          />
        );
      case 'ref':
        return (
          <RefSelect
            key={field.name}
            {...common}
            kinds={field.kinds}
            value={typeof value === 'string' ? value : undefined}
            onChange={(id) => setSpec(field.name, id)}
          />
        );
      case 'refs':
        return (
          <MultiRefSelect
            key={field.name}
            {...common}
            kinds={field.kinds}
            value={Array.isArray(value) ? (value as string[]) : []}
            onChange={(ids) => setSpec(field.name, ids)}
          />
        );
      case 'deps':
      case 'other':
        return null;
    }
  };

  const deps = info.fields.find((field) => field.type === 'deps');
  const labelPairs = Object.entries(draft.metadata.labels ?? {}).map(([key, value]) => `${key}=${value}`);

  return (
    <Stack>
      <UnplacedErrors errors={unplaced} />
      <Tabs
        defaultValue="form"
        onChange={(tab) => setJson(tab === 'json' ? JSON.stringify(draft, null, 2) : null)}
      >
        <Tabs.List>
          <Tabs.Tab value="form">Form</Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="md">
          <Stack>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput
                label="Id"
                description="Lowercase letters, digits and hyphens; unique across the catalog"
                required
                disabled={!isNew}
                value={draft.metadata.id}
                error={errorOf('metadata.id')}
                onChange={(event) => setMeta('id', event.currentTarget.value)}
              />
              <TextInput
                label="Name"
                value={draft.metadata.name ?? ''}
                error={errorOf('metadata.name')}
                onChange={(event) => setMeta('name', event.currentTarget.value)}
              />
            </SimpleGrid>
            <Textarea
              label="Description"
              autosize
              minRows={2}
              value={draft.metadata.description ?? ''}
              error={errorOf('metadata.description')}
              onChange={(event) => setMeta('description', event.currentTarget.value)}
            />
            <TagsInput
              label="Labels"
              description="key=value, Enter after each"
              value={labelPairs}
              error={errorOf('metadata.labels')}
              onChange={setLabels}
            />
            <SimpleGrid cols={{ base: 1, md: 2 }}>{info.fields.map(renderField)}</SimpleGrid>
            {deps && (
              <DependsOnEditor
                value={(spec.dependsOn as Dependency[] | undefined) ?? []}
                onChange={(value) => setSpec('dependsOn', value)}
                errors={errors.filter((error) => under(error, 'spec.dependsOn'))}
              />
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="md">
          <JsonInput
            label="Document (JSON)"
            description="Edits here replace the form's values while the JSON is valid"
            autosize
            minRows={12}
            validationError="Not valid JSON"
            value={json ?? ''}
            onChange={(text) => {
              setJson(text);
              try {
                onChange(JSON.parse(text) as CatalogDocument);
              } catch {
                // Keep typing: the form takes the JSON once it parses.
              }
            }}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
