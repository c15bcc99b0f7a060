/** Edits a dependsOn list: required dependencies and redundancy groups (any of, at least k of). */
import {
  ActionIcon,
  Button,
  Group,
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import type { Dependency } from '../api/catalog';
import type { FieldError } from '../api/client';
import { FAILURE_KINDS } from './kind-info';
import { MultiRefSelect, RefSelect } from './RefSelect';

interface Props {
  value: Dependency[];
  onChange: (value: Dependency[]) => void;
  /** Errors whose path starts with `spec.dependsOn`. */
  errors: FieldError[];
}

function membersOf(dependency: Exclude<Dependency, string>): string[] {
  return 'anyOf' in dependency ? dependency.anyOf : dependency.of;
}

function group(k: number, members: string[]): Dependency {
  return k <= 1 ? { anyOf: members } : { atLeast: k, of: members };
}

/** The dependsOn editor. */
export function DependsOnEditor({ value, onChange, errors }: Props) {
  const replace = (index: number, item: Dependency) =>
    onChange(value.map((old, i) => (i === index ? item : old)));
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index));
  const errorAt = (index: number) =>
    errors
      .filter((error) => error.path.startsWith(`spec.dependsOn[${index}]`))
      .map((error) => `${error.path.slice(`spec.dependsOn[${index}]`.length) || 'this'}: ${error.message}`)
      .join('; ') || undefined;
  const general = errors.filter((error) => error.path === 'spec.dependsOn').map((error) => error.message);

  return (
    <Input.Wrapper label="Depends on" error={general.join('; ') || undefined}>
      <Stack gap="xs" mt={4}>
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            No dependencies.
          </Text>
        )}
        {value.map((dependency, index) => (
          <Paper key={index} withBorder p="xs">
            <Group align="end" wrap="nowrap">
              <div style={{ flex: 1 }}>
                {typeof dependency === 'string' ? (
                  <RefSelect
                    label={`Dependency ${index + 1} (required)`}
                    kinds={FAILURE_KINDS}
                    value={dependency || undefined}
                    onChange={(id) => replace(index, id ?? '')}
                    error={errorAt(index)}
                    size="xs"
                  />
                ) : (
                  <Stack gap={4}>
                    <Group gap="xs" align="end">
                      <Input.Wrapper label={`Dependency ${index + 1} (redundancy group)`} size="xs">
                        <SegmentedControl
                          size="xs"
                          data={[
                            { value: 'any', label: 'Any one of' },
                            { value: 'atLeast', label: 'At least k of' },
                          ]}
                          value={'anyOf' in dependency ? 'any' : 'atLeast'}
                          onChange={(mode) =>
                            replace(index, group(mode === 'any' ? 1 : 2, membersOf(dependency)))
                          }
                        />
                      </Input.Wrapper>
                      {'atLeast' in dependency && (
                        <NumberInput
                          label="k"
                          size="xs"
                          w={70}
                          min={1}
                          value={dependency.atLeast}
                          onChange={(k) =>
                            replace(index, { atLeast: Math.max(1, Number(k) || 1), of: dependency.of })
                          }
                        />
                      )}
                    </Group>
                    <MultiRefSelect
                      label="Members"
                      kinds={FAILURE_KINDS}
                      value={membersOf(dependency)}
                      onChange={(members) =>
                        replace(index, group('anyOf' in dependency ? 1 : dependency.atLeast, members))
                      }
                      error={errorAt(index)}
                      size="xs"
                    />
                  </Stack>
                )}
              </div>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => remove(index)}
                aria-label={`Remove dependency ${index + 1}`}
              >
                ✕
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => onChange([...value, ''])}>
            Add a required dependency
          </Button>
          <Button size="xs" variant="default" onClick={() => onChange([...value, { anyOf: [] }])}>
            Add a redundancy group
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
