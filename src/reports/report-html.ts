/** The pieces every offline report's HTML file is made of (plan packs, exercise reports): escaping, tables, style. */

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A table from a header row and rows of text (escaped here). */
export function htmlTable(head: string[], rows: string[][], className?: string): string {
  const attribute = className === undefined ? '' : ` class="${escapeHtml(className)}"`;
  return `<table${attribute}><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * The style sheet every report shares, with its print rules. Inline only: a report must work from a USB stick or a
 * phone with no network (no fonts, scripts or images).
 */
export const REPORT_STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#111}
h1{font-size:1.8rem;margin:.2rem 0}h2{border-bottom:2px solid #0b3d91;margin-top:2rem;color:#0b3d91}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#e8edf7}.meta{color:#444}.warn{background:#fff3cd;border:1px solid #c90;padding:.5rem}
@media print{body{max-width:none;font-size:11pt}h2{break-after:avoid}tr{break-inside:avoid}.title{break-after:page}a{color:inherit}}
`;
