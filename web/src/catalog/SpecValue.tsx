/** A spec field's value, shown the way its type reads best: references linked, tiers as badges, groups as groups. */
import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Dependency } from '../api/catalog';
import type { FieldInfo } from './kind-info';
import { FAILURE_KINDS } from './kind-info';
import { RefLink } from './links';
import { formatDate, formatInstant } from '../util/dates';

const TIER_COLOURS = ['red', 'orange', 'yellow', 'gray'] as const;

/** A tier as a coloured badge. */
export function TierBadge({ tier }: { tier: number | undefined }) {
  if (tier === undefined) return null;
  return (
    <Badge
      color={TIER_COLOURS[tier - 1] ?? 'gray'}
      variant="light"
      aria-label={`Tier ${tier}`}
      style={{ flexShrink: 0 }}
    >
      Tier {tier}
    </Badge>
  );
}

/** A dependsOn list: required ids as links, redundancy groups boxed with their "k of n". */
export function DependsOnView({ dependsOn }: { dependsOn: Dependency[] | undefined }) {
  if (!dependsOn || dependsOn.length === 0) return <Text c="dimmed">nothing</Text>;
  return (
    <Stack gap={6}>
      {dependsOn.map((dependency, index) => {
        if (typeof dependency === 'string') {
          return (
            <Group key={index} gap="xs">
              <Badge size="xs" variant="outline" color="gray">
                required
              </Badge>
              <RefLink id={dependency} kinds={FAILURE_KINDS} />
            </Group>
          );
        }
        const members = 'anyOf' in dependency ? dependency.anyOf : dependency.of;
        const k = 'anyOf' in dependency ? 1 : dependency.atLeast;
        return (
          <Paper
            key={index}
            withBorder
            p={6}
            radius="sm"
            aria-label={`Redundancy group: ${k} of ${members.length}`}
          >
            <Group gap="xs">
              <Badge size="xs" color="teal" variant="light">
                {k === 1 ? 'any' : `at least ${k}`} of {members.length}
              </Badge>
              {members.map((id) => (
                <RefLink key={id} id={id} kinds={FAILURE_KINDS} />
              ))}
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** A scalar as text; anything else as JSON. */
export function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

/** One field's value. */
export function SpecValue({ field, value }: { field: FieldInfo; value: unknown }) {
  if (value === undefined || value === null || value === '') return <Text c="dimmed">-</Text>;
  switch (field.type) {
    case 'ref':
      return <RefLink id={asText(value)} kinds={field.kinds} />;
    case 'refs':
      return (
        <Group gap="xs">
          {(value as string[]).map((id) => (
            <RefLink key={id} id={id} kinds={field.kinds} />
          ))}
        </Group>
      );
    case 'tier':
      return <TierBadge tier={Number(value)} />;
    case 'deps':
      return <DependsOnView dependsOn={value as Dependency[]} />;
    case 'email':
      return <Anchor href={`mailto:${asText(value)}`}>{asText(value)}</Anchor>;
    case 'url':
      return (
        <Anchor href={asText(value)} target="_blank" rel="noreferrer">
          {asText(value)}
        </Anchor>
      );
    case 'text':
    case 'duration':
    case 'select':
    case 'number':
      return <Text>{asText(value)}</Text>;
    case 'date':
      return (
        <Text>
          <time dateTime={asText(value)}>{formatDate(asText(value))}</time>
        </Text>
      );
    case 'instant':
      return (
        <Text>
          <time dateTime={asText(value)}>{formatInstant(asText(value))}</time>
        </Text>
      );
    case 'other':
      return <Text ff="monospace">{asText(value)}</Text>;
  }
}
