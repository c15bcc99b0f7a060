/**
 * The service's declared objectives beside those its assessment suggests: a declared MTPD later than the derived
 * one, an RTO over the suggested RTO or a tier less critical than the suggested one is flagged, as `check` warns.
 */
import { Badge, Table, VisuallyHidden } from '@mantine/core';
import type { DocumentOf } from '../api/catalog';
import { formatMinutes, parseDuration } from '../util/duration';
import type { ServiceBia } from '../../../src/bia/current.ts';

type Service = DocumentOf<'Service'>;

function minutesOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDuration(text);
}

function Row({
  label,
  declared,
  suggested,
  worse,
  testId,
}: {
  label: string;
  declared: string;
  suggested: string;
  worse: string | undefined;
  testId: string;
}) {
  return (
    <Table.Tr data-testid={testId}>
      <Table.Th>{label}</Table.Th>
      <Table.Td data-column="declared">{declared}</Table.Td>
      <Table.Td data-column="suggested">{suggested}</Table.Td>
      <Table.Td>
        {worse && (
          <Badge color="orange" size="sm" tt="none">
            {worse}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Declared (the service) against suggested (the assessment being edited, live). */
export function ObjectivesCompare({
  service,
  suggestion,
}: {
  service: Service | undefined;
  suggestion: ServiceBia;
}) {
  const rto = minutesOf(service?.spec.rto);
  const mtpd = minutesOf(service?.spec.mtpd);
  const tier = service?.spec.tier;
  const none = 'none (the tolerance is never reached)';
  return (
    <Table.ScrollContainer minWidth={440}>
      <Table withTableBorder aria-label="Objectives, declared and suggested" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Objective</Table.Th>
            <Table.Th>Declared</Table.Th>
            <Table.Th>Suggested by this BIA</Table.Th>
            <Table.Th>
              <VisuallyHidden>Finding</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Row
            label="MTPD"
            testId="objective-mtpd"
            declared={service?.spec.mtpd ?? '-'}
            suggested={
              suggestion.derivedMtpdMinutes === undefined
                ? none
                : formatMinutes(suggestion.derivedMtpdMinutes)
            }
            worse={
              mtpd !== undefined &&
              suggestion.derivedMtpdMinutes !== undefined &&
              mtpd > suggestion.derivedMtpdMinutes
                ? 'later than derived'
                : undefined
            }
          />
          <Row
            label="RTO"
            testId="objective-rto"
            declared={service?.spec.rto ?? '-'}
            suggested={
              suggestion.suggestedRtoMinutes === undefined
                ? '-'
                : `at most ${formatMinutes(suggestion.suggestedRtoMinutes)}`
            }
            worse={
              rto !== undefined &&
              suggestion.suggestedRtoMinutes !== undefined &&
              rto > suggestion.suggestedRtoMinutes
                ? 'over suggested'
                : undefined
            }
          />
          <Row
            label="Tier"
            testId="objective-tier"
            declared={tier === undefined ? '-' : String(tier)}
            suggested={suggestion.suggestedTier === undefined ? '-' : String(suggestion.suggestedTier)}
            worse={
              tier !== undefined && suggestion.suggestedTier !== undefined && tier > suggestion.suggestedTier
                ? 'less critical than suggested'
                : undefined
            }
          />
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
