/**
 * Job-summary helpers. The toolkit's summary inserts text verbatim as HTML, so every user or metric string goes
 * through escapeHtml before it reaches core.summary.
 */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A table row of escaped cells for core.summary.addTable. */
export function row(cells: unknown[], header = false): Array<{ data: string; header?: boolean }> {
  return cells.map((c) => ({ data: escapeHtml(c), header }));
}
