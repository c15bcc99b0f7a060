import { renderEmail } from '../notify/email-layout.ts';
import type { EmailMessage } from '../notify/types.ts';

/** Why a one-time password link was sent. */
export type PasswordLinkPurpose = 'invitation' | 'reset';

/** The path of the page that takes a one-time link's token. */
export const SET_PASSWORD_PATH = '/set-password';

/** The link in an invitation or reset email: the set-password page with the token, absolute from the public URL. */
export function passwordLinkUrl(publicUrl: string, token: string): string {
  const base = publicUrl.endsWith('/') ? publicUrl.slice(0, -1) : publicUrl;
  return `${base}${SET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;
}

/**
 * The email with a one-time link to set a password: an invitation (with the role given) or a reset. Plain text
 * and HTML from the shared layout; the link is absolute.
 */
export function passwordLinkEmail(input: {
  purpose: PasswordLinkPurpose;
  to: string;
  name: string | null;
  role: string;
  invitedBy: string;
  link: string;
  expiresAt: string;
  publicUrl: string;
}): EmailMessage {
  const greeting = input.name ? `Hello ${input.name},` : 'Hello,';
  const until = `${input.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  const invitation = input.purpose === 'invitation';
  const content = invitation
    ? {
        heading: 'You are invited to Lifeboat',
        paragraphs: [
          greeting,
          `${input.invitedBy} invited you to Lifeboat, the IT service continuity catalog, as ${input.role}.`,
          `Set your password with the link below; it works once, until ${until}. Then sign in with ${input.to}.`,
        ],
        action: { label: 'Set your password', url: input.link },
        footer:
          'You get this email because an administrator invited you. If you did not expect it, ignore it.',
      }
    : {
        heading: 'Set a new Lifeboat password',
        paragraphs: [
          greeting,
          `${input.invitedBy} reset your Lifeboat password: your old password no longer works and you were signed out.`,
          `Set a new password with the link below; it works once, until ${until}.`,
        ],
        action: { label: 'Set a new password', url: input.link },
        footer: 'You get this email because an administrator reset your password.',
      };
  const { text, html } = renderEmail(content, input.publicUrl);
  return {
    to: input.to,
    subject: invitation ? 'Your invitation to Lifeboat' : 'Set a new Lifeboat password',
    text,
    html,
    category: invitation ? 'invitation' : 'password-reset',
  };
}
