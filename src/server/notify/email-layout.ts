import { escapeHtml } from '../../reports/report-html.ts';

/** The parts of an email Lifeboat writes: a heading, paragraphs, lists of linked items and one main action. */
export interface EmailContent {
  heading: string;
  paragraphs?: string[];
  sections?: EmailSection[];
  /** The button: a link relative to the public URL (`/plans/p1`) or absolute. */
  action?: { label: string; url: string };
  /** A closing line in small print: why the person gets this email, how to stop it. */
  footer?: string;
}

/** A titled list of items, each with an optional link and a note (`due 3 March`). */
export interface EmailSection {
  title: string;
  items: { text: string; url?: string; note?: string }[];
}

/**
 * `url` made absolute against the public URL (LIFEBOAT_PUBLIC_URL): every link in an email must work from a mail
 * client. Only http and https links are kept; anything else becomes the public URL itself.
 */
export function absoluteUrl(publicUrl: string, url: string): string {
  // `/plans/p1` stays under a public URL with a path (https://example.com/lifeboat/plans/p1).
  const relative = url.startsWith('/') && !url.startsWith('//') ? url.slice(1) : url;
  const resolved = new URL(relative, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  return resolved.protocol === 'http:' || resolved.protocol === 'https:'
    ? resolved.href
    : new URL(publicUrl).href;
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328;',
  card: 'max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;',
  heading: 'margin:0 0 16px;font-size:20px;',
  section: 'margin:20px 0 8px;font-size:16px;',
  button:
    'display:inline-block;margin-top:16px;padding:10px 18px;background:#1c7ed6;color:#ffffff;border-radius:4px;text-decoration:none;',
  footer: 'margin-top:24px;font-size:12px;color:#59636e;',
};

/**
 * The plain-text and HTML bodies of an email, in one layout shared by every email Lifeboat sends. Every value is
 * escaped in the HTML; every link is absolute from `publicUrl`.
 */
export function renderEmail(content: EmailContent, publicUrl: string): { text: string; html: string } {
  const link = (url: string) => absoluteUrl(publicUrl, url);
  const text: string[] = [content.heading, ''];
  const html: string[] = [
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(content.heading)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    `<h1 style="${STYLE.heading}">${escapeHtml(content.heading)}</h1>`,
  ];
  for (const paragraph of content.paragraphs ?? []) {
    text.push(paragraph, '');
    html.push(`<p>${escapeHtml(paragraph)}</p>`);
  }
  for (const section of content.sections ?? []) {
    text.push(section.title, '');
    html.push(`<h2 style="${STYLE.section}">${escapeHtml(section.title)}</h2><ul>`);
    for (const item of section.items) {
      const note = item.note ? ` (${item.note})` : '';
      text.push(`- ${item.text}${note}${item.url ? `\n  ${link(item.url)}` : ''}`);
      const label = escapeHtml(item.text);
      const linked = item.url ? `<a href="${escapeHtml(link(item.url))}">${label}</a>` : label;
      html.push(`<li>${linked}${item.note ? ` <span>(${escapeHtml(item.note)})</span>` : ''}</li>`);
    }
    text.push('');
    html.push('</ul>');
  }
  if (content.action) {
    text.push(`${content.action.label}: ${link(content.action.url)}`, '');
    html.push(
      `<p><a href="${escapeHtml(link(content.action.url))}" style="${STYLE.button}">${escapeHtml(content.action.label)}</a></p>`,
    );
  }
  if (content.footer) {
    text.push('--', content.footer);
    html.push(`<p style="${STYLE.footer}">${escapeHtml(content.footer)}</p>`);
  }
  html.push('</div></body></html>');
  return { text: `${text.join('\n').trimEnd()}\n`, html: html.join('\n') };
}
