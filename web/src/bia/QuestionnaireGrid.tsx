/**
 * The questionnaire: the policy's impact categories down the side and its horizons across, each cell a level
 * picked by its name (its description in the list); then the money lost after each horizon. A row cannot
 * decrease over time: levels below an earlier answer are not offered, and a higher answer raises the later cells.
 */
import { NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import type { EffectivePolicy } from '../api/bia';
import type { Impacts, Losses } from './bia-model';
import { decreasingLosses, formatMoney, levelFloor, setLevel } from './bia-model';

/** The levels of the policy, each with its description: the key to the grid. */
export function LevelKey({ policy }: { policy: EffectivePolicy }) {
  const described = policy.impact.levels.some((level) => level.description);
  return (
    <Table fz="xs" withTableBorder aria-label="Impact levels" data-testid="level-key">
      <Table.Tbody>
        {policy.impact.levels.map((level) => (
          <Table.Tr key={level.level}>
            <Table.Th w={140} style={{ whiteSpace: 'nowrap' }}>
              {level.level} {level.name}
              {level.level === policy.impact.tolerance && ' (tolerance)'}
            </Table.Th>
            {described && <Table.Td>{level.description ?? '-'}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The grid of levels and the loss row; `readOnly` shows the answers without controls. */
export function QuestionnaireGrid({
  policy,
  impacts,
  loss,
  onImpacts,
  onLoss,
  readOnly,
  errors,
}: {
  policy: EffectivePolicy;
  impacts: Impacts;
  loss: Losses;
  onImpacts: (impacts: Impacts) => void;
  onLoss: (loss: Losses) => void;
  readOnly: boolean;
  /** The server's messages by path (`impacts.financial.4h`, `loss.1d`). */
  errors: ReadonlyMap<string, string>;
}) {
  const { horizons, levels, categories } = policy.impact;
  const currency = policy.organisation.currency;
  const decreasing = decreasingLosses(loss, horizons);
  const levelName = (value: number | undefined) =>
    value === undefined ? '-' : `${value} ${levels.find((l) => l.level === value)?.name ?? ''}`.trim();

  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={140 + horizons.length * 130}>
        <Table withTableBorder withColumnBorders aria-label="Impact by category and outage length">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Category</Table.Th>
              {horizons.map((horizon) => (
                <Table.Th key={horizon} ta="center">
                  after {horizon}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {categories.map((category) => {
              const row = impacts[category.id] ?? {};
              return (
                <Table.Tr key={category.id} data-category={category.id}>
                  <Table.Th scope="row">{category.name}</Table.Th>
                  {horizons.map((horizon) => {
                    const value = row[horizon];
                    const error = errors.get(`impacts.${category.id}.${horizon}`);
                    if (readOnly)
                      return (
                        <Table.Td key={horizon} ta="center" data-horizon={horizon}>
                          {levelName(value)}
                        </Table.Td>
                      );
                    const floor = levelFloor(row, horizons, horizon);
                    return (
                      <Table.Td key={horizon} p={4} data-horizon={horizon}>
                        <Select
                          size="xs"
                          aria-label={`${category.name} after ${horizon}`}
                          placeholder="-"
                          clearable
                          allowDeselect={false}
                          error={error}
                          value={value === undefined ? null : String(value)}
                          data={levels.map((level) => ({
                            value: String(level.level),
                            label: `${level.level} ${level.name}`,
                            disabled: level.level < floor,
                          }))}
                          renderOption={({ option }) => {
                            const level = levels.find((l) => String(l.level) === option.value);
                            return (
                              <div>
                                <Text size="xs">{option.label}</Text>
                                {level?.description && (
                                  <Text size="xs" c="dimmed">
                                    {level.description}
                                  </Text>
                                )}
                              </div>
                            );
                          }}
                          comboboxProps={{ width: 240, position: 'bottom-start' }}
                          onChange={(picked) =>
                            onImpacts({
                              ...impacts,
                              [category.id]: setLevel(
                                row,
                                horizons,
                                horizon,
                                picked === null ? undefined : Number(picked),
                              ),
                            })
                          }
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
            <Table.Tr data-category="loss">
              <Table.Th scope="row">Loss ({currency})</Table.Th>
              {horizons.map((horizon) => {
                const value = loss[horizon];
                const earlier = decreasing.get(horizon);
                const error =
                  errors.get(`loss.${horizon}`) ?? (earlier ? `below the loss after ${earlier}` : undefined);
                if (readOnly)
                  return (
                    <Table.Td key={horizon} ta="right" data-horizon={horizon}>
                      {value === undefined ? '-' : formatMoney(value, currency)}
                    </Table.Td>
                  );
                return (
                  <Table.Td key={horizon} p={4} data-horizon={horizon}>
                    <NumberInput
                      size="xs"
                      aria-label={`Loss after ${horizon}`}
                      min={0}
                      allowNegative={false}
                      thousandSeparator=","
                      hideControls
                      error={error}
                      value={value ?? ''}
                      onChange={(entered) => {
                        const next = { ...loss };
                        if (entered === '' || Number.isNaN(Number(entered))) delete next[horizon];
                        else next[horizon] = Number(entered);
                        onLoss(next);
                      }}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!readOnly && (
        <Text size="xs" c="dimmed">
          Each cell: how bad an outage of that length is in that category. Levels and losses never go down as
          the outage gets longer: a higher answer raises the later cells. Losses are cumulative, in {currency}
          .
        </Text>
      )}
    </Stack>
  );
}
