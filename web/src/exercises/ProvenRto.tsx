/**
 * A service's proven RTO beside its RTO: what its latest counting exercise within its tier's interval achieved
 * (docs/exercises.md), linked to that exercise, or "not proven". Red when the proof is slower than the RTO.
 */
import { Anchor, Loader, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ProvenRto } from '../api/exercise-analysis';
import { useProvenRtos } from '../api/exercise-analysis';
import { formatMinutes } from '../util/duration';

/** "proven 6h 50m (exercise)", or "not proven"; `proven` undefined reads as not proven. */
export function ProvenRtoText({ proven, size = 'sm' }: { proven: ProvenRto | undefined; size?: string }) {
  if (proven?.provenMinutes == null || proven.exercise === null) {
    return (
      <Text span size={size} c="dimmed" data-testid="proven-rto">
        not proven
      </Text>
    );
  }
  const over = proven.rtoMinutes !== null && proven.provenMinutes > proven.rtoMinutes;
  return (
    <Text
      span
      size={size}
      c={over ? 'red' : 'green.8'}
      data-testid="proven-rto"
      title={over ? 'The last counting exercise took longer than the RTO' : undefined}
    >
      proven {formatMinutes(proven.provenMinutes)}
      {over && ', over the RTO'} (
      {/* Underlined: in coloured text a link must not be told by colour alone (WCAG 1.4.1). */}
      <Anchor
        component={Link}
        to={`/exercises/${encodeURIComponent(proven.exercise)}`}
        size={size}
        inherit
        underline="always"
      >
        {proven.exercise}
      </Anchor>
      )
    </Text>
  );
}

/** The proven RTO of one service, read from the exercise analysis. */
export function ServiceProvenRto({ service }: { service: string }) {
  const proven = useProvenRtos();
  if (proven.isPending) return <Loader size="xs" aria-label="Loading the proven RTO" />;
  // The RTO still shows without its proof when the analysis cannot be had.
  if (proven.isError) return null;
  return <ProvenRtoText proven={proven.data.get(service)} />;
}
