/**
 * The compliance page (`/compliance?framework=&tab=checks|frameworks|trend&check=`): the score computed from the
 * catalog, the checks with their failing items linked to the documents to fix, each framework's requirements and
 * the checks that evidence them, and the trend of the daily snapshots.
 */
import { Alert, Button, Group, Loader, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CHECK_IDS } from '../../../src/catalog/vocabulary.ts';
import { evidencePackUrl, managementReviewUrl, useCompliance } from '../api/compliance';
import { ChecksList } from './ChecksList';
import type { CheckId } from './compliance-model';
import {
  countChecks,
  FRAMEWORK_CHOICES,
  FRAMEWORK_LABELS,
  frameworkParam,
  scoreText,
} from './compliance-model';
import { ComplianceTrend } from './ComplianceTrend';
import { FrameworksList } from './FrameworksList';

const TABS = ['checks', 'frameworks', 'trend'] as const;
type Tab = (typeof TABS)[number];

/** The Compliance page (`/compliance`). */
export function CompliancePage() {
  const [params, setParams] = useSearchParams();
  const framework = frameworkParam(params.get('framework'));
  const tab: Tab = TABS.find((t) => t === params.get('tab')) ?? 'checks';
  const openCheck = CHECK_IDS.find((id) => id === params.get('check'));
  const report = useCompliance(framework);
  const titles = useMemo(
    () => new Map<CheckId, string>((report.data?.checks ?? []).map((check) => [check.id, check.title])),
    [report.data],
  );

  /** Changes some of the address's parameters, keeping the others. */
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const counts = report.data ? countChecks(report.data.checks) : undefined;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Compliance
      </Title>
      <Text c="dimmed" maw={760}>
        Computed from the catalog, the approved versions and the audit log: each check applies a rule of the
        standards to every service, plan, risk or supplier in its scope, and names each document that fails
        it.
      </Text>
      <Group justify="space-between" align="end">
        <Group gap="lg" align="end">
          <Stack gap={0}>
            <Text size="sm" c="dimmed" id="compliance-score-label">
              Score{framework && ` (${FRAMEWORK_LABELS[framework]})`}
            </Text>
            <Text
              fz={36}
              fw={700}
              lh={1.1}
              data-testid="compliance-score"
              aria-describedby="compliance-score-label"
            >
              {report.data ? scoreText(report.data.score) : '…'}
            </Text>
          </Stack>
          {report.data && counts && (
            <Text size="sm" data-testid="compliance-summary">
              The share of passing items over all checks, on{' '}
              <span style={{ whiteSpace: 'nowrap' }}>{report.data.at}</span>: {counts.fail}{' '}
              {counts.fail === 1 ? 'check fails' : 'checks fail'}, {counts.pass}{' '}
              {counts.pass === 1 ? 'passes' : 'pass'}, {counts.notApplicable}{' '}
              {counts.notApplicable === 1 ? 'has' : 'have'} nothing in scope.
            </Text>
          )}
        </Group>
        <Select
          label="Framework"
          data={FRAMEWORK_CHOICES}
          value={framework ?? 'all'}
          onChange={(value) =>
            update({ framework: value === 'all' || !value ? undefined : value, check: undefined })
          }
          allowDeselect={false}
          w={220}
        />
      </Group>
      <Group gap="xs" role="group" aria-label="Reports">
        <Button
          component="a"
          href={evidencePackUrl(framework ?? 'iso22301', 'pdf')}
          variant="light"
          size="xs"
          title="The check results with their evidence, approved versions and checksums, exercises, incidents, risk acceptances and the audit log head, for the last 12 months"
        >
          Evidence pack, {FRAMEWORK_LABELS[framework ?? 'iso22301']} (PDF)
        </Button>
        <Button
          component="a"
          href={evidencePackUrl(framework ?? 'iso22301', 'html')}
          variant="light"
          size="xs"
        >
          Evidence pack (HTML)
        </Button>
        <Button
          component="a"
          href={managementReviewUrl('pdf')}
          variant="light"
          size="xs"
          title="Readiness and its trend, changes, exercises, incidents, actions, top risks, suppliers and the decisions needed (ISO 22301 9.3)"
        >
          Management review (PDF)
        </Button>
        <Button component="a" href={managementReviewUrl('html')} variant="light" size="xs">
          Management review (HTML)
        </Button>
      </Group>
      {report.isPending && <Loader aria-label="Computing the compliance checks" />}
      {report.isError && <Alert color="red">Compliance: {report.error.message}</Alert>}
      {report.data && (
        <Tabs value={tab} onChange={(value) => update({ tab: value ?? 'checks' })} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="checks">Checks ({report.data.checks.length})</Tabs.Tab>
            <Tabs.Tab value="frameworks">Frameworks</Tabs.Tab>
            <Tabs.Tab value="trend">Trend</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="checks" pt="md">
            <ChecksList checks={report.data.checks} open={openCheck} />
          </Tabs.Panel>
          <Tabs.Panel value="frameworks" pt="md">
            <FrameworksList
              frameworks={report.data.frameworks}
              checks={report.data.checks}
              selected={framework}
            />
          </Tabs.Panel>
          <Tabs.Panel value="trend" pt="md">
            <ComplianceTrend titles={titles} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
