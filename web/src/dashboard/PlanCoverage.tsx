/**
 * The list behind the plan figures: services without an approved plan, or without a plan reviewed on time,
 * most critical first. `/?coverage=approved#plan-coverage` (or `reviewed`) opens it scrolled into view.
 */
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { DocumentOf } from '../api/catalog';
import { documentPath } from '../catalog/links';
import { ServiceLink } from '../catalog/ServiceLink';
import type { CoverageGap, ServiceCoverage } from './plan-coverage';
import { hasGap } from './plan-coverage';

/** The id the plan figures link to. */
export const COVERAGE_ANCHOR = 'plan-coverage';

/** The address of the list of services with a gap. */
export function coveragePath(gap: CoverageGap): string {
  return `/?coverage=${gap}#${COVERAGE_ANCHOR}`;
}

const SHOWN = 20;

const STATUS_COLOURS = { draft: 'gray', approved: 'green', retired: 'dark' } as const;

interface Props {
  services: DocumentOf<'Service'>[];
  coverage: ReadonlyMap<string, ServiceCoverage>;
  due: ReadonlySet<string>;
}

/** The plan coverage section of the dashboard. */
export function PlanCoverage({ services, coverage, due }: Props) {
  const [params, setParams] = useSearchParams();
  const gap: CoverageGap = params.get('coverage') === 'reviewed' ? 'reviewed' : 'approved';
  const [showAll, setShowAll] = useState(false);
  const location = useLocation();
  const section = useRef<HTMLElement>(null);

  // A figure's link lands here: bring the list into view and move the keyboard focus to it.
  useEffect(() => {
    if (location.hash !== `#${COVERAGE_ANCHOR}`) return;
    section.current?.scrollIntoView({ block: 'start' });
    section.current?.focus({ preventScroll: true });
  }, [location.key, location.hash]);

  const rows = services
    .map((service) => ({ service, entry: coverage.get(service.metadata.id) }))
    .filter((row) => row.entry !== undefined && hasGap(row.entry, gap))
    .sort(
      (a, b) =>
        a.service.spec.tier - b.service.spec.tier ||
        (a.service.metadata.name ?? a.service.metadata.id).localeCompare(
          b.service.metadata.name ?? b.service.metadata.id,
        ),
    );
  const shown = showAll ? rows : rows.slice(0, SHOWN);
  const title =
    gap === 'approved' ? 'Services without an approved plan' : 'Services without a plan reviewed on time';

  return (
    <Card
      withBorder
      component="section"
      id={COVERAGE_ANCHOR}
      ref={section}
      tabIndex={-1}
      aria-label="Plan coverage"
      style={{ scrollMarginTop: 72 }}
    >
      <Group justify="space-between" mb="xs">
        <Title order={3}>{title}</Title>
        <SegmentedControl
          aria-label="Show services"
          value={gap}
          onChange={(value) =>
            setParams(
              (previous) => {
                const next = new URLSearchParams(previous);
                next.set('coverage', value);
                return next;
              },
              { replace: true, preventScrollReset: true },
            )
          }
          data={[
            { value: 'approved', label: 'No approved plan' },
            { value: 'reviewed', label: 'No plan reviewed on time' },
          ]}
        />
      </Group>
      {rows.length === 0 ? (
        <Text c="green">
          None: every service has {gap === 'approved' ? 'an approved plan' : 'a plan reviewed on time'}.
        </Text>
      ) : (
        <>
          <Text size="sm" c="red" mb="xs" data-testid="coverage-count">
            {rows.length} of {services.length} services
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table aria-label={title} data-testid="coverage">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Service</Table.Th>
                  <Table.Th>Plans that list it</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map(({ service, entry }) => (
                  <Table.Tr key={service.metadata.id} data-service={service.metadata.id}>
                    <Table.Td>
                      <ServiceLink
                        id={service.metadata.id}
                        name={service.metadata.name ?? service.metadata.id}
                        tier={service.spec.tier}
                      />
                    </Table.Td>
                    <Table.Td>
                      {entry?.plans.length ? (
                        <Group gap="sm">
                          {entry.plans.map((plan) => (
                            <Group key={plan.metadata.id} gap={4} wrap="nowrap">
                              <Anchor component={Link} to={documentPath('Plan', plan.metadata.id)} size="sm">
                                {plan.metadata.name ?? plan.metadata.id}
                              </Anchor>
                              <Badge
                                size="xs"
                                variant="light"
                                color={STATUS_COLOURS[plan.spec.status ?? 'draft']}
                              >
                                {plan.spec.status ?? 'draft'}
                              </Badge>
                              {due.has(plan.metadata.id) && (
                                <Badge size="xs" color="orange">
                                  review due
                                </Badge>
                              )}
                            </Group>
                          ))}
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          no plan
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length > shown.length && (
            <Button variant="subtle" mt="xs" onClick={() => setShowAll(true)}>
              Show all {rows.length}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
