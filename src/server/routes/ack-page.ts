import { escapeHtml } from '../../reports/report-html.ts';

/** What the acknowledgement page shows. */
export type AckPageState =
  | { kind: 'confirm'; token: string; name: string; plan: string; incident: string }
  | { kind: 'acknowledged'; name: string; incident: string; acknowledgedAt: string; already: boolean }
  | { kind: 'unknown'; detail: string };

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1b1e}
h1{font-size:1.5rem}button{font-size:1.1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#1c7ed6;color:#fff;cursor:pointer}
.muted{color:#555}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} - Lifeboat</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>
`;
}

/**
 * The page of an acknowledgement link, server-rendered with no script (the CSP allows none inline): a button
 * that posts the acknowledgement, what was acknowledged and when, or why the link does not work.
 */
export function ackPage(state: AckPageState): string {
  switch (state.kind) {
    case 'confirm':
      return page(
        'Acknowledge',
        `<h1>Plan invoked: ${escapeHtml(state.plan)}</h1>
<p>${escapeHtml(state.name)}, you are in the call tree of incident ${escapeHtml(state.incident)}.</p>
<p>Confirm that you received the notification; the incident's timeline records it.</p>
<form method="post" action="/api/v1/ack/${encodeURIComponent(state.token)}" enctype="text/plain">
<button type="submit">Acknowledge</button></form>`,
      );
    case 'acknowledged':
      return page(
        'Acknowledged',
        `<h1>${state.already ? 'Already acknowledged' : 'Acknowledged'}</h1>
<p>${escapeHtml(state.name)} ${state.already ? 'already acknowledged' : 'acknowledged'} at ${escapeHtml(state.acknowledgedAt)} (incident ${escapeHtml(state.incident)}).</p>
<p class="muted">Nothing more to do here; you may close this page.</p>`,
      );
    case 'unknown':
      return page(
        'Link not valid',
        `<h1>This link does not work</h1><p>${escapeHtml(state.detail)}.</p>
<p class="muted">Ask the incident manager to confirm that you were reached.</p>`,
      );
  }
}
