/**
 * Job-summary helpers for the action entries. The toolkit's summary inserts text verbatim as HTML, so every user
 * or metric string goes through escapeHtml before it reaches core.summary; the escaping itself lives in the
 * platform layer because the release and freeze reports render HTML too.
 */
export { escapeHtml, row } from '../platform/html.js';
