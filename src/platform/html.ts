/**
 * HTML escaping for everything that renders user or metric strings into HTML: job summaries (the toolkit's
 * summary inserts text verbatim), the release report and the freeze report.
 */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A table row of escaped cells, in the shape core.summary.addTable takes. */
export function row(cells: unknown[], header = false): Array<{ data: string; header?: boolean }> {
  return cells.map((c) => ({ data: escapeHtml(c), header }));
}
