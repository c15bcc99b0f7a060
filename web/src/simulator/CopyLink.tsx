/** "Copy link": a scenario is shared by its URL. */
import { Button, CopyButton } from '@mantine/core';

/** Copies the current address. */
export function CopyLink() {
  return (
    <CopyButton value={window.location.href}>
      {({ copied, copy }) => (
        <Button variant="default" onClick={copy}>
          {copied ? 'Link copied' : 'Copy link to this scenario'}
        </Button>
      )}
    </CopyButton>
  );
}
