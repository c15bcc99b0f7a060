/** A service's name linked to its page, with its tier badge beside it: how a table row names a service. */
import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';
import { documentPath } from './links';
import { TierBadge } from './SpecValue';

export function ServiceLink({
  id,
  name,
  tier,
  size,
}: {
  id: string;
  name: string;
  tier: number | undefined;
  size?: 'sm';
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor component={Link} to={documentPath('Service', id)} size={size}>
        {name}
      </Anchor>
      <TierBadge tier={tier} />
    </Group>
  );
}
