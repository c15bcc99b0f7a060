/** The owner of a service or component and how to reach them: what on-call staff look for first. */
import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CatalogDocument } from '../api/catalog';
import { useReference } from '../api/queries';
import { documentPath, RefLink } from './links';

function Contact({ label, value, href }: { label: string; value: string | undefined; href?: string }) {
  if (!value) return null;
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed" w={70}>
        {label}
      </Text>
      {href ? (
        <Anchor size="sm" href={href}>
          {value}
        </Anchor>
      ) : (
        <Text size="sm">{value}</Text>
      )}
    </Group>
  );
}

/** A card with the owner (team or person) and their contacts. */
export function OwnerCard({ owner }: { owner: string }) {
  const found = useReference(owner, ['Team', 'Person']);
  const doc: CatalogDocument | null | undefined = found.data;
  return (
    <Card withBorder aria-label="Owner and contacts">
      <Stack gap={4}>
        <Text fw={600}>Owner</Text>
        {found.isPending && <Text c="dimmed">Loading…</Text>}
        {found.data === null && <Text c="red">Unknown owner "{owner}"</Text>}
        {doc && (
          <>
            <Anchor component={Link} to={documentPath(doc.kind, doc.metadata.id)}>
              {doc.metadata.name ?? doc.metadata.id}
            </Anchor>
            <Text size="xs" c="dimmed">
              {doc.kind}
            </Text>
            {doc.kind === 'Team' && (
              <>
                {doc.spec.lead && (
                  <Group gap="xs">
                    <Text size="sm" c="dimmed" w={70}>
                      Lead
                    </Text>
                    <RefLink id={doc.spec.lead} kinds={['Person']} />
                  </Group>
                )}
                <Contact label="On call" value={doc.spec.onCall} href={phoneHref(doc.spec.onCall)} />
                <Contact label="Email" value={doc.spec.email} href={`mailto:${doc.spec.email}`} />
              </>
            )}
            {doc.kind === 'Person' && (
              <>
                <Contact label="Role" value={doc.spec.role} />
                <Contact label="Phone" value={doc.spec.phone} href={phoneHref(doc.spec.phone)} />
                <Contact label="Email" value={doc.spec.email} href={`mailto:${doc.spec.email}`} />
                {doc.spec.deputy && (
                  <Group gap="xs">
                    <Text size="sm" c="dimmed" w={70}>
                      Deputy
                    </Text>
                    <RefLink id={doc.spec.deputy} kinds={['Person']} />
                  </Group>
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** A tel: link when the text looks like a phone number (an on-call field may hold a rota's name instead). */
function phoneHref(value: string | undefined): string | undefined {
  return value && /^\+?[\d\s()-]{6,}$/.test(value) ? `tel:${value.replace(/[^\d+]/g, '')}` : undefined;
}
