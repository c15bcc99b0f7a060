/** A plan's frozen versions: who approved each and when, its SHA-256, and its content as it was approved. */
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useVersion } from '../api/plans';
import type { PlanVersionSummary } from '../api/plans';
import { formatInstant } from '../util/dates';
import { PlanOverview } from './PlanOverview';
import { PlanSteps } from './PlanSteps';

function when(at: string): string {
  return formatInstant(at);
}

function VersionContent({ id, number, serviceNames }: VersionProps) {
  const version = useVersion(id, number);
  if (version.isPending) return <Loader aria-label="Loading the version" />;
  if (version.isError) return <Alert color="red">{version.error.message}</Alert>;
  const { document } = version.data;
  return (
    <Stack data-testid="version-content">
      <Group gap="xs">
        <Title order={3} size="h4">
          {document.metadata.name ?? document.metadata.id}
        </Title>
        <Badge color="green">approved</Badge>
      </Group>
      <Text size="sm">
        Approved by {version.data.approvedBy} on{' '}
        <time dateTime={version.data.approvedAt}>{when(version.data.approvedAt)}</time>
      </Text>
      <Text size="sm">
        SHA-256 <Code style={{ wordBreak: 'break-all' }}>{version.data.checksum}</Code>
      </Text>
      {document.metadata.description && <Text>{document.metadata.description}</Text>}
      <PlanOverview plan={document} serviceNames={serviceNames} />
      <Title order={3} size="h4">
        Steps
      </Title>
      <PlanSteps plan={document} />
    </Stack>
  );
}

interface VersionProps {
  id: string;
  number: number;
  serviceNames: ReadonlyMap<string, string>;
}

/** The versions table; "Open" shows a version's frozen content in a dialog. */
export function PlanVersions({
  id,
  versions,
  serviceNames,
}: {
  id: string;
  versions: readonly PlanVersionSummary[];
  serviceNames: ReadonlyMap<string, string>;
}) {
  const [opened, setOpened] = useState<number | undefined>();
  if (versions.length === 0)
    return <Text c="dimmed">Not approved yet: approval freezes the plan as version 1.</Text>;
  const newestFirst = [...versions].reverse();
  return (
    <>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label="Versions" data-testid="plan-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Approved by</Table.Th>
              <Table.Th>Approved at</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {newestFirst.map((version) => (
              <Table.Tr key={version.number} data-version={version.number}>
                <Table.Td>{version.number}</Table.Td>
                <Table.Td>{version.approvedBy}</Table.Td>
                <Table.Td>
                  <time dateTime={version.approvedAt}>{when(version.approvedAt)}</time>
                </Table.Td>
                <Table.Td>
                  <Code title={version.checksum}>{version.checksum.slice(0, 16)}…</Code>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setOpened(version.number)}
                    aria-label={`Open version ${version.number}`}
                  >
                    Open
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={opened !== undefined}
        onClose={() => setOpened(undefined)}
        title={`Version ${opened ?? ''} as approved`}
        size="xl"
      >
        {opened !== undefined && <VersionContent id={id} number={opened} serviceNames={serviceNames} />}
      </Modal>
    </>
  );
}
