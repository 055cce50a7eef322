/** Action outputs and the job summary for a freeze run. Every user-supplied string is escaped. */
import type * as core from '@actions/core';
import { escapeHtml, row } from '../platform/html.js';
import type { FreezeWindowResult } from './run.js';
import type { FreezeWrite } from './run-context.js';
import { serializeFreezeState, type FreezeState } from './state.js';

function stateJson(state: FreezeState | null): string {
  return state === null ? 'null' : serializeFreezeState(state).trim();
}

/** What every freeze mode reports; `mergeable` is null where the mode does not count mergeable PRs. */
interface FreezeOutputValues {
  active: boolean;
  held: number;
  allowed: number;
  labelled: number;
  mergeable: number | null;
  state: FreezeState | null;
}

/** The action's outputs, the same six for every mode (action.yml declares them once). */
function outputsOf(values: FreezeOutputValues): Record<string, string> {
  return {
    active: String(values.active),
    held: String(values.held),
    allowed: String(values.allowed),
    labelled: String(values.labelled),
    mergeable: values.mergeable === null ? '' : String(values.mergeable),
    'state-json': stateJson(values.state),
  };
}

export function freezeOutputs(outcome: FreezeWindowResult): Record<string, string> {
  switch (outcome.mode) {
    case 'start': {
      const r = outcome.result;
      const held = r.pulls.filter((p) => p.class === 'held').length;
      const allowed = r.pulls.length - held;
      return outputsOf({
        active: true,
        held,
        allowed,
        labelled: r.labelledNow,
        mergeable: 0,
        state: r.state,
      });
    }
    case 'end': {
      const r = outcome.result;
      return outputsOf({
        active: false,
        held: 0,
        allowed: 0,
        labelled: r.unlabelledNow,
        mergeable: null,
        state: r.state,
      });
    }
    case 'guard': {
      const r = outcome.result;
      const held = r.decision === 'held' ? 1 : 0;
      const allowed = r.decision === 'held' || r.decision === 'skipped' ? 0 : 1;
      const labelled = r.writes.filter((w) => w.kind === 'label').length;
      return outputsOf({ active: r.active, held, allowed, labelled, mergeable: null, state: r.state });
    }
    case 'status': {
      const r = outcome.result;
      const counts = r.state?.active ? r.state.counts : undefined;
      const held = counts?.held ?? 0;
      const allowed = counts?.allowed ?? 0;
      return outputsOf({
        active: r.active,
        held,
        allowed,
        labelled: 0,
        mergeable: r.mergeable,
        state: r.state,
      });
    }
  }
}

/** Rows a folded table shows at most; the line above it says how many there were. */
const SHOWN_ROWS = 200;

/**
 * A table folded under one line that says what it holds: the summary reads as a verdict and its counts, and the
 * per-PR rows open on demand, as in the stage and mini-RCA summaries.
 */
function foldedTable(summary: typeof core.summary, label: string, header: string[], rows: string[][]): void {
  const shown = rows.slice(0, SHOWN_ROWS);
  const more = rows.length > shown.length ? ` (the first ${shown.length} shown)` : '';
  summary.addRaw(`<details><summary>${escapeHtml(`${label}: ${rows.length}${more}`)}</summary>\n\n`);
  summary.addTable([row(header, true), ...shown.map((cells) => row(cells))]);
  summary.addRaw('</details>\n');
}

function writesTable(summary: typeof core.summary, writes: FreezeWrite[], dryRun: boolean): void {
  if (writes.length === 0) {
    summary.addRaw('<p>No writes: GitHub already shows the freeze as decided.</p>');
    return;
  }
  foldedTable(
    summary,
    dryRun ? 'Would write (dry-run)' : 'Writes',
    ['PR', 'Kind', 'Detail'],
    writes.map((w) => [w.pull === null ? (w.sha ? w.sha.slice(0, 7) : '—') : `#${w.pull}`, w.kind, w.detail]),
  );
}

export function freezeSummary(
  outcome: FreezeWindowResult,
  dryRun: boolean,
  summary: typeof core.summary,
): typeof core.summary {
  const suffix = dryRun ? ' (dry-run)' : '';
  switch (outcome.mode) {
    case 'start': {
      const r = outcome.result;
      const held = r.pulls.filter((p) => p.class === 'held');
      summary.addHeading(`Freeze start: ${escapeHtml(r.state.release)}${suffix}`, 2);
      summary.addRaw(
        `<p><b>FROZEN</b> since ${escapeHtml(r.state.started_at)}: ${held.length} held (${held.filter((p) => p.blocked).length} blocked), ` +
          `${r.pulls.length - held.length} allowed, ${r.labelledNow} labelled by this run.</p>`,
      );
      summary.addRaw(
        r.mergeBlock
          ? `<p>Ruleset ${r.mergeBlock.ruleset_id} (${escapeHtml(r.mergeBlock.name)}) blocks every merge without <code>${escapeHtml(r.mergeBlock.context)}</code>; no held PR could merge ${(r.heldAfterMs / 1000).toFixed(1)} s after the run started.</p>`
          : `<p>No held PR could merge ${(r.heldAfterMs / 1000).toFixed(1)} s after the run started (blocking statuses written most-mergeable first).</p>`,
      );
      foldedTable(
        summary,
        'Open pull requests',
        ['PR', 'Class', 'Reason'],
        r.pulls.map((p) => [`#${p.number} ${p.title}`, p.blocked ? 'held (blocked)' : p.class, p.reason]),
      );
      writesTable(summary, r.writes, dryRun);
      return summary;
    }
    case 'end': {
      const r = outcome.result;
      summary.addHeading(`Freeze end${r.state ? `: ${escapeHtml(r.state.release)}` : ''}${suffix}`, 2);
      summary.addRaw(
        r.state === null
          ? '<p>No freeze was recorded; nothing to lift.</p>'
          : `<p>${r.unlabelledNow} label(s) removed, ${r.clearedNow} status(es) set to success, ${r.keptLabels.length} label(s) kept (present before the freeze).</p>`,
      );
      writesTable(summary, r.writes, dryRun);
      return summary;
    }
    case 'guard': {
      const r = outcome.result;
      summary.addHeading(`Freeze guard: ${escapeHtml(r.decision)}${suffix}`, 2);
      summary.addRaw(`<p>${escapeHtml(r.reason)}</p>`);
      foldedTable(
        summary,
        'Pull requests judged',
        ['PR', 'Decision', 'Reason'],
        r.pulls.map((p) => [`#${p.number}`, p.decision, p.reason]),
      );
      writesTable(summary, r.writes, dryRun);
      return summary;
    }
    case 'status': {
      summary.addHeading('Freeze status', 2);
      summary.addRaw(
        `<p>${escapeHtml(outcome.result.summary)}</p><p>Read from ${escapeHtml(outcome.result.source)}</p>`,
      );
      return summary;
    }
  }
}
