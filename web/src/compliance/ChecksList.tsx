/**
 * The checks, failing first, each opening onto its items: failing items first, each linked to the document to
 * fix, with its message and the evidence behind it (an approved version by number and checksum).
 */
import { Accordion, Anchor, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { CheckId, CheckItem, CheckResult, Evidence } from './compliance-model';
import {
  evidenceText,
  FRAMEWORK_LABELS,
  orderChecks,
  orderItems,
  passedShare,
  scoreText,
} from './compliance-model';
import { SeverityBadge, StatusBadge } from './StatusBadge';

/** Items drawn at first and per "Show more" (a large catalog's check covers thousands of services). */
const PAGE_ITEMS = 100;

/** Long ids and titles wrap instead of pushing a phone's screen sideways. */
const WRAP = { overflowWrap: 'anywhere' } as const;

function EvidenceLink({ evidence }: { evidence: Evidence }) {
  const text = evidenceText(evidence);
  return evidence.path ? (
    <Anchor component={Link} to={evidence.path} size="xs" style={WRAP}>
      {text}
    </Anchor>
  ) : (
    <Text span size="xs" style={WRAP}>
      {text}
    </Text>
  );
}

function ItemRow({ item }: { item: CheckItem }) {
  const name = item.kind === 'Catalog' ? item.id : `${item.kind} ${item.id}`;
  return (
    <Stack component="li" gap={2} data-item={item.id} data-status={item.status}>
      <Group gap="xs" wrap="nowrap" align="start">
        <StatusBadge status={item.status} size="sm" />
        {item.path ? (
          <Anchor component={Link} to={item.path} size="sm" fw={600} style={WRAP}>
            {name}
          </Anchor>
        ) : (
          <Text size="sm" fw={600} style={WRAP}>
            {name}
          </Text>
        )}
      </Group>
      <Text size="sm" style={WRAP}>
        {item.message}
      </Text>
      {item.evidence && item.evidence.length > 0 && (
        <Group gap="xs">
          <Text span size="xs" c="dimmed">
            Evidence:
          </Text>
          {item.evidence.map((evidence) => (
            <EvidenceLink
              key={`${evidence.type}/${evidence.id}/${evidence.version ?? ''}`}
              evidence={evidence}
            />
          ))}
        </Group>
      )}
    </Stack>
  );
}

function CheckItems({ check }: { check: CheckResult }) {
  const [shown, setShown] = useState(PAGE_ITEMS);
  const items = orderItems(check.items);
  return (
    <Stack gap="sm">
      <Text size="sm">{check.rule}</Text>
      {check.references.length > 0 && (
        <Text size="xs" c="dimmed">
          Evidences:{' '}
          {check.references
            .map((reference) => `${FRAMEWORK_LABELS[reference.framework]} ${reference.clause}`)
            .join('; ')}
        </Text>
      )}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing in its scope: the catalog holds nothing this check applies to.
        </Text>
      ) : (
        <Stack
          component="ul"
          gap="sm"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={`Items of ${check.id}`}
        >
          {items.slice(0, shown).map((item) => (
            <ItemRow key={`${item.kind}/${item.id}`} item={item} />
          ))}
        </Stack>
      )}
      {items.length > shown && (
        <Button variant="default" size="xs" w="fit-content" onClick={() => setShown(shown + PAGE_ITEMS)}>
          Show more ({items.length - shown} left)
        </Button>
      )}
    </Stack>
  );
}

function CheckControl({ check }: { check: CheckResult }) {
  const share = passedShare(check);
  return (
    <Group gap="xs" wrap="wrap">
      <Code>{check.id}</Code>
      <Text fw={600} style={WRAP}>
        {check.title}
      </Text>
      <StatusBadge status={check.status} />
      <SeverityBadge severity={check.severity} />
      <Text size="sm" c="dimmed" data-testid="check-counts">
        {check.passed} passed, {check.failed} failed
        {share !== null && ` (${scoreText(share)})`}
      </Text>
    </Group>
  );
}

/** The checks as an accordion; `open` (from the address) opens one and scrolls to it. */
export function ChecksList({ checks, open }: { checks: readonly CheckResult[]; open: CheckId | undefined }) {
  const [expanded, setExpanded] = useState<string[]>(open ? [open] : []);
  useEffect(() => {
    if (!open) return;
    setExpanded((current) => (current.includes(open) ? current : [...current, open]));
    document.getElementById(`check-${open}`)?.scrollIntoView({ block: 'start' });
  }, [open]);

  return (
    <Accordion multiple value={expanded} onChange={setExpanded} variant="separated" chevronPosition="left">
      {orderChecks(checks).map((check) => (
        <Accordion.Item
          key={check.id}
          value={check.id}
          id={`check-${check.id}`}
          data-check={check.id}
          data-status={check.status}
        >
          <Accordion.Control>
            <CheckControl check={check} />
          </Accordion.Control>
          <Accordion.Panel>{expanded.includes(check.id) && <CheckItems check={check} />}</Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
