/** A likelihood x impact score as a badge coloured against the appetite, saying so in words too. */
import { Badge } from '@mantine/core';

/** A score, red above the appetite and green within it; the label says which, never the colour alone. */
export function ScoreBadge({ score, appetite, label }: { score: number; appetite: number; label?: string }) {
  const above = score > appetite;
  return (
    <Badge
      color={above ? 'red' : 'green'}
      variant={above ? 'filled' : 'light'}
      aria-label={`${label ?? 'Score'} ${score}, ${above ? 'above' : 'within'} the appetite of ${appetite}`}
      title={`${above ? 'Above' : 'Within'} the appetite (${appetite})`}
      style={{ flexShrink: 0 }}
    >
      {score}
    </Badge>
  );
}
