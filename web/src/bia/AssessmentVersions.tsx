/** An assessment's approved versions: each approval froze the assessment as it stood, by whom and when. */
import { Code, Table, Text } from '@mantine/core';
import type { AssessmentVersionSummary } from '../api/bia';
import { formatInstant } from '../util/dates';

/** The versions, newest first. */
export function AssessmentVersions({ versions }: { versions: readonly AssessmentVersionSummary[] }) {
  if (versions.length === 0) return <Text size="sm">No version has been approved yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped aria-label="Versions" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Approved by</Table.Th>
            <Table.Th>Approved at</Table.Th>
            <Table.Th>Checksum</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...versions].reverse().map((version) => (
            <Table.Tr key={version.number} data-version={version.number}>
              <Table.Td>{version.number}</Table.Td>
              <Table.Td>{version.approvedBy}</Table.Td>
              <Table.Td>
                <time dateTime={version.approvedAt}>{formatInstant(version.approvedAt)}</time>
              </Table.Td>
              <Table.Td>{version.checksum ? <Code>{version.checksum.slice(0, 12)}</Code> : '-'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
