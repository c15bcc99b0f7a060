/**
 * The 5 x 5 heat map of the register: likelihood up the side (most likely at the top), impact along the bottom,
 * with the policy's level names; each cell counts the risks there and is coloured by its score against the
 * appetite. A real table of buttons: each says its levels, score, standing and count, so nothing rests on colour.
 */
import { SegmentedControl, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { EffectivePolicy } from '../api/risk';
import { heatMap, levelName } from './risk-model';
import type { RiskRow, Scale } from './risk-model';
import classes from './HeatMap.module.css';

interface Props {
  rows: readonly RiskRow[];
  policy: EffectivePolicy;
  scale: Scale;
  onScale: (scale: Scale) => void;
  /** The cell the register is filtered to, if any. */
  selected: { likelihood: number; impact: number } | undefined;
  onSelect: (cell: { likelihood: number; impact: number } | undefined) => void;
}

/** The heat map with its inherent / residual toggle. */
export function HeatMap({ rows, policy, scale, onScale, selected, onSelect }: Props) {
  const grid = heatMap(rows, scale, policy);
  const { likelihood, impact, appetite } = policy.risk;
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Scores shown"
        value={scale}
        onChange={(value) => onScale(value)}
        data={[
          { value: 'inherent', label: 'Inherent' },
          { value: 'residual', label: 'Residual' },
        ]}
        w="fit-content"
      />
      <Table.ScrollContainer minWidth={520}>
        <Table
          withTableBorder
          withColumnBorders
          className={classes.grid}
          aria-label={`Heat map of ${scale} scores`}
          data-scale={scale}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Likelihood \ impact</Table.Th>
              {impact.map((level) => (
                <Table.Th key={level.level} scope="col" title={level.description}>
                  {levelName(impact, level.level)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.map((cells, index) => {
              const rowLevel = cells[0]?.likelihood ?? likelihood.length - index;
              return (
                <Table.Tr key={rowLevel}>
                  <Table.Th scope="row" title={likelihood.find((l) => l.level === rowLevel)?.description}>
                    {levelName(likelihood, rowLevel)}
                  </Table.Th>
                  {cells.map((cell) => {
                    const isSelected =
                      selected?.likelihood === cell.likelihood && selected.impact === cell.impact;
                    const standing = cell.aboveAppetite ? 'above the appetite' : 'within the appetite';
                    return (
                      <Table.Td
                        key={cell.impact}
                        className={classes.cell}
                        data-above={cell.aboveAppetite || undefined}
                        data-empty={cell.count === 0 || undefined}
                      >
                        <UnstyledButton
                          className={classes.button}
                          aria-pressed={isSelected}
                          data-cell={`${cell.likelihood}x${cell.impact}`}
                          onClick={() =>
                            onSelect(
                              isSelected ? undefined : { likelihood: cell.likelihood, impact: cell.impact },
                            )
                          }
                        >
                          {/* The name read out is the visible text with the rest in between: "2 risks at
                              likelihood 3 Possible, impact 4 Major, score 12, above the appetite". */}
                          <Text fw={700} fz="lg" data-testid="cell-count">
                            {cell.count}
                          </Text>
                          <VisuallyHidden>
                            {cell.count === 1 ? ' risk' : ' risks'} at likelihood{' '}
                            {levelName(likelihood, cell.likelihood)}, impact {levelName(impact, cell.impact)}
                            ,{' '}
                          </VisuallyHidden>
                          <Text fz="xs">score {cell.score}</Text>
                          <VisuallyHidden>, {standing}</VisuallyHidden>
                        </UnstyledButton>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        Red cells score above the appetite ({appetite}); green ones within it. A cell lists its risks below.
      </Text>
    </Stack>
  );
}
