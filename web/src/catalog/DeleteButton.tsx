/** Delete with a confirmation; a refusal names the documents that still refer to this one. */
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { deleteDocument } from '../api/catalog';
import type { CatalogDocument, Plural } from '../api/catalog';
import { isApiError } from '../api/client';
import { keys } from '../api/queries';
import { notifySuccess } from '../app/notify';
import { isKind, KIND_NAMES } from '../../../src/catalog/kinds.ts';
import { RefLink } from './links';

/** The "Delete" button of a detail page. */
export function DeleteButton({ plural, document }: { plural: Plural; document: CatalogDocument }) {
  const [opened, { open, close }] = useDisclosure();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const id = document.metadata.id;
  const mutation = useMutation({
    mutationFn: () => deleteDocument(plural, id, document.metadata.version),
    meta: { silent: true },
    onSuccess: async () => {
      close();
      notifySuccess(`Deleted ${id}`);
      queryClient.removeQueries({ queryKey: keys.document(plural, id) });
      await queryClient.invalidateQueries({ queryKey: keys.lists(plural) });
      await navigate(`/${plural}`);
    },
  });
  const error = mutation.error;
  return (
    <>
      <Button color="red" variant="light" onClick={open}>
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title={`Delete ${id}?`}>
        <Stack>
          <Text>This removes the document; the audit log keeps its history.</Text>
          {error && (
            <Alert color="red" role="alert" title={isApiError(error) ? error.problem.title : 'Error'}>
              {error.message}
              {isApiError(error) && error.problem.referrers && (
                <List size="sm" mt="xs">
                  {error.problem.referrers.map((referrer) => (
                    <List.Item key={`${referrer.id}${referrer.path}`}>
                      <RefLink
                        id={referrer.id}
                        kinds={isKind(referrer.kind) ? [referrer.kind] : KIND_NAMES}
                      />{' '}
                      ({referrer.path})
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <Group justify="end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" onClick={() => mutation.mutate()} loading={mutation.isPending}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
