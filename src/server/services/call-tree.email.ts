import type { EmailMessage } from '../notify/types.ts';

/** Text made safe to put inside HTML. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** What a call-tree email says. */
export interface CallTreeEmailInput {
  to: string;
  name: string;
  plan: { id: string; name: string; scenario: string; activation: string };
  incident: { id: string; url: string };
  contactNumber: number;
  contacts: number;
  role: string | undefined;
  /** Who did not answer, when this email is an escalation. */
  escalatedFrom: string | undefined;
  /** The one-time acknowledgement link, absolute. */
  ackUrl: string;
}

/** The email a contact of an invoked plan gets: what happened, the plan, their role, the acknowledgement link. */
export function callTreeEmail(input: CallTreeEmailInput): EmailMessage {
  const role = input.role
    ? `Your role in this plan: ${input.role} (contact ${input.contactNumber} of ${input.contacts} in the call tree).`
    : `You are contact ${input.contactNumber} of ${input.contacts} in the call tree.`;
  const escalation =
    input.escalatedFrom === undefined
      ? undefined
      : `This was escalated to you from ${input.escalatedFrom}, who did not acknowledge in time.`;
  const paragraphs = [
    `${input.name},`,
    `The plan "${input.plan.name}" has been invoked: ${input.plan.scenario}`,
    ...(escalation ? [escalation] : []),
    role,
    `Please acknowledge that you received this (no sign-in needed): ${input.ackUrl}`,
    `Activation criteria: ${input.plan.activation}`,
    `The incident: ${input.incident.url}`,
  ];
  const html = [
    `<p>${escapeHtml(input.name)},</p>`,
    `<p>The plan <strong>${escapeHtml(input.plan.name)}</strong> has been invoked: ${escapeHtml(input.plan.scenario)}</p>`,
    ...(escalation ? [`<p><strong>${escapeHtml(escalation)}</strong></p>`] : []),
    `<p>${escapeHtml(role)}</p>`,
    `<p><a href="${escapeHtml(input.ackUrl)}">Acknowledge that you received this</a> (no sign-in needed).</p>`,
    `<p>Activation criteria: ${escapeHtml(input.plan.activation)}</p>`,
    `<p><a href="${escapeHtml(input.incident.url)}">The incident in Lifeboat</a></p>`,
  ];
  return {
    to: input.to,
    subject: `${escalation ? 'Escalated: ' : ''}Plan invoked: ${input.plan.name}. Please acknowledge`,
    text: `${paragraphs.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${html.join('\n')}</body></html>`,
    category: 'call-tree',
  };
}
