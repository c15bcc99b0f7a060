/** The dashboard's BIA cards: the BIAs requested of a service owner, and the BIA coverage of tier 1-2 services. */
import { Grid } from '@mantine/core';
import type { DocumentOf } from '../api/catalog';
import { useSession } from '../api/queries';
import { BiaCoverageCard } from './BiaCoverageCard';
import { BiaRequestedCard } from './BiaRequestedCard';

/** Today as `YYYY-MM-DD` (UTC, as campaign dates are plain dates). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The cards, side by side on a wide screen; "BIA requested" for service owners only. */
export function BiaDashboard({ services }: { services: readonly DocumentOf<'Service'>[] }) {
  const session = useSession();
  const owner = session.data?.role === 'owner';
  const names = new Map(services.map((service) => [service.metadata.id, service.metadata.name ?? '']));
  return (
    <Grid>
      {owner && (
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <BiaRequestedCard names={names} today={today()} />
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, lg: owner ? 5 : 12 }}>
        <BiaCoverageCard services={services} />
      </Grid.Col>
    </Grid>
  );
}
