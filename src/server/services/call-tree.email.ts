import { renderEmail } from '../notify/email-layout.ts';
import type { EmailMessage } from '../notify/types.ts';

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
  /** The one-time acknowledgement link. */
  ackUrl: string;
  /** LIFEBOAT_PUBLIC_URL: every link is made absolute from it. */
  publicUrl: string;
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
  const { text, html } = renderEmail(
    {
      heading: `Plan invoked: ${input.plan.name}`,
      paragraphs: [
        `${input.name},`,
        `The plan "${input.plan.name}" has been invoked: ${input.plan.scenario}`,
        ...(escalation ? [escalation] : []),
        role,
        `Activation criteria: ${input.plan.activation}`,
      ],
      sections: [{ title: 'The incident', items: [{ text: input.incident.id, url: input.incident.url }] }],
      action: { label: 'Acknowledge that you received this (no sign-in needed)', url: input.ackUrl },
    },
    input.publicUrl,
  );
  return {
    to: input.to,
    subject: `${escalation ? 'Escalated: ' : ''}Plan invoked: ${input.plan.name}. Please acknowledge`,
    text,
    html,
    category: 'call-tree',
  };
}
