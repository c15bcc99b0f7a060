/** The pieces of a risk's page: a titled section, a labelled row of a vertical table. */
import { Card, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A card with its heading, named for assistive technology by its title. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title} h="100%">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** One labelled value of a vertical table; `name` marks the cell (`data-field`) for tests and styles. */
export function Field({ label, children, name }: { label: string; children: ReactNode; name?: string }) {
  return (
    <Table.Tr>
      <Table.Th w={150}>{label}</Table.Th>
      <Table.Td data-field={name}>{children}</Table.Td>
    </Table.Tr>
  );
}
