import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** What an unknown address shows. */
export function NotFoundPage({ what }: { what?: string }) {
  return (
    <Stack>
      <Title order={1} size="h2">
        Not found
      </Title>
      <Text>{what ?? 'There is no page at this address.'}</Text>
      <Anchor component={Link} to="/">
        Back to the dashboard
      </Anchor>
    </Stack>
  );
}
