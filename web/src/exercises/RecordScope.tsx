/** The services and components the exercise's scenario takes down, each with "Back" or when it was back. */
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ImpactResult } from '../api/analysis';
import type { RecordEventBody } from '../api/exercises';
import type { RecordView } from './record-model';
import { RecordedTime } from './RecordedTime';

/** The nodes in scope in two groups, services first, each in the order the engine gave. */
function groups(impact: ImpactResult): { title: string; nodes: ImpactResult['down'] }[] {
  return [
    { title: 'Services', nodes: impact.down.filter((node) => node.kind === 'Service') },
    { title: 'What they run on', nodes: impact.down.filter((node) => node.kind !== 'Service') },
  ].filter((group) => group.nodes.length > 0);
}

/** The "Back" list. */
export function RecordScope({
  impact,
  error,
  names,
  view,
  disabled,
  onRecord,
}: {
  impact: ImpactResult | undefined;
  error: Error | null;
  names: ReadonlyMap<string, string>;
  view: RecordView;
  disabled: boolean;
  onRecord: (body: RecordEventBody) => void;
}) {
  return (
    <section aria-label="Back in service">
      <Title order={2} size="h4" mb="xs">
        Back in service
      </Title>
      {error ? (
        <Alert color="red">The scenario's scope could not be worked out: {error.message}</Alert>
      ) : !impact ? (
        <Loader size="sm" aria-label="Loading the scope" />
      ) : impact.down.length === 0 ? (
        <Text c="dimmed">The scenario takes nothing down.</Text>
      ) : (
        <Stack gap="md">
          {groups(impact).map((group) => (
            <div key={group.title}>
              <Title order={3} size="h5" mb={4}>
                {group.title}
              </Title>
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {group.nodes.map((node) => {
                  const name = names.get(node.id) ?? node.id;
                  const back = view.restored.get(node.id);
                  return (
                    <Paper
                      component="li"
                      key={node.id}
                      withBorder
                      p="xs"
                      data-node={node.id}
                      aria-label={name}
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Stack gap={0} style={{ minWidth: 0 }}>
                          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                            {name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {node.kind.toLowerCase()}
                          </Text>
                        </Stack>
                        {back ? (
                          <RecordedTime label="Back" recorded={back} />
                        ) : (
                          <Button
                            size="lg"
                            variant="light"
                            color="green"
                            style={{ flexShrink: 0 }}
                            disabled={disabled}
                            onClick={() => onRecord({ type: 'restored', node: node.id })}
                          >
                            Back
                          </Button>
                        )}
                      </Group>
                    </Paper>
                  );
                })}
              </Stack>
            </div>
          ))}
        </Stack>
      )}
    </section>
  );
}
