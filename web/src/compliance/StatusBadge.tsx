/** A check's or requirement's status and a check's severity as badges: the word says it, the colour repeats it. */
import { Badge } from '@mantine/core';
import type { Severity } from '../../../src/compliance/types.ts';
import type { Status } from './compliance-model';

const STATUS_LOOK: Record<Status, { color: string; word: string }> = {
  pass: { color: 'green', word: 'pass' },
  fail: { color: 'red', word: 'fail' },
  'not-applicable': { color: 'gray', word: 'not applicable' },
  manual: { color: 'grape', word: 'manual' },
};

const SEVERITY_COLOR: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'gray' };

/** A status badge; a failure is filled so it stands out in a long list. */
export function StatusBadge({ status, size = 'md' }: { status: Status; size?: 'sm' | 'md' }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge
      color={look.color}
      variant={status === 'fail' ? 'filled' : 'light'}
      size={size}
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {look.word}
    </Badge>
  );
}

/** A check's severity, from the Policy. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="outline" style={{ flexShrink: 0 }}>
      {severity} severity
    </Badge>
  );
}
