/** What the admin is told after an invitation or a reset. */
import type { LinkSent } from '../api/users';

/** Sent, or waiting in the outbox when no SMTP server is configured. */
export function linkOutcome(answer: LinkSent, what: string): string {
  return answer.emailSent
    ? `${what} was emailed to ${answer.user.email}`
    : `${what} for ${answer.user.email} is in the outbox: no SMTP server is configured, pass the link on yourself`;
}
