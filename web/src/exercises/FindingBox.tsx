/** Note a finding at any moment of the exercise, and the findings noted so far. */
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { FindingSeverity, RecordEventBody } from '../api/exercises';
import type { FindingRecord } from './record-model';

const SEVERITIES: FindingSeverity[] = ['low', 'medium', 'high', 'critical'];

/** The finding form and list. */
export function FindingBox({
  findings,
  disabled,
  onRecord,
}: {
  findings: readonly FindingRecord[];
  disabled: boolean;
  onRecord: (body: RecordEventBody) => void;
}) {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState('');
  const [description, setDescription] = useState('');
  const note = () => {
    const trimmed = title.trim();
    if (trimmed === '') return;
    onRecord({
      type: 'finding',
      title: trimmed,
      ...(severity !== '' && { severity: severity as FindingSeverity }),
      ...(description.trim() !== '' && { description: description.trim() }),
    });
    setTitle('');
    setSeverity('');
    setDescription('');
  };
  return (
    <section aria-label="Findings">
      <Title order={2} size="h4" mb="xs">
        Findings
      </Title>
      <Stack
        component="form"
        gap="xs"
        aria-label="Note a finding"
        onSubmit={(event) => {
          event.preventDefault();
          note();
        }}
      >
        <TextInput
          label="Finding"
          placeholder="What went wrong or could be better"
          size="md"
          maxLength={300}
          value={title}
          disabled={disabled}
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        <NativeSelect
          label="Severity"
          size="md"
          value={severity}
          disabled={disabled}
          onChange={(event) => setSeverity(event.currentTarget.value)}
          data={[{ value: '', label: 'Not said' }, ...SEVERITIES.map((value) => ({ value, label: value }))]}
        />
        <Textarea
          label="Details"
          size="md"
          autosize
          minRows={2}
          maxLength={10_000}
          value={description}
          disabled={disabled}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
        <Button type="submit" size="lg" variant="light" disabled={disabled || title.trim() === ''}>
          Note finding
        </Button>
      </Stack>
      {findings.length > 0 && (
        <Stack component="ul" gap="xs" p={0} mt="sm" mb={0} style={{ listStyle: 'none' }}>
          {findings.map((finding) => (
            <Paper component="li" key={finding.key} withBorder p="xs" data-testid="finding">
              <Group gap="xs" wrap="nowrap" align="start">
                {finding.severity && <Badge variant="light">{finding.severity}</Badge>}
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {finding.title}
                  {finding.waiting && (
                    <Text span c="orange.8" size="sm">
                      {' '}
                      (waiting)
                    </Text>
                  )}
                </Text>
              </Group>
              {finding.description && (
                <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-line' }}>
                  {finding.description}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  );
}
