/** Edits a plan's call tree: who to reach, in order, what they do and when to move on to the next. */
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { FieldError } from '../api/client';
import type { PlanDocument } from '../api/plans';
import { RefSelect } from '../catalog/RefSelect';
import { errorsAt, moved, withContacts } from './editor-model';
import type { Contact } from './editor-model';
import { PEOPLE_KINDS } from './PlanOverview';

/** The call tree editor. */
export function ContactsEditor({
  draft,
  onChange,
  errors,
}: {
  draft: PlanDocument;
  onChange: (draft: PlanDocument) => void;
  errors: readonly FieldError[];
}) {
  const contacts = draft.spec.contacts ?? [];
  const replace = (next: Contact[]) => onChange(withContacts(draft, next));
  const set = (index: number, patch: Partial<Contact>) =>
    replace(contacts.map((old, i) => (i === index ? { ...old, ...patch } : old)));

  return (
    <Stack gap="xs">
      {contacts.length === 0 && (
        <Text size="sm" c="dimmed">
          Nobody to call yet.
        </Text>
      )}
      {contacts.map((contact, index) => {
        const path = `spec.contacts[${index}]`;
        return (
          <Paper key={index} withBorder p="xs" role="group" aria-label={`Contact ${index + 1}`}>
            <Group align="end" wrap="wrap" gap="xs">
              <Text w={24} size="sm" pb={8}>
                {index + 1}.
              </Text>
              <div style={{ flex: '2 1 200px' }}>
                <RefSelect
                  label={`Contact ${index + 1}`}
                  kinds={PEOPLE_KINDS}
                  required
                  size="xs"
                  value={contact.id || undefined}
                  error={errorsAt(errors, `${path}.id`)}
                  onChange={(id) => set(index, { id: id ?? '' })}
                />
              </div>
              <TextInput
                label="Role in this plan"
                size="xs"
                style={{ flex: '2 1 180px' }}
                value={contact.role ?? ''}
                error={errorsAt(errors, `${path}.role`)}
                onChange={(event) => set(index, { role: event.currentTarget.value })}
              />
              <TextInput
                label="Escalate after"
                placeholder="e.g. 15m"
                size="xs"
                w={110}
                value={contact.escalateAfter ?? ''}
                error={errorsAt(errors, `${path}.escalateAfter`)}
                onChange={(event) => set(index, { escalateAfter: event.currentTarget.value })}
              />
              <Group gap={4} pb={2}>
                <ActionIcon
                  variant="default"
                  aria-label={`Move contact ${index + 1} up`}
                  disabled={index === 0}
                  onClick={() => replace(moved(contacts, index, -1))}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  aria-label={`Move contact ${index + 1} down`}
                  disabled={index === contacts.length - 1}
                  onClick={() => replace(moved(contacts, index, 1))}
                >
                  ↓
                </ActionIcon>
                <Button
                  size="compact-sm"
                  color="red"
                  variant="subtle"
                  aria-label={`Remove contact ${index + 1}`}
                  onClick={() => replace(contacts.filter((_, i) => i !== index))}
                >
                  Remove
                </Button>
              </Group>
            </Group>
          </Paper>
        );
      })}
      <Button
        variant="light"
        size="xs"
        style={{ alignSelf: 'start' }}
        onClick={() => replace([...contacts, { id: '' }])}
      >
        Add a contact
      </Button>
    </Stack>
  );
}
