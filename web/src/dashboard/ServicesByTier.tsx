/** Services grouped by tier, with their objectives and proven RTOs: the first thing a continuity review looks at. */
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { DocumentOf } from '../api/catalog';
import { useProvenRtos } from '../api/exercise-analysis';
import { ProvenRtoText } from '../exercises/ProvenRto';
import { RefLink, documentPath } from '../catalog/links';
import { TierBadge } from '../catalog/SpecValue';
import { rtoOverMtpd } from '../../../src/catalog/check/continuity-rules.ts';

function Objective({ value, over }: { value: string | undefined; over?: boolean }) {
  if (!value)
    return (
      <Text c="red" size="sm">
        missing
      </Text>
    );
  return (
    <Text size="sm" c={over ? 'red' : undefined} title={over ? 'RTO is longer than the MTPD' : undefined}>
      {value}
    </Text>
  );
}

/** One table per tier. */
export function ServicesByTier({ services }: { services: DocumentOf<'Service'>[] }) {
  // A dash until the exercise analysis has come (or when it cannot be had): never "not proven" by mistake.
  const proven = useProvenRtos().data;
  const tiers = [1, 2, 3, 4].filter((tier) => services.some((service) => service.spec.tier === tier));
  return (
    <Stack>
      {tiers.map((tier) => {
        const rows = services.filter((service) => service.spec.tier === tier);
        return (
          <section key={tier} aria-label={`Tier ${tier} services`}>
            <Title order={3} mb="xs">
              <Anchor component={Link} to={`/services?tier=${tier}`} inherit>
                Tier {tier}
              </Anchor>{' '}
              <Text span c="dimmed" fz="md">
                ({rows.length})
              </Text>
            </Title>
            <Table.ScrollContainer minWidth={480}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Service</Table.Th>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>RTO</Table.Th>
                    <Table.Th>Proven RTO</Table.Th>
                    <Table.Th>RPO</Table.Th>
                    <Table.Th>MTPD</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((service) => {
                    return (
                      <Table.Tr key={service.metadata.id}>
                        <Table.Td>
                          <Anchor component={Link} to={documentPath('Service', service.metadata.id)}>
                            {service.metadata.name ?? service.metadata.id}
                          </Anchor>{' '}
                          <TierBadge tier={service.spec.tier} />
                        </Table.Td>
                        <Table.Td>{service.spec.type}</Table.Td>
                        <Table.Td>
                          {service.spec.owner ? (
                            <RefLink id={service.spec.owner} kinds={['Team', 'Person']} />
                          ) : (
                            <Text c="red" size="sm">
                              none
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Objective value={service.spec.rto} over={rtoOverMtpd(service.spec)} />
                        </Table.Td>
                        <Table.Td>
                          {proven ? (
                            <ProvenRtoText proven={proven.get(service.metadata.id)} />
                          ) : (
                            <Text size="sm" c="dimmed">
                              -
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Objective value={service.spec.rpo} />
                        </Table.Td>
                        <Table.Td>
                          <Objective value={service.spec.mtpd} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        );
      })}
    </Stack>
  );
}
