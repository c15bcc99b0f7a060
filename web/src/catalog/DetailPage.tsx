/** A document's page: its fields, owner and contacts, dependencies both ways, and its audit history. */
import {
  Alert,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Loader,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { canReadAudit, canWrite } from '../api/auth';
import { isPlural, KIND_OF } from '../api/catalog';
import type { Plural } from '../api/catalog';
import { isApiError } from '../api/client';
import { useDocument, useSession } from '../api/queries';
import { NotFoundPage } from '../app/NotFoundPage';
import { ServiceBia } from '../bia/ServiceBia';
import { ServiceProvenRto } from '../exercises/ProvenRto';
import { AuditHistory } from './AuditHistory';
import { DeleteButton } from './DeleteButton';
import { KIND_INFO } from './kind-info';
import { Neighbours } from './Neighbours';
import { OwnerCard } from './OwnerCard';
import { SpecValue } from './SpecValue';
import { formatInstant } from '../util/dates';

/** The detail page of the document named in the URL. */
export function DetailPage() {
  const { plural, id = '' } = useParams();
  if (!isPlural(plural)) return <NotFoundPage />;
  return <Detail key={`${plural}/${id}`} plural={plural} id={id} />;
}

function Detail({ plural, id }: { plural: Plural; id: string }) {
  const info = KIND_INFO[KIND_OF[plural]];
  const document = useDocument(plural, id);
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';

  if (document.isPending) return <Loader aria-label="Loading" />;
  if (document.isError) {
    return isApiError(document.error, 404) ? (
      <NotFoundPage what={`There is no ${info.singular} "${id}".`} />
    ) : (
      <Alert color="red">{document.error.message}</Alert>
    );
  }
  const doc = document.data;
  const spec = doc.spec as Record<string, unknown>;
  const owner = typeof spec.owner === 'string' ? spec.owner : undefined;

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {doc.metadata.name ?? doc.metadata.id}
            </Title>
            <Badge variant="outline">{doc.kind}</Badge>
          </Group>
          <Group gap="xs">
            <Code>{doc.metadata.id}</Code>
            <Text size="xs" c="dimmed">
              version {doc.metadata.version}
              {doc.metadata.updatedAt && `, updated ${formatInstant(doc.metadata.updatedAt)}`}
            </Text>
          </Group>
          {Object.entries(doc.metadata.labels ?? {}).length > 0 && (
            <Group gap={4}>
              {Object.entries(doc.metadata.labels ?? {}).map(([key, value]) => (
                <Badge key={key} variant="light" color="gray" tt="none">
                  {key}={value}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        <Group gap="xs">
          {info.failureNode && (
            <>
              <Button variant="default" component={Link} to={`/map?around=${encodeURIComponent(id)}`}>
                Map
              </Button>
              <Button variant="default" component={Link} to={`/simulator?fail=${encodeURIComponent(id)}`}>
                Simulate failure
              </Button>
            </>
          )}
          {canWrite(session.data, doc.kind) && (
            <>
              <Button component={Link} to={`/${plural}/${encodeURIComponent(id)}/edit`}>
                Edit
              </Button>
              <DeleteButton plural={plural} document={doc} />
            </>
          )}
        </Group>
      </Group>
      {doc.metadata.description && <Text>{doc.metadata.description}</Text>}

      <Tabs
        value={tab}
        onChange={(value) => setParams({ tab: value ?? 'overview' }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          {info.failureNode && <Tabs.Tab value="dependencies">Dependencies</Tabs.Tab>}
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Grid>
            <Grid.Col span={{ base: 12, md: owner ? 8 : 12 }}>
              <Table variant="vertical" withTableBorder aria-label="Fields">
                <Table.Tbody>
                  {info.fields.map((field) => (
                    <Table.Tr key={field.name}>
                      <Table.Th w={160}>{field.label}</Table.Th>
                      <Table.Td data-field={field.name}>
                        {doc.kind === 'Service' && field.name === 'rto' ? (
                          <Group gap="xs" data-testid="rto-line">
                            <SpecValue field={field} value={spec[field.name]} />
                            <Text span c="dimmed" aria-hidden>
                              ·
                            </Text>
                            <ServiceProvenRto service={id} />
                          </Group>
                        ) : (
                          <SpecValue field={field} value={spec[field.name]} />
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Grid.Col>
            {owner && (
              <Grid.Col span={{ base: 12, md: 4 }}>
                <OwnerCard owner={owner} />
              </Grid.Col>
            )}
            {doc.kind === 'Service' && (
              <Grid.Col span={12}>
                <ServiceBia service={id} />
              </Grid.Col>
            )}
          </Grid>
        </Tabs.Panel>
        {info.failureNode && (
          <Tabs.Panel value="dependencies" pt="md">
            <Neighbours id={id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="history" pt="md">
          <AuditHistory kind={doc.kind} id={id} enabled={canReadAudit(session.data)} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
