/** The invite dialog: email, name and role; the server emails a one-time link to set a password. */
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ROLES } from '../../../src/catalog/roles.ts';
import type { Role } from '../../../src/catalog/roles.ts';
import { inviteUser, userKeys } from '../api/users';
import { notifySuccess } from '../app/notify';
import { linkOutcome } from './link-outcome';

/** A modal form that invites one user. */
export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const invite = useMutation({
    mutationFn: () => inviteUser({ email, role, ...(name.trim() && { name: name.trim() }) }),
    meta: { silent: true },
    onSuccess: async (answer) => {
      notifySuccess(linkOutcome(answer, 'An invitation'));
      await queryClient.invalidateQueries({ queryKey: userKeys.users });
      setEmail('');
      setName('');
      setRole('viewer');
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Invite a user">
      <form onSubmit={submit} aria-label="Invite a user">
        <Stack>
          {invite.error && (
            <Alert color="red" role="alert">
              {invite.error.message}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            required
            data-autofocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} />
          <Select
            label="Role"
            data={[...ROLES]}
            value={role}
            allowDeselect={false}
            onChange={(value) => value && setRole(value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
