/**
 * The import page: pick a format, upload an export (CMDB CSV, ServiceNow, Backstage, Kubernetes), preview what
 * would change (counts by kind, a sample, the conversion's problems), then apply. Converted documents merge into
 * the stored ones, so hand-added objectives and recovery times stay (docs/importing.md). Managers and admins.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Code,
  FileInput,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { isKind } from '../../../src/catalog/kinds.ts';
import type { ConvertFormat, ConvertProblem } from '../../../src/convert/types.ts';
import { useSession } from '../api/queries';
import { applyImport, previewImport } from '../api/imports';
import type { ImportOutcome, ImportRequest, SampleDocument } from '../api/imports';
import { documentPath } from '../catalog/links';

const FORMATS: { value: ConvertFormat; label: string; files: string }[] = [
  { value: 'csv', label: 'CSV (iTop, GLPI, other CMDBs)', files: 'an items file and a relations file' },
  { value: 'servicenow', label: 'ServiceNow', files: 'the cmdb_ci and cmdb_rel_ci CSV exports' },
  { value: 'backstage', label: 'Backstage', files: 'catalog-info.yaml files' },
  { value: 'kubernetes', label: 'Kubernetes', files: 'manifest files (YAML, several documents each)' },
];

/** `items.csv:4: error: ...` */
function problemText(problem: ConvertProblem): string {
  const at = [problem.file, problem.line, problem.line !== undefined ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${at}: ${problem.severity}: ${problem.message}`;
}

/** A value of a changed field, short. */
function valueText(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function DocumentLink({ document }: { document: SampleDocument }) {
  const label = document.name ? `${document.name} (${document.id})` : document.id;
  return isKind(document.kind) ? (
    <Anchor component={Link} to={documentPath(document.kind, document.id)}>
      {label}
    </Anchor>
  ) : (
    <>{label}</>
  );
}

/** Counts by kind, the sample and the problems of a preview or an apply. */
function Outcome({ outcome }: { outcome: ImportOutcome }) {
  const { result, summary, problems } = outcome;
  const byKind = Object.entries(result.byKind ?? {});
  const sample = result.sample;
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="import-summary">
        {summary.items.read} items read ({summary.items.skipped} skipped), {summary.relations.read} relations
        read ({summary.relations.used} used, {summary.relations.skipped} skipped).
      </Text>
      <Table fz="sm" aria-label="Changes by kind" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Updated</Table.Th>
            <Table.Th>Unchanged</Table.Th>
            <Table.Th>Deleted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {byKind.map(([kind, counts]) => (
            <Table.Tr key={kind}>
              <Table.Td>{kind}</Table.Td>
              <Table.Td>{counts.created}</Table.Td>
              <Table.Td>{counts.updated}</Table.Td>
              <Table.Td>{counts.unchanged}</Table.Td>
              <Table.Td>{counts.deleted}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr fw={600}>
            <Table.Td>All</Table.Td>
            <Table.Td>{result.created}</Table.Td>
            <Table.Td>{result.updated}</Table.Td>
            <Table.Td>{result.unchanged}</Table.Td>
            <Table.Td>{result.deleted}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {sample && sample.created.length > 0 && (
        <div>
          <Title order={3} size="h5">
            {result.dryRun ? 'Would create' : 'Created'} (first {sample.created.length})
          </Title>
          <List size="sm">
            {sample.created.map((document) => (
              <List.Item key={document.id}>
                {document.kind} <DocumentLink document={document} />
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {sample && sample.updated.length > 0 && (
        <div>
          <Title order={3} size="h5">
            {result.dryRun ? 'Would change' : 'Changed'} (first {sample.updated.length})
          </Title>
          <List size="sm">
            {sample.updated.map((document) => (
              <List.Item key={document.id}>
                {document.kind} <DocumentLink document={document} />:{' '}
                {document.changes.map((change) => (
                  <Text span key={change.path} size="sm" mr="sm">
                    <Code>{change.path}</Code> {valueText(change.before)} → {valueText(change.after)}
                  </Text>
                ))}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {sample && sample.deleted.length > 0 && (
        <div>
          <Title order={3} size="h5">
            {result.dryRun ? 'Would delete' : 'Deleted'} (first {sample.deleted.length})
          </Title>
          <List size="sm">
            {sample.deleted.map((document) => (
              <List.Item key={document.id}>
                {document.kind} {document.name ? `${document.name} (${document.id})` : document.id}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {problems.length > 0 && (
        <Alert color={problems.some((p) => p.severity === 'error') ? 'red' : 'yellow'} title="Problems">
          <List size="sm" aria-label="Conversion problems">
            {problems.slice(0, 100).map((problem, index) => (
              <List.Item key={index}>{problemText(problem)}</List.Item>
            ))}
          </List>
          {problems.length > 100 && <Text size="sm">... and {problems.length - 100} more</Text>}
        </Alert>
      )}
    </Stack>
  );
}

/** `/import`. */
export function ImportPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<ConvertFormat>('csv');
  const [files, setFiles] = useState<File[]>([]);
  const [mapping, setMapping] = useState<File | null>(null);
  const [prune, setPrune] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>();

  async function body(): Promise<ImportRequest> {
    return {
      format,
      files: await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() }))),
      ...(mapping && { mapping: await mapping.text() }),
      prune,
    };
  }
  const preview = useMutation({
    mutationFn: async () => previewImport(await body()),
    onSuccess: setOutcome,
  });
  const apply = useMutation({
    mutationFn: async () => applyImport(await body()),
    onSuccess: async (answer) => {
      setOutcome(answer);
      // Any list, page or analysis may show what came in.
      await queryClient.invalidateQueries();
    },
  });
  const role = session.data?.role;
  if (session.data && role !== 'admin' && role !== 'manager')
    return <Alert color="yellow">Importing is for managers and admins.</Alert>;

  const chosen = FORMATS.find((item) => item.value === format)!;
  const busy = preview.isPending || apply.isPending;
  const error = preview.error ?? apply.error;
  const reset = () => {
    setOutcome(undefined);
    preview.reset();
    apply.reset();
  };
  return (
    <Stack maw={960}>
      <Title order={1}>Import</Title>
      <Text size="sm">
        Bring in what your CMDB, developer portal or manifests already hold. Imported documents keep their
        source: a later import updates them, and what you add by hand (objectives, recovery times, redundancy
        groups) stays. See docs/importing.md for each format and the mapping file.
      </Text>
      <Card withBorder>
        <Stack>
          <Select
            label="Format"
            data={FORMATS.map(({ value, label }) => ({ value, label }))}
            value={format}
            onChange={(value) => {
              if (value) setFormat(value);
              reset();
            }}
            allowDeselect={false}
          />
          <FileInput
            label="Files"
            description={`Upload ${chosen.files}`}
            multiple
            clearable
            value={files}
            onChange={(value) => {
              setFiles(value);
              reset();
            }}
          />
          {(format === 'csv' || format === 'servicenow') && (
            <FileInput
              label="Mapping file (optional)"
              description="Which columns hold the id, name, kind and type, and how relations become dependencies"
              clearable
              value={mapping}
              onChange={(value) => {
                setMapping(value);
                reset();
              }}
            />
          )}
          <Checkbox
            label={`Delete the documents from ${chosen.label.split(' ')[0]} that these files no longer hold (prune)`}
            checked={prune}
            onChange={(event) => {
              setPrune(event.currentTarget.checked);
              reset();
            }}
          />
          <Group>
            <Button
              onClick={() => preview.mutate()}
              disabled={files.length === 0 || busy}
              loading={preview.isPending}
            >
              Preview
            </Button>
            <Button
              color="green"
              onClick={() => apply.mutate()}
              disabled={!outcome?.result.dryRun || busy}
              loading={apply.isPending}
            >
              Apply
            </Button>
          </Group>
        </Stack>
      </Card>
      {error && (
        <Alert color="red" title="Not imported">
          {error.message}
        </Alert>
      )}
      {outcome && !outcome.result.dryRun && (
        <Alert color="green" data-testid="import-done">
          Imported: created {outcome.result.created}, updated {outcome.result.updated}, unchanged{' '}
          {outcome.result.unchanged}, deleted {outcome.result.deleted}.
        </Alert>
      )}
      {outcome && (
        <Card withBorder component="section" aria-label={outcome.result.dryRun ? 'Preview' : 'Result'}>
          <Title order={2} size="h3" mb="xs">
            {outcome.result.dryRun ? 'Preview: nothing is written yet' : 'Result'}
          </Title>
          <Outcome outcome={outcome} />
        </Card>
      )}
    </Stack>
  );
}
