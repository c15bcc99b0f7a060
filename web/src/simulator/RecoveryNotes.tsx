/**
 * What the simulator's figures rest on: the standbys the scenario activates (and when each serves), and the
 * unknowns that make a time "at least" or a data loss unknown, each with its reason.
 */
import { Alert, List, Text } from '@mantine/core';
import type { ImpactResult } from '../api/analysis';
import { formatMinutes } from '../util/duration';

/** Standby activations and unknowns of one impact answer (nothing when there are neither). */
export function RecoveryNotes({
  result,
  names,
}: {
  result: ImpactResult;
  names: ReadonlyMap<string, string>;
}) {
  const name = (id: string) => names.get(id) ?? id;
  return (
    <>
      {result.activations.length > 0 && (
        <Alert color="blue" variant="light" title="Standbys activated" data-testid="activations">
          <Text size="sm">Failing over: each standby serves once its activation time has passed.</Text>
          <List size="sm">
            {result.activations.map((activation) => (
              <List.Item key={activation.id} data-node={activation.id}>
                {name(activation.id)}: ready after {formatMinutes(activation.readyMinutes)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result.unknown.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          title="Unknown, so some figures are “at least”"
          data-testid="unknowns"
        >
          <Text size="sm">
            These failed nodes have no recovery time, or are data stores that say nothing of their copies. A
            time that waits on one counts it as 0 and is a lower bound (“at least”); a breach it could cause
            shows as unknown, never as met.
          </Text>
          <Text size="sm" fw={600}>
            {result.unknown.map(name).join(', ')}
          </Text>
        </Alert>
      )}
    </>
  );
}
