/** The compliance page: the score, the checks with their failing items, the frameworks' requirements, the trend. */
import { Stack, Title } from '@mantine/core';

/** The Compliance page (`/compliance`). */
export function CompliancePage() {
  return (
    <Stack gap="md">
      <Title order={1}>Compliance</Title>
    </Stack>
  );
}
